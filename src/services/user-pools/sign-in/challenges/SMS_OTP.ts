import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { checkCodeAnswer } from "../otp";
import { afterFirstFactor } from "../pipeline";

/** The code texted to a verified phone number: the first factor of a passwordless sign-in, so no MFA follows. */
export default challengeHandler(async (services, { state, session, responses }) => {
  checkCodeAnswer(services, state, session, requireParameter(responses, "SMS_OTP_CODE"));
  return afterFirstFactor(services, { ...state, method: "SMS_OTP" });
});
