import type { ListGroupsRequest, ListGroupsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { GROUP_ORDER, groupsInPool, toGroupType } from "../directory/groups";
import { pageInOrder } from "../directory/list-users";
import { requirePool } from "../directory/lookup";

export default operation<ListGroupsRequest, ListGroupsResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const page = pageInOrder(groupsInPool(ctx.services, pool.Id), GROUP_ORDER, input.Limit, input.NextToken);
  return { Groups: page.items.map(toGroupType), NextToken: page.nextToken };
});
