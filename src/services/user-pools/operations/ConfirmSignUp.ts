import type { ConfirmSignUpRequest, ConfirmSignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { CodeMismatch, NotAuthorized, UserNotFound } from "../../../errors";
import { runPostConfirmation } from "../../../triggers";
import { operation } from "../../operation";
import { isContact, markContactVerified } from "../directory/attribute-updates";
import { checkCode, consumeCode } from "../directory/codes";
import { clientAndUser } from "../directory/lookup";
import { saveUser } from "../directory/users";

export default operation<ConfirmSignUpRequest, ConfirmSignUpResponse>(async (input, ctx) => {
  const { services } = ctx;
  const { client, pool, user: found } = clientAndUser(ctx, input);
  if (!found) {
    // A client that hides which users exist answers as for a wrong code.
    if (client.PreventUserExistenceErrors === "ENABLED") throw CodeMismatch("Invalid verification code provided, please try again.");
    throw UserNotFound("Username/client id combination not found.");
  }
  if (found.UserStatus !== "UNCONFIRMED") throw NotAuthorized(`User cannot be confirmed. Current status is ${found.UserStatus}`);

  const code = checkCode(services, found, "SignUp", input.ConfirmationCode!);
  const contact = code.AttributeName;
  const value = contact && isContact(contact) ? found.Attributes[contact] : undefined;
  const verified = contact && isContact(contact) && value ? markContactVerified(services, pool, found, contact, value, input.ForceAliasCreation === true) : found;
  const confirmed = saveUser(services, verified, { UserStatus: "CONFIRMED" });
  consumeCode(services, confirmed, "SignUp");
  await runPostConfirmation(services, pool, { source: "ConfirmSignUp", user: confirmed, clientId: client.ClientId, clientMetadata: input.ClientMetadata });
  return {};
});
