import type { ResendConfirmationCodeRequest, ResendConfirmationCodeResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UserNotFound } from "../../../errors";
import { operation } from "../../operation";
import { issueCode } from "../directory/codes";
import { clientAndUser } from "../directory/lookup";
import { sendCode, signUpDestination, simulatedDelivery } from "../directory/messages";

export default operation<ResendConfirmationCodeRequest, ResendConfirmationCodeResponse>(async (input, ctx) => {
  const { services } = ctx;
  const { client, pool, user } = clientAndUser(ctx, input);
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
