import type { VerifyUserAttributeRequest, VerifyUserAttributeResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { verifyAttribute } from "../directory/attribute-updates";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<VerifyUserAttributeRequest, VerifyUserAttributeResponse>((input, ctx) => {
  const { services } = ctx;
  const { pool, user } = requireSignedInUser(services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  verifyAttribute(services, pool, user, input.AttributeName!, input.Code!);
  return {};
});
