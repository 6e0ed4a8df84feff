import type { ListIdentityPoolUsageRequest, ListIdentityPoolUsageResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { poolsInRegion } from "../../identity-pools/pools";
import { pageOf } from "../../user-pools/directory/pools";
import { requireDeveloperAccessToAccount } from "../access";
import { maxResultsOf } from "../paging";
import { identityPoolUsage } from "../usage";

const DEFAULT_MAX_RESULTS = 60;

/** The usage of every identity pool of the region the request is signed for. */
export default operation<ListIdentityPoolUsageRequest, ListIdentityPoolUsageResponse>((input, ctx) => {
  requireDeveloperAccessToAccount(ctx);
  const maxResults = maxResultsOf(input.MaxResults, DEFAULT_MAX_RESULTS);
  const page = pageOf(poolsInRegion(ctx.services, ctx.region), (pool) => pool.IdentityPoolId, maxResults, input.NextToken);
  return {
    IdentityPoolUsages: page.items.map((pool) => identityPoolUsage(ctx.services, pool.IdentityPoolId)),
    MaxResults: maxResults,
    Count: page.items.length,
    NextToken: page.nextToken,
  };
});
