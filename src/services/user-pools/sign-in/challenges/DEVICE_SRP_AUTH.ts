import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { requireSignInDevice } from "../devices";
import { challenge } from "../state";
import { parseSrpA, startExchange } from "../srp";

/** Device SRP, first half: as USER_SRP_AUTH, with the verifier and salt the device gave ConfirmDevice. */
export default challengeHandler(async (services, { state, responses }) => {
  const device = requireSignInDevice(services, state, requireParameter(responses, "DEVICE_KEY"));
  const A = parseSrpA(requireParameter(responses, "SRP_A"));
  const exchange = startExchange(A, device.Verifier!);
  return challenge(
    services,
    state,
    "DEVICE_PASSWORD_VERIFIER",
    { USERNAME: state.user.Username, SRP_B: exchange.B, SALT: device.Salt!, SECRET_BLOCK: exchange.secretBlock, DEVICE_KEY: device.DeviceKey },
    { srp: exchange },
  );
});
