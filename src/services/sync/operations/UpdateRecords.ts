import type { UpdateRecordsRequest, UpdateRecordsResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireSyncIdentity } from "../access";
import { checkSyncSessionToken } from "../session-tokens";
import { applyRecordPatches, describeRecord } from "../sync-records";

/** Writes the patches of a sync session; the dataset is created by its first write. The SyncTrigger event is not invoked. */
export default operation<UpdateRecordsRequest, UpdateRecordsResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  checkSyncSessionToken(ctx.services, input.SyncSessionToken!, identity.IdentityPoolId, identity.IdentityId);
  const changed = applyRecordPatches(ctx.services, {
    identityPoolId: identity.IdentityPoolId,
    identityId: identity.IdentityId,
    datasetName: input.DatasetName!,
    patches: input.RecordPatches ?? [],
    modifiedBy: input.DeviceId ?? identity.IdentityId,
  });
  return { Records: changed.map(describeRecord) };
});
