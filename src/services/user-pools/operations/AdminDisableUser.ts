import type { AdminDisableUserRequest, AdminDisableUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { requireUser, setUserEnabled } from "../directory/users";

export default operation<AdminDisableUserRequest, AdminDisableUserResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  setUserEnabled(ctx.services, requireUser(ctx.services, pool, input.Username!), false);
  return {};
});
