import type { ChangePasswordRequest, ChangePasswordResponse } from "@aws-sdk/client-cognito-identity-provider";
import { NotAuthorized } from "../../../errors";
import { operation } from "../../operation";
import { assertNotLockedOut, clearFailedSignIns, recordFailedSignIn } from "../sign-in/lockout";
import { checkPassword, checkPasswordPolicy, hasPassword, passwordCredentials } from "../sign-in/passwords";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { saveUser } from "../directory/users";
import { logPasswordEvent, screenNewPassword } from "../sign-in/compromised-credentials";
import { sourceRequestContext } from "../sign-in/request-context";

export default operation<ChangePasswordRequest, ChangePasswordResponse>((input, ctx) => {
  const { services } = ctx;
  const { pool, user, claims } = requireSignedInUser(services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  assertNotLockedOut(services, user);
  // PreviousPassword may be left out only by users who have none (passwordless sign-in).
  if (hasPassword(user) && !checkPassword(services, user, input.PreviousPassword ?? "")) {
    recordFailedSignIn(services, user);
    throw NotAuthorized("Incorrect username or password.");
  }
  clearFailedSignIns(services, user);
  checkPasswordPolicy(pool, input.ProposedPassword!);
  const context = sourceRequestContext(ctx.sourceIp, ctx.headers);
  const clientId = typeof claims.client_id === "string" ? claims.client_id : undefined;
  const compromised = screenNewPassword(services, "PASSWORD_CHANGE", { pool, clientId, user, password: input.ProposedPassword!, context, eventType: "PasswordChange" });
  const changed = saveUser(services, user, passwordCredentials(pool, user.Username, input.ProposedPassword!));
  logPasswordEvent(services, changed, "PasswordChange", context, compromised);
  return {};
});
