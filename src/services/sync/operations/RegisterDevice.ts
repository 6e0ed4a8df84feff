import type { RegisterDeviceRequest, RegisterDeviceResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireSyncIdentity } from "../access";
import { registerDevice, requirePushSync } from "../devices";

export default operation<RegisterDeviceRequest, RegisterDeviceResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  requirePushSync(ctx.services, identity.IdentityPoolId, input.Platform);
  const device = registerDevice(ctx.services, identity.IdentityPoolId, identity.IdentityId, input.Platform!, input.Token!);
  return { DeviceId: device.DeviceId };
});
