import type { GetUserAttributeVerificationCodeRequest, GetUserAttributeVerificationCodeResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { sendAttributeVerification } from "../directory/attribute-updates";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<GetUserAttributeVerificationCodeRequest, GetUserAttributeVerificationCodeResponse>(async (input, ctx) => {
  const { services } = ctx;
  const { pool, user, claims } = requireSignedInUser(services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  const context = { clientId: String(claims.client_id), clientMetadata: input.ClientMetadata };
  return { CodeDeliveryDetails: await sendAttributeVerification(services, pool, user, input.AttributeName!, context) };
});
