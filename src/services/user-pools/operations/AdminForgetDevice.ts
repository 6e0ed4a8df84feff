import type { AdminForgetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { forgetDevice } from "../sign-in/devices";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminForgetDeviceRequest, Record<string, never>>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  forgetDevice(ctx.services, requireUser(ctx.services, pool, input.Username!), input.DeviceKey!);
  return {};
});
