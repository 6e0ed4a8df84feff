import type { DeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireSignedInUser } from "../sign-in/signed-in-user";
import { removeUser } from "../directory/users";

export default operation<DeleteUserRequest, Record<string, never>>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  removeUser(ctx.services, user);
  return {};
});
