import type { DeleteUserAttributesRequest, DeleteUserAttributesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deleteAttributes } from "../directory/attribute-updates";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<DeleteUserAttributesRequest, DeleteUserAttributesResponse>((input, ctx) => {
  const { services } = ctx;
  const { pool, user, claims } = requireSignedInUser(services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  const client = services.tables.clients.get(String(claims.client_id));
  deleteAttributes(services, pool, user, input.UserAttributeNames ?? [], { admin: false, client });
  return {};
});
