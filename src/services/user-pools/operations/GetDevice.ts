import type { GetDeviceRequest, GetDeviceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deviceType, requireDevice } from "../sign-in/devices";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<GetDeviceRequest, GetDeviceResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  return { Device: deviceType(ctx.services, pool, user, requireDevice(ctx.services, user, input.DeviceKey!)) };
});
