import { NotAuthorized } from "../../../../errors";
import { challengeHandler } from "../challenge-handlers";
import { type DeviceProvenState, deviceSignedIn, requireSignInDevice } from "../devices";
import { completeSignIn } from "../pipeline";
import { claimHolds, exchangeFrom, readClaim } from "../srp";

/**
 * Device SRP, second half: the claim is signed with the device group key as pool name and the device
 * key as user. A proven device ends the sign-in (PostAuthentication sees no new device); its key goes
 * into the tokens, minted as TokenGeneration_AuthenticateDevice.
 */
export default challengeHandler(async (services, { state, session, responses }) => {
  const device = requireSignInDevice(services, state, responses.DEVICE_KEY);
  const exchange = exchangeFrom(session.Data);
  const claim = readClaim(responses);
  if (!claimHolds(services.clock, exchange, device.Verifier!, { poolName: device.DeviceGroupKey, userId: device.DeviceKey }, claim)) {
    throw NotAuthorized("Incorrect username or password.");
  }
  deviceSignedIn(services, device);
  const proven: DeviceProvenState = { ...state, deviceProven: true, tokenSource: "AuthenticateDevice" };
  return completeSignIn(services, proven);
});
