import type { DescribeDatasetRequest, DescribeDatasetResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireSyncIdentity } from "../access";
import { describeDataset, requireDataset } from "../datasets";

export default operation<DescribeDatasetRequest, DescribeDatasetResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  return { Dataset: describeDataset(requireDataset(ctx.services, identity.IdentityId, input.DatasetName!)) };
});
