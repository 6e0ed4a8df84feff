import type { UpdateGroupRequest, UpdateGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireGroup, toGroupType, updateGroup } from "../directory/groups";
import { requirePool } from "../directory/lookup";

export default operation<UpdateGroupRequest, UpdateGroupResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const group = requireGroup(ctx.services, pool.Id, input.GroupName!);
  return { Group: toGroupType(updateGroup(ctx.services, group, input)) };
});
