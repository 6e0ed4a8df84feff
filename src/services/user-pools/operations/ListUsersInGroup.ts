import type { ListUsersInGroupRequest, ListUsersInGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { membersOf, requireGroup } from "../directory/groups";
import { pageInOrder, USER_ORDER } from "../directory/list-users";
import { requirePool } from "../directory/lookup";
import { toUserType } from "../directory/users";

export default operation<ListUsersInGroupRequest, ListUsersInGroupResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const group = requireGroup(ctx.services, pool.Id, input.GroupName!);
  const page = pageInOrder(membersOf(ctx.services, group), USER_ORDER, input.Limit, input.NextToken);
  return { Users: page.items.map(toUserType), NextToken: page.nextToken };
});
