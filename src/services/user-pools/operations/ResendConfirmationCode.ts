import type { ResendConfirmationCodeRequest, ResendConfirmationCodeResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UserNotFound } from "../../../errors";
import { operation } from "../../operation";
import { checkSecretHash } from "../auth";
import { issueCode } from "../codes";
import { requireClientById } from "../lookup";
import { sendCode, signUpDestination, simulatedDelivery } from "../messages";
import { findUser } from "../users";

export default operation<ResendConfirmationCodeRequest, ResendConfirmationCodeResponse>(async (input, ctx) => {
  const { services } = ctx;
  const { client, pool } = requireClientById(services, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = input.Username;
  const user = findUser(services, pool, input.Username!);
  checkSecretHash(client, input.Username!, input.SecretHash, user ? [user.Username] : []);
  if (!user) {
    if (client.PreventUserExistenceErrors === "ENABLED") return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username!) };
    throw UserNotFound("Username/client id combination not found.");
  }
  if (user.UserStatus !== "UNCONFIRMED") throw InvalidParameter("User is already confirmed.");
  const destination = signUpDestination(pool, user.Attributes);
  if (!destination) throw InvalidParameter("Cannot resend codes. Auto verification not turned on.");
  const code = issueCode(services, user, "SignUp", { AttributeName: destination.attribute });
  const context = { clientId: client.ClientId, clientMetadata: input.ClientMetadata };
  return { CodeDeliveryDetails: await sendCode(services, pool, user, destination, code.Code, "ResendCode", context) };
});
