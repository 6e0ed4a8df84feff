import type { ListUserPoolsRequest, ListUserPoolsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { creationKey, pageOf, poolsInRegion, summarizePool } from "../directory/pools";

/** The pools of the region the request is signed for, oldest first. */
export default operation<ListUserPoolsRequest, ListUserPoolsResponse>((input, ctx) => {
  const pools = poolsInRegion(ctx.services, ctx.region);
  const page = pageOf(pools, (pool) => creationKey(pool, pool.Id), input.MaxResults!, input.NextToken);
  return { UserPools: page.items.map(summarizePool), NextToken: page.nextToken };
});
