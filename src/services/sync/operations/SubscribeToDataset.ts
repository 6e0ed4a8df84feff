import type { SubscribeToDatasetRequest, SubscribeToDatasetResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireSyncIdentity } from "../access";
import { requireDevice, requirePushSync, subscribe } from "../devices";

/** The device then gets a silent push whenever another device changes the dataset. */
export default operation<SubscribeToDatasetRequest, SubscribeToDatasetResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  requirePushSync(ctx.services, identity.IdentityPoolId);
  requireDevice(ctx.services, identity.IdentityId, input.DeviceId!);
  subscribe(ctx.services, identity.IdentityId, input.DatasetName!, input.DeviceId!);
  return {};
});
