import type { DeleteDatasetRequest, DeleteDatasetResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireSyncIdentity } from "../access";
import { deleteDataset, describeDataset, requireDataset } from "../datasets";

/** Answers the dataset as it was; devices that synced it learn of the deletion from ListRecords. */
export default operation<DeleteDatasetRequest, DeleteDatasetResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  const dataset = requireDataset(ctx.services, identity.IdentityId, input.DatasetName!);
  deleteDataset(ctx.services, dataset, identity.IdentityId);
  return { Dataset: describeDataset(dataset) };
});
