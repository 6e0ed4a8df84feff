import type { AccountTakeoverEventActionType, ChallengeNameType, RiskLevelType } from "@aws-sdk/client-cognito-identity-provider";
import type { TokenGenerationSource } from "../../../triggers/types";
import type { Services } from "../../services";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";
import type { RequestContext } from "./request-context";
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
  /** Where the current request comes from; each step has its own. */
  context?: RequestContext;
  /** The password just proven is a compromised one that threat protection let through. */
  compromised?: boolean;
  /** Threat protection's assessment, made once per sign-in and carried to its end. */
  threat?: SignInThreat;
}

/** What threat protection concluded about a sign-in (adaptive-authentication.ts). */
export interface SignInThreat {
  mode: "AUDIT" | "ENFORCED";
  /** The sign-in's auth event, InProgress until the sign-in completes. */
  eventId?: string;
  ip?: string;
  device?: string;
  level?: RiskLevelType;
  /** The configured response to the level, in full-function mode, and whether to email the user. */
  action?: AccountTakeoverEventActionType;
  notify?: boolean;
  /** For the notification of this request only; never kept in a session. */
  feedbackToken?: string;
}

/** A failed check of a sign-in step, as the lockout and the auth events count it. */
export interface FailedStep {
  step?: "Password" | "Mfa";
  /** The sign-in's event when threat protection opened one: the failure ends it. */
  eventId?: string;
  context?: RequestContext;
}

export function failureOf(state: SignInState, step: FailedStep["step"] = "Password"): FailedStep {
  return { step, eventId: state.threat?.eventId, context: state.context };
}

/** What session data a challenge carries between steps (never sent to the client). */
export function sessionData(state: SignInState): Record<string, unknown> {
  const threat = state.threat ? { ...state.threat, feedbackToken: undefined } : undefined;
  return { method: state.method, deviceKey: state.deviceKey, clientMetadata: state.clientMetadata, tokenSource: state.tokenSource, compromised: state.compromised, threat };
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
    compromised: data?.compromised as boolean | undefined,
    threat: data?.threat as SignInThreat | undefined,
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
