import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { afterFirstFactor } from "../pipeline";
import { verifyAssertion } from "../webauthn";

/** A passkey's assertion (CREDENTIAL, an AuthenticationResponseJSON) over the challenge's request options. */
export default challengeHandler(async (services, { state, session, responses }) => {
  await verifyAssertion(services, state, session, requireParameter(responses, "CREDENTIAL"));
  return afterFirstFactor(services, { ...state, method: "WEB_AUTHN" });
});
