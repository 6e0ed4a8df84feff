import type { CreateGroupRequest, CreateGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { createGroup, toGroupType } from "../directory/groups";
import { requirePool } from "../directory/lookup";

export default operation<CreateGroupRequest, CreateGroupResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { Group: toGroupType(createGroup(ctx.services, pool, input)) };
});
