import type { UpdateUserAttributesRequest, UpdateUserAttributesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { updateAttributes } from "../directory/attribute-updates";
import { requireSignedInUser } from "../sign-in/signed-in-user";

export default operation<UpdateUserAttributesRequest, UpdateUserAttributesResponse>(async (input, ctx) => {
  const { services } = ctx;
  const { pool, user, claims } = requireSignedInUser(services, input.AccessToken);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = user.Username;
  const client = services.tables.clients.get(String(claims.client_id));
  const { deliveries } = await updateAttributes(services, pool, user, input.UserAttributes ?? [], { admin: false, client }, {
    clientId: client?.ClientId,
    clientMetadata: input.ClientMetadata,
  });
  return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
});
