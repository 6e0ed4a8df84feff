import type { AdminUpdateDeviceStatusRequest, AdminUpdateDeviceStatusResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { updateDeviceStatus } from "../sign-in/devices";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminUpdateDeviceStatusRequest, AdminUpdateDeviceStatusResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  updateDeviceStatus(ctx.services, requireUser(ctx.services, pool, input.Username!), input.DeviceKey!, input.DeviceRememberedStatus);
  return {};
});
