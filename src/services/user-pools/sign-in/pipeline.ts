import type { NewDeviceMetadataType } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorized, PasswordResetRequired, UserNotConfirmed } from "../../../errors";
import type { Services } from "../../services";
import { runPostAuthentication, type TokenGenerationSource } from "../../../triggers";
import { type AuthOutcome, issueSignInTokens } from "./outcome";
import { deviceChallenge, rememberDevice } from "./devices";
import { mfaStep } from "./mfa";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";
import { openSession } from "./sessions";
import { recordAuthEvent } from "./auth-events";

/** A sign-in in progress: who, through which client, and what has been proven so far. */
export interface SignInState {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  /** How the first factor was proven. */
  method: "PASSWORD" | "PASSWORD_SRP" | "CUSTOM" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN" | "REFRESH";
  /**
   * The user's device the client named (DEVICE_KEY). A remembered one may spare MFA; either way it
   * proves itself with DEVICE_SRP_AUTH before tokens, which then carry it as device_key.
   */
  deviceKey?: string;
  clientMetadata?: Record<string, string>;
  /** Which TokenGeneration_* event the tokens are minted under; Authentication unless a step says otherwise. */
  tokenSource?: TokenGenerationSource;
  /** Started on the hosted UI's login page: it ends without API tokens (see completeSignIn). */
  hostedUi?: boolean;
}

/** What session data a challenge carries between steps (never sent to the client). */
export function sessionData(state: SignInState): Record<string, unknown> {
  return { method: state.method, deviceKey: state.deviceKey, clientMetadata: state.clientMetadata, tokenSource: state.tokenSource, hostedUi: state.hostedUi };
}

export function stateFromSession(pool: PoolRecord, client: ClientRecord, user: UserRecord, data: Record<string, unknown> | undefined): SignInState {
  return {
    pool,
    client,
    user,
    method: (data?.method as SignInState["method"]) ?? "PASSWORD",
    deviceKey: data?.deviceKey as string | undefined,
    clientMetadata: data?.clientMetadata as Record<string, string> | undefined,
    tokenSource: data?.tokenSource as TokenGenerationSource | undefined,
    hostedUi: data?.hostedUi === true,
  };
}

/** Opens the session of the next challenge and answers it, as every challenge step does. */
export function challenge(
  services: Services,
  state: SignInState,
  name: AuthOutcome["ChallengeName"] & string,
  parameters: Record<string, string>,
  data: Record<string, unknown> = {},
  lookupKey?: string,
): AuthOutcome {
  return {
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

/**
 * What follows a proven first factor: the user's state decides between an error and a new-password
 * challenge; then MFA when the pool and user call for it; then tokens.
 */
export async function afterFirstFactor(services: Services, state: SignInState): Promise<AuthOutcome> {
  const { user } = state;
  switch (user.UserStatus) {
    case "UNCONFIRMED":
      throw UserNotConfirmed("User is not confirmed.");
    case "RESET_REQUIRED":
      throw PasswordResetRequired("Password reset required for the user");
    case "FORCE_CHANGE_PASSWORD":
      if (user.TemporaryPasswordExpiresAt !== undefined && user.TemporaryPasswordExpiresAt <= services.clock.now()) {
        throw NotAuthorized("Temporary password has expired and must be reset by an administrator.");
      }
      return newPasswordChallenge(services, state);
  }
  const mfa = await mfaStep(services, state);
  if (mfa) return mfa;
  return completeSignIn(services, state);
}

/** The last step of every sign-in: device proof, then tokens, and a new device's key when the pool tracks devices. */
export async function completeSignIn(services: Services, state: SignInState): Promise<AuthOutcome> {
  const deviceProof = deviceChallenge(services, state);
  if (deviceProof) return deviceProof;
  const newDevice: NewDeviceMetadataType | undefined = rememberDevice(services, state);
  await runPostAuthentication(services, state.pool, state.client, { user: state.user, newDeviceUsed: newDevice !== undefined, clientMetadata: state.clientMetadata });
  recordAuthEvent(services, state.user, { response: "Pass", challenges: [{ ChallengeName: "Password", ChallengeResponse: "Success" }] });
  // The hosted UI grants its own tokens (TokenGeneration_HostedAuth); minting API tokens here would run
  // the pre token generation trigger twice for one sign-in.
  if (state.hostedUi) return { ChallengeParameters: {}, HostedSignIn: { Sub: state.user.Sub, AuthTime: services.clock.nowSeconds() } };
  const AuthenticationResult = await issueSignInTokens(services, state.pool, state.client, state.user, state.deviceKey ?? newDevice?.DeviceKey, {
    source: state.tokenSource ?? "Authentication",
    clientMetadata: state.clientMetadata,
  });
  if (newDevice) AuthenticationResult.NewDeviceMetadata = newDevice;
  return { ChallengeParameters: {}, AuthenticationResult };
}

function newPasswordChallenge(services: Services, state: SignInState): AuthOutcome {
  const { pool, user } = state;
  const required = (pool.SchemaAttributes ?? [])
    .filter((a) => a.Required && a.Name !== "sub" && !(a.Name! in user.Attributes))
    .map((a) => `userAttributes.${a.Name}`);
  const visible = Object.fromEntries(Object.entries(user.Attributes).filter(([name]) => !name.endsWith("_verified")));
  return challenge(services, state, "NEW_PASSWORD_REQUIRED", {
    USER_ID_FOR_SRP: user.Username,
    requiredAttributes: JSON.stringify(required),
    userAttributes: JSON.stringify(visible),
  });
}
