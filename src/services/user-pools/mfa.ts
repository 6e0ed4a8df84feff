import { UnsupportedOperation } from "../../errors";
import type { Services } from "../services";
import type { AuthOutcome } from "./auth";
import type { SignInState } from "./sign-in";

/**
 * The MFA step of a sign-in: a challenge when the pool requires MFA or the user has enabled it, else
 * undefined. Pools without MFA (OFF, the default) never ask.
 */
export async function mfaStep(_services: Services, state: SignInState): Promise<AuthOutcome | undefined> {
  const configuration = state.pool.MfaConfiguration ?? "OFF";
  if (configuration === "OFF") return undefined;
  throw UnsupportedOperation(`MfaConfiguration ${configuration} is not implemented in cognito-emu`);
}
