import type { AdminResetUserPasswordRequest, AdminResetUserPasswordResponse } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorized } from "../../../errors";
import { operation } from "../../operation";
import { issueCode } from "../directory/codes";
import { requirePool } from "../directory/lookup";
import { recoveryDestination, sendCode } from "../directory/messages";
import { requireUser, saveUser } from "../directory/users";

export default operation<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse>(async (input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  const user = requireUser(services, pool, input.Username!);
  if (!user.Enabled) throw NotAuthorized("User is disabled.");
  // A user who never set a password of their own has none to reset, as in ForgotPassword.
  if (user.UserStatus === "FORCE_CHANGE_PASSWORD") throw NotAuthorized("User password cannot be reset in the current state.");
  // The old password stops signing in (PasswordResetRequiredException) until the user sets a new one with the code.
  const reset = saveUser(services, user, { UserStatus: "RESET_REQUIRED" });
  // The code goes out only where self-service recovery has somewhere to send it.
  const destination = recoveryDestination(pool, reset);
  if (destination && destination !== "admin_only") {
    const code = issueCode(services, reset, "ForgotPassword", { AttributeName: destination.attribute });
    await sendCode(services, pool, reset, destination, code.Code, "AdminResetUserPassword", { clientMetadata: input.ClientMetadata });
  }
  return {};
});
