import type { ConfirmDeviceRequest, ConfirmDeviceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { confirmDevice } from "../sign-in/devices";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<ConfirmDeviceRequest, ConfirmDeviceResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  return confirmDevice(ctx.services, pool, user, {
    deviceKey: input.DeviceKey!,
    salt: input.DeviceSecretVerifierConfig?.Salt,
    verifier: input.DeviceSecretVerifierConfig?.PasswordVerifier,
    name: input.DeviceName,
    sourceIp: ctx.sourceIp,
  });
});
