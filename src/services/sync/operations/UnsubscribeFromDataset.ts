import type { UnsubscribeFromDatasetRequest, UnsubscribeFromDatasetResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireSyncIdentity } from "../access";
import { requireDevice, requirePushSync, unsubscribe } from "../devices";

export default operation<UnsubscribeFromDatasetRequest, UnsubscribeFromDatasetResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  requirePushSync(ctx.services, identity.IdentityPoolId);
  requireDevice(ctx.services, identity.IdentityId, input.DeviceId!);
  unsubscribe(ctx.services, identity.IdentityId, input.DatasetName!, input.DeviceId!);
  return {};
});
