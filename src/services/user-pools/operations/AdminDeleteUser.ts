import type { AdminDeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { removeUser, requireUser } from "../directory/users";

export default operation<AdminDeleteUserRequest, Record<string, never>>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  removeUser(ctx.services, requireUser(ctx.services, pool, input.Username!));
  return {};
});
