import type { AdminListGroupsForUserRequest, AdminListGroupsForUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { GROUP_ORDER, groupsOfUser, toGroupType } from "../directory/groups";
import { pageInOrder } from "../directory/list-users";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminListGroupsForUserRequest, AdminListGroupsForUserResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const user = requireUser(ctx.services, pool, input.Username!);
  const page = pageInOrder(groupsOfUser(ctx.services, user), GROUP_ORDER, input.Limit, input.NextToken);
  return { Groups: page.items.map(toGroupType), NextToken: page.nextToken };
});
