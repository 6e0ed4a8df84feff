import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { checkCodeAnswer } from "../otp";
import { afterFirstFactor, completeSignIn } from "../pipeline";
import { secondFactorPassed } from "../adaptive-authentication";

/**
 * The code emailed to the user: a second factor after the password (purpose "mfa"), or the first
 * factor of a passwordless sign-in, which then needs no second one.
 */
export default challengeHandler(async (services, { state, session, responses }) => {
  const purpose = checkCodeAnswer(services, state, session, requireParameter(responses, "EMAIL_OTP_CODE"));
  if (purpose === "first-factor") return afterFirstFactor(services, { ...state, method: "EMAIL_OTP" });
  secondFactorPassed(services, state);
  return completeSignIn(services, state);
});
