import type { GetUserRequest, GetUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { mfaSettingsView } from "../mfa";
import { attributeList } from "../attributes";
import { requireSignedInUser } from "../signed-in";

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
