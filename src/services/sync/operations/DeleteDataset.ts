import type { DeleteDatasetRequest, DeleteDatasetResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireSyncIdentity } from "../access";
import { datasetRow, deleteDataset, describeDataset, requireDataset } from "../datasets";
import { pushDatasetChange } from "../push";
import { streamDatasetChange } from "../streams";

/**
 * Answers the dataset as it was; devices that synced it learn of the deletion from ListRecords, and
 * from a push when subscribed. Cognito Streams gets a "remove" record.
 */
export default operation<DeleteDatasetRequest, DeleteDatasetResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  const dataset = requireDataset(ctx.services, identity.IdentityId, input.DatasetName!);
  deleteDataset(ctx.services, dataset, identity.IdentityId);
  const deleted = datasetRow(ctx.services, identity.IdentityId, dataset.DatasetName)!;
  streamDatasetChange(ctx.services, deleted, { deleted: true });
  pushDatasetChange(ctx.services, deleted);
  return { Dataset: describeDataset(dataset) };
});
