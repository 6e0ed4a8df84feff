import type { ForgetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { forgetDevice } from "../sign-in/devices";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<ForgetDeviceRequest, Record<string, never>>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  forgetDevice(ctx.services, user, input.DeviceKey!);
  return {};
});
