import type { ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse } from "@aws-sdk/client-cognito-identity-provider";
import { CodeMismatch, NotAuthorized, UserNotFound } from "../../../errors";
import { runPostConfirmation } from "../../../triggers";
import { operation } from "../../operation";
import { checkCode, consumeCode } from "../directory/codes";
import { clientAndUser } from "../directory/lookup";
import { checkPasswordPolicy, passwordCredentials } from "../sign-in/passwords";
import { saveUser } from "../directory/users";
import { logPasswordEvent, screenNewPassword } from "../sign-in/compromised-credentials";
import { userRequestContext } from "../sign-in/request-context";

const WRONG_CODE = "Invalid verification code provided, please try again.";

export default operation<ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse>(async (input, ctx) => {
  const { services } = ctx;
  const { client, pool, user } = clientAndUser(ctx, input);
  // A client that hides which users exist answers for missing and disabled users as for a wrong code.
  const hideUsers = client.PreventUserExistenceErrors === "ENABLED";
  if (!user) throw hideUsers ? CodeMismatch(WRONG_CODE) : UserNotFound("Username/client id combination not found.");
  if (!user.Enabled) throw hideUsers ? CodeMismatch(WRONG_CODE) : NotAuthorized("User is disabled.");

  checkPasswordPolicy(pool, input.Password!);
  checkCode(services, user, "ForgotPassword", input.ConfirmationCode!);
  const context = userRequestContext(client, ctx.sourceIp, ctx.headers, input.UserContextData);
  const screening = { pool, clientId: client.ClientId, user, password: input.Password!, context, eventType: "ForgotPassword" as const };
  const compromised = screenNewPassword(services, "PASSWORD_CHANGE", screening);
  // A completed reset ends RESET_REQUIRED and confirms a user who had not confirmed yet.
  const reset = saveUser(services, user, { ...passwordCredentials(pool, user.Username, input.Password!), UserStatus: "CONFIRMED", TemporaryPasswordExpiresAt: undefined });
  consumeCode(services, reset, "ForgotPassword");
  logPasswordEvent(services, reset, "ForgotPassword", context, compromised);
  await runPostConfirmation(services, pool, { source: "ConfirmForgotPassword", user: reset, clientId: client.ClientId, clientMetadata: input.ClientMetadata });
  return {};
});
