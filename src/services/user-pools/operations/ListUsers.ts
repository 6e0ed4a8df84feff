import type { ListUsersRequest, ListUsersResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { findUsers, listedUsers, pageInOrder, parseUserFilter, USER_ORDER } from "../directory/list-users";
import { requirePool } from "../directory/lookup";

export default operation<ListUsersRequest, ListUsersResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const filter = parseUserFilter(input.Filter);
  const page = pageInOrder(findUsers(ctx.services, pool, filter), USER_ORDER, input.Limit, input.PaginationToken);
  return { Users: listedUsers(pool, page.items, input.AttributesToGet), PaginationToken: page.nextToken };
});
