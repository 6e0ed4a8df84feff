import type { GetUserAttributeVerificationCodeRequest, GetUserAttributeVerificationCodeResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { sendAttributeVerification } from "../attribute-updates";
import { requireSignedInUser } from "../signed-in";

export default operation<GetUserAttributeVerificationCodeRequest, GetUserAttributeVerificationCodeResponse>((input, ctx) => {
  const { services } = ctx;
  const { pool, user } = requireSignedInUser(services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  return { CodeDeliveryDetails: sendAttributeVerification(services, pool, user, input.AttributeName!) };
});
