import type { ListDevicesRequest, ListDevicesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { listDevices } from "../sign-in/devices";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<ListDevicesRequest, ListDevicesResponse>((input, ctx) => {
  const { pool, user } = requireSignedInUser(ctx.services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  return listDevices(ctx.services, pool, user, input.Limit, input.PaginationToken);
});
