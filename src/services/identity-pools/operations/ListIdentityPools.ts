import type { ListIdentityPoolsInput, ListIdentityPoolsResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { pageOf } from "../../user-pools/directory/pools";
import { poolsInRegion } from "../pools";

/** The pools of the region the request is signed for. */
export default operation<ListIdentityPoolsInput, ListIdentityPoolsResponse>((input, ctx) => {
  const page = pageOf(poolsInRegion(ctx.services, ctx.region), (pool) => pool.IdentityPoolId, input.MaxResults!, input.NextToken);
  return {
    IdentityPools: page.items.map((pool) => ({ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: pool.IdentityPoolName })),
    NextToken: page.nextToken,
  };
});
