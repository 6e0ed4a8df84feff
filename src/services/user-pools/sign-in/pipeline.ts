import { NotAuthorized, PasswordResetRequired, UserNotConfirmed } from "../../../errors";
import { runPostAuthentication } from "../../../triggers/authentication";
import type { Services } from "../../services";
import { assessSignIn, notifyOutcome, riskChallenge, signInCompleted } from "./adaptive-authentication";
import { deviceChallenge, rememberDevice } from "./devices";
import { mfaStep } from "./mfa";
import type { NextChallenge, SignInResult } from "./result";
import { challenge, type SignInState } from "./state";

export type { SignInState } from "./state";

/**
 * What follows a proven first factor: the user's state decides between an error and a new-password
 * challenge; then threat protection assesses the sign-in (and may refuse it); then MFA when the pool and
 * user call for it, or when the risk does; then the sign-in completes.
 */
export async function afterFirstFactor(services: Services, state: SignInState): Promise<SignInResult> {
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
  const assessed = assessSignIn(services, state);
  const mfa = (await mfaStep(services, assessed)) ?? (await riskChallenge(services, assessed));
  notifyOutcome(services, assessed, mfa !== undefined);
  if (mfa) return mfa;
  return completeSignIn(services, assessed);
}

/**
 * The last step of every sign-in, whoever started it: device proof, a new device's key when the pool
 * tracks devices, the post authentication trigger and the auth event. What the sign-in then earns
 * (tokens, an authorization code) is the caller's to issue.
 */
export async function completeSignIn(services: Services, state: SignInState): Promise<SignInResult> {
  const deviceProof = deviceChallenge(services, state);
  if (deviceProof) return deviceProof;
  const newDevice = rememberDevice(services, state);
  await runPostAuthentication(services, state.pool, state.client, { user: state.user, newDeviceUsed: newDevice !== undefined, clientMetadata: state.clientMetadata });
  signInCompleted(services, state);
  return {
    kind: "signedIn",
    pool: state.pool,
    client: state.client,
    user: state.user,
    method: state.method,
    authTime: services.clock.nowSeconds(),
    deviceKey: state.deviceKey ?? newDevice?.DeviceKey,
    newDevice,
    clientMetadata: state.clientMetadata,
    tokenSource: state.tokenSource ?? "Authentication",
  };
}

function newPasswordChallenge(services: Services, state: SignInState): NextChallenge {
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
