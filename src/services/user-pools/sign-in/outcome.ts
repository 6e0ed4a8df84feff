import type { AuthenticationResultType, ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import type { TokenGenerationSource } from "../../../triggers";
import type { Services } from "../../services";
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

/** Tokens for a completed sign-in: ID, access and a new refresh token. */
export async function issueSignInTokens(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey?: string,
  trigger: TokenTrigger = { source: "Authentication" },
): Promise<AuthenticationResultType> {
  return services.tokens.mintUserTokens({ pool, client, user, source: trigger.source, clientMetadata: trigger.clientMetadata, deviceKey, withRefreshToken: true });
}
