import type { DeleteGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deleteGroup, requireGroup } from "../directory/groups";
import { requirePool } from "../directory/lookup";

export default operation<DeleteGroupRequest, Record<string, never>>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  deleteGroup(ctx.services, requireGroup(ctx.services, pool.Id, input.GroupName!));
  return {};
});
