import type { AuthenticationResultType, ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { runPreTokenGeneration, type TokenGenerationSource } from "../../../triggers";
import type { Services } from "../../services";
import { groupsOfUser } from "../directory/groups";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";

export type AuthOutcome = {
  ChallengeName?: ChallengeNameType;
  Session?: string;
  ChallengeParameters: Record<string, string>;
  AuthenticationResult?: AuthenticationResultType;
  /** A hosted-UI sign-in's end: who signed in and when; the hosted UI issues its own tokens. */
  HostedSignIn?: { Sub: string; AuthTime: number };
};

/** What the pre token generation trigger is told about a sign-in. */
export interface TokenTrigger {
  source: TokenGenerationSource;
  clientMetadata?: Record<string, string>;
}

/** Tokens for a completed sign-in: ID, access and a new refresh token, as the pool's pre token generation trigger shapes them. */
export async function issueSignInTokens(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey?: string,
  trigger: TokenTrigger = { source: "Authentication" },
): Promise<AuthenticationResultType> {
  const groups = groupsOfUser(services, user);
  const customization = await runPreTokenGeneration(services, pool, { ...trigger, client, user, groups });
  return services.tokens.issue({ pool, client, user, groups, withRefreshToken: true, deviceKey, ...customization });
}
