import type { GetUserRequest, GetUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { mfaSettingsView } from "../sign-in/mfa";
import { attributeList } from "../directory/attributes";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<GetUserRequest, GetUserResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  return {
    Username: user.Username,
    UserAttributes: attributeList(user),
    ...mfaSettingsView(user),
  };
});
