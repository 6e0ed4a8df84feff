import type { AdminLinkProviderForUserRequest, AdminLinkProviderForUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UserNotFound } from "../../../errors";
import { linkProviderForUser } from "../../../oauth/federation/identities";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";

export default operation<AdminLinkProviderForUserRequest, AdminLinkProviderForUserResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  const destination = input.DestinationUser ?? {};
  if (destination.ProviderName?.toLowerCase() !== "cognito") throw InvalidParameter("DestinationUser ProviderName must be Cognito.");
  ctx.logFields.username = destination.ProviderAttributeValue;
  const user = services.tables.users.get(services.tables.userKey(pool.Id, destination.ProviderAttributeValue ?? ""));
  if (!user) throw UserNotFound("User does not exist.");
  linkProviderForUser(services, pool, user, input.SourceUser ?? {});
  return {};
});
