import { NotAuthorized } from "../../../../errors";
import { challengeHandler } from "../challenge-handlers";
import { claimedDevice } from "../devices";
import { assertNotLockedOut, clearFailedSignIns, recordFailedSignIn } from "../lockout";
import { srpSecrets } from "../passwords";
import { afterFirstFactor } from "../pipeline";
import { failureOf } from "../state";
import { claimHolds, exchangeFrom, readClaim, srpPoolName } from "../srp";

/**
 * Secure Remote Password, second half: the client signs the secret block and its timestamp with the
 * key only the password yields. A wrong proof counts as a wrong password.
 */
export default challengeHandler(async (services, { state, session, responses }) => {
  const { pool, user } = state;
  const exchange = exchangeFrom(session.Data);
  const claim = readClaim(responses);
  assertNotLockedOut(services, user);
  const verifier = srpSecrets(services, user)?.verifier;
  if (!verifier || !claimHolds(services.clock, exchange, verifier, { poolName: srpPoolName(pool.Id), userId: user.Username }, claim)) {
    recordFailedSignIn(services, user, failureOf(state));
    throw NotAuthorized("Incorrect username or password.");
  }
  clearFailedSignIns(services, user);
  const deviceKey = claimedDevice(services, pool, user, responses.DEVICE_KEY || (session.Data?.claimedDeviceKey as string | undefined));
  return afterFirstFactor(services, { ...state, method: "PASSWORD_SRP", deviceKey });
});
