import { CodeMismatch, ExpiredCode, SoftwareTokenMfaNotFound } from "../../../../errors";
import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { assertNotLockedOut, clearFailedSignIns, recordFailedSignIn } from "../lockout";

import { completeSignIn } from "../pipeline";
import { secondFactorPassed } from "../adaptive-authentication";
import { failureOf } from "../state";
import { useTotpCode } from "../totp";

/**
 * The code of the user's authenticator app. Wrong codes count toward the sign-in lockout; a code
 * already used once is refused, as Cognito refuses it.
 */
export default challengeHandler(async (services, { state, responses }) => {
  const code = requireParameter(responses, "SOFTWARE_TOKEN_MFA_CODE");
  const { user } = state;
  if (!user.TotpSecret) throw SoftwareTokenMfaNotFound("Software Token MFA does not exist for the user.");
  assertNotLockedOut(services, user);
  const check = useTotpCode(services, user, user.TotpSecret, code);
  if (check === "wrong") {
    recordFailedSignIn(services, user, failureOf(state, "Mfa"));
    throw CodeMismatch("Invalid code received for user");
  }
  if (check === "reused") throw ExpiredCode("Your software token has already been used once.");
  clearFailedSignIns(services, user);
  secondFactorPassed(services, state);
  return completeSignIn(services, state);
});
