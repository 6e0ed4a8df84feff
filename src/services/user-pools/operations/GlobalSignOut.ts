import type { GlobalSignOutRequest, GlobalSignOutResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { signOutEverywhere } from "../directory/users";

export default operation<GlobalSignOutRequest, GlobalSignOutResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  signOutEverywhere(ctx.services, user);
  return {};
});
