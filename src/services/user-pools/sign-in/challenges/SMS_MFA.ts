import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { checkCodeAnswer } from "../otp";
import { completeSignIn } from "../pipeline";
import { secondFactorPassed } from "../adaptive-authentication";
import { saveUser } from "../../directory/users";

/** The code texted to the user's phone; answering it also verifies the number, as Cognito does. */
export default challengeHandler(async (services, { state, session, responses }) => {
  checkCodeAnswer(services, state, session, requireParameter(responses, "SMS_MFA_CODE"));
  const { user } = state;
  const verified = user.Attributes.phone_number_verified === "true" ? user : saveUser(services, user, { Attributes: { ...user.Attributes, phone_number_verified: "true" } });
  secondFactorPassed(services, state);
  return completeSignIn(services, { ...state, user: verified });
});
