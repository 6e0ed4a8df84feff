import type { AdminListDevicesRequest, AdminListDevicesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { listDevices } from "../sign-in/devices";
import { requirePool } from "../directory/lookup";
import { requireUser } from "../directory/users";

export default operation<AdminListDevicesRequest, AdminListDevicesResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const user = requireUser(ctx.services, pool, input.Username!);
  return listDevices(ctx.services, pool, user, input.Limit, input.PaginationToken);
});
