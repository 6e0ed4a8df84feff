import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import type { TokenGenerationSource } from "../../../triggers/types";
import type { Services } from "../../services";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";
import type { NextChallenge, SignInMethod } from "./result";
import { openSession } from "./sessions";

/** A sign-in in progress: who, through which client, and what has been proven so far. */
export interface SignInState {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  /** How the first factor was proven. */
  method: SignInMethod;
  /**
   * The user's device the client named (DEVICE_KEY). A remembered one may spare MFA; either way it
   * proves itself with DEVICE_SRP_AUTH before the sign-in completes, and tokens carry it as device_key.
   */
  deviceKey?: string;
  clientMetadata?: Record<string, string>;
  /** Which TokenGeneration_* event the tokens are minted under; Authentication unless a step says otherwise. */
  tokenSource?: TokenGenerationSource;
}

/** What session data a challenge carries between steps (never sent to the client). */
export function sessionData(state: SignInState): Record<string, unknown> {
  return { method: state.method, deviceKey: state.deviceKey, clientMetadata: state.clientMetadata, tokenSource: state.tokenSource };
}

export function stateFromSession(pool: PoolRecord, client: ClientRecord, user: UserRecord, data: Record<string, unknown> | undefined): SignInState {
  return {
    pool,
    client,
    user,
    method: (data?.method as SignInMethod) ?? "PASSWORD",
    deviceKey: data?.deviceKey as string | undefined,
    clientMetadata: data?.clientMetadata as Record<string, string> | undefined,
    tokenSource: data?.tokenSource as TokenGenerationSource | undefined,
  };
}

/** Opens the session of the next challenge and names the challenge, as every challenge step does. */
export function challenge(
  services: Services,
  state: SignInState,
  name: ChallengeNameType,
  parameters: Record<string, string>,
  data: Record<string, unknown> = {},
  lookupKey?: string,
): NextChallenge {
  return {
    kind: "challenge",
    ChallengeName: name,
    Session: openSession(services, state.client, {
      UserPoolId: state.pool.Id,
      Username: state.user.Username,
      ChallengeName: name,
      Data: { ...sessionData(state), ...data },
      ...(lookupKey ? { LookupKey: lookupKey } : {}),
    }),
    ChallengeParameters: parameters,
  };
}
