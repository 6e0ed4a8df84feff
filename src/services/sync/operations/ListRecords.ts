import type { ListRecordsRequest, ListRecordsResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { pageOf } from "../../user-pools/directory/pools";
import { requireSyncIdentity } from "../access";
import { datasetRow } from "../datasets";
import { InvalidParameter } from "../errors";
import { mergedDatasetNames } from "../merge";
import { maxResultsOf } from "../paging";
import { issueSyncSessionToken } from "../session-tokens";
import { describeRecord, MAX_RECORDS_PER_DATASET, recordsChangedAfter } from "../sync-records";
import { countSyncSession } from "../usage";

/**
 * Starts a sync session: the records changed since the device's last sync (all of them from 0),
 * removals included, and the SyncSessionToken UpdateRecords needs. A dataset that does not exist is
 * no error: it is reported as not existing.
 */
export default operation<ListRecordsRequest, ListRecordsResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  const dataset = datasetRow(ctx.services, identity.IdentityId, input.DatasetName!);
  const lastSyncCount = input.LastSyncCount ?? 0;
  const syncCount = dataset?.SyncCount ?? 0;
  if (lastSyncCount > syncCount) throw InvalidParameter(`No such SyncCount: ${lastSyncCount} exists for this Dataset`);

  const changed = recordsChangedAfter(ctx.services, identity.IdentityId, input.DatasetName!, lastSyncCount);
  const page = pageOf(changed, (r) => `${String(r.SyncCount).padStart(16, "0")}|${r.Key}`, maxResultsOf(input.MaxResults, MAX_RECORDS_PER_DATASET), input.NextToken);
  countSyncSession(ctx.services, identity.IdentityPoolId);
  const deletedSince = dataset?.DeletedSyncCount;
  const merged = mergedDatasetNames(ctx.services, identity.IdentityId, input.DatasetName!);
  return {
    Records: page.items.map(describeRecord),
    NextToken: page.nextToken,
    Count: page.items.length,
    DatasetSyncCount: syncCount,
    LastModifiedBy: dataset?.LastModifiedBy,
    MergedDatasetNames: merged.length ? merged : undefined,
    DatasetExists: dataset !== undefined && !dataset.Deleted,
    DatasetDeletedAfterRequestedSyncCount: deletedSince !== undefined && lastSyncCount > 0 && lastSyncCount < deletedSince,
    SyncSessionToken: issueSyncSessionToken(ctx.services, identity.IdentityPoolId, identity.IdentityId),
  };
});
