import type { ListDatasetsRequest, ListDatasetsResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { pageOf } from "../../user-pools/directory/pools";
import { requireSyncIdentity } from "../access";
import { datasetsOf, describeDataset, MAX_DATASETS_PER_IDENTITY } from "../datasets";
import { maxResultsOf } from "../paging";

export default operation<ListDatasetsRequest, ListDatasetsResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  const datasets = datasetsOf(ctx.services, identity.IdentityId);
  const page = pageOf(datasets, (d) => d.DatasetName, maxResultsOf(input.MaxResults, MAX_DATASETS_PER_IDENTITY), input.NextToken);
  return { Datasets: page.items.map(describeDataset), Count: page.items.length, NextToken: page.nextToken };
});
