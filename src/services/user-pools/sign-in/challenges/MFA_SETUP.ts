import { InvalidParameter } from "../../../../errors";
import { challengeHandler } from "../challenge-handlers";
import { completeSignIn } from "../pipeline";

/**
 * Completes a sign-in that had to set up MFA: the session must come from a successful
 * VerifySoftwareToken (AssociateSoftwareToken, then VerifySoftwareToken, with the sign-in's sessions).
 */
export default challengeHandler(async (services, { state, session }) => {
  if (session.Data?.softwareTokenVerified !== true) throw InvalidParameter("User has not verified software token mfa");
  return completeSignIn(services, state);
});
