import type { ForgotPasswordRequest, ForgotPasswordResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, NotAuthorized, UserNotFound } from "../../../errors";
import { migrateUser } from "../../../triggers";
import { operation } from "../../operation";
import { issueCode } from "../directory/codes";
import { clientAndUser } from "../directory/lookup";
import { ADMIN_ONLY_RECOVERY, NO_RECOVERY_CONTACT, recoveryDestination, sendCode, simulatedDelivery } from "../directory/messages";

export default operation<ForgotPasswordRequest, ForgotPasswordResponse>(async (input, ctx) => {
  const { services } = ctx;
  const { client, pool, user: found } = clientAndUser(ctx, input);
  const clientMetadata = input.ClientMetadata;
  const user = found ?? (await migrateUser(services, pool, client, { source: "ForgotPassword", userName: input.Username!, clientMetadata }));
  // A client that hides which users exist answers for users it cannot help as if a code went out.
  const hideUsers = client.PreventUserExistenceErrors === "ENABLED";
  const simulated = { CodeDeliveryDetails: simulatedDelivery(pool, input.Username!) };
  if (!user) {
    if (hideUsers) return simulated;
    throw UserNotFound("Username/client id combination not found.");
  }
  if (!user.Enabled) {
    if (hideUsers) return simulated;
    throw NotAuthorized("User is disabled.");
  }
  if (user.UserStatus === "FORCE_CHANGE_PASSWORD") throw NotAuthorized("User password cannot be reset in the current state.");
  const destination = recoveryDestination(pool, user);
  if (destination === "admin_only") throw NotAuthorized(ADMIN_ONLY_RECOVERY);
  if (!destination) {
    if (hideUsers) return simulated;
    throw InvalidParameter(NO_RECOVERY_CONTACT);
  }
  const code = issueCode(services, user, "ForgotPassword", { AttributeName: destination.attribute });
  return { CodeDeliveryDetails: await sendCode(services, pool, user, destination, code.Code, "ForgotPassword", { clientId: client.ClientId, clientMetadata }) };
});
