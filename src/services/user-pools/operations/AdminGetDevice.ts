import type { AdminGetDeviceRequest, AdminGetDeviceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deviceType, requireDevice } from "../sign-in/devices";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminGetDeviceRequest, AdminGetDeviceResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const user = requireUser(ctx.services, pool, input.Username!);
  return { Device: deviceType(ctx.services, pool, user, requireDevice(ctx.services, user, input.DeviceKey!)) };
});
