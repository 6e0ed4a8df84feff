import type { AdminAddUserToGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { addToGroup, requireGroup } from "../directory/groups";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminAddUserToGroupRequest, Record<string, never>>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const group = requireGroup(ctx.services, pool.Id, input.GroupName!);
  addToGroup(ctx.services, requireUser(ctx.services, pool, input.Username!), group);
  return {};
});
