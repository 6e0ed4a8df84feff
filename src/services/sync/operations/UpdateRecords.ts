import type { UpdateRecordsRequest, UpdateRecordsResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { callerIdentityId, requireSyncIdentity } from "../access";
import { datasetRow } from "../datasets";
import { poolSettings } from "../pool-settings";
import { pushDatasetChange } from "../push";
import { checkSyncSessionToken } from "../session-tokens";
import { streamDatasetChange } from "../streams";
import { applyRecordPatches, checkRecordPatches, describeRecord } from "../sync-records";
import { runSyncTrigger, SYNC_TRIGGER } from "../sync-trigger";

/**
 * Writes the patches of a sync session; the dataset is created by its first write. The pool's
 * SyncTrigger function, when set, sees the dataset first and decides what is written; it runs only for
 * identity credentials ("if you call UpdateRecords with ... developer credentials, your Lambda function
 * will not be invoked", the developer guide's "Amazon Cognito Events"). Once committed, the change goes
 * to Cognito Streams and to the other subscribed devices.
 */
export default operation<UpdateRecordsRequest, UpdateRecordsResponse>(async (input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  const { services } = ctx;
  checkSyncSessionToken(services, input.SyncSessionToken!, identity.IdentityPoolId, identity.IdentityId);
  const target = { identityPoolId: identity.IdentityPoolId, identityId: identity.IdentityId, datasetName: input.DatasetName! };
  let patches = input.RecordPatches ?? [];
  const trigger = poolSettings(services, identity.IdentityPoolId).Events?.[SYNC_TRIGGER];
  if (trigger && callerIdentityId(ctx)) {
    // A stale patch is refused before the function is bothered with it.
    checkRecordPatches(services, target.identityId, target.datasetName, patches);
    patches = await runSyncTrigger(services, trigger, { ...target, patches });
  }
  const changed = applyRecordPatches(services, { ...target, patches, modifiedBy: input.DeviceId ?? identity.IdentityId });
  if (changed.length) {
    const dataset = datasetRow(services, target.identityId, target.datasetName)!;
    streamDatasetChange(services, dataset, { changed });
    pushDatasetChange(services, dataset, input.DeviceId);
  }
  return { Records: changed.map(describeRecord) };
});
