import type { AdminUserGlobalSignOutRequest, AdminUserGlobalSignOutResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { requireUser, signOutEverywhere } from "../directory/users";

export default operation<AdminUserGlobalSignOutRequest, AdminUserGlobalSignOutResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  signOutEverywhere(ctx.services, requireUser(ctx.services, pool, input.Username!));
  return {};
});
