import type { UpdateDeviceStatusRequest, UpdateDeviceStatusResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { updateDeviceStatus } from "../sign-in/devices";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<UpdateDeviceStatusRequest, UpdateDeviceStatusResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  updateDeviceStatus(ctx.services, user, input.DeviceKey!, input.DeviceRememberedStatus);
  return {};
});
