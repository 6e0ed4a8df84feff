import type { GetGroupRequest, GetGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireGroup, toGroupType } from "../directory/groups";
import { requirePool } from "../directory/lookup";

export default operation<GetGroupRequest, GetGroupResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { Group: toGroupType(requireGroup(ctx.services, pool.Id, input.GroupName!)) };
});
