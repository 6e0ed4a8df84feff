import type { AdminDisableProviderForUserRequest, AdminDisableProviderForUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { disableProviderForUser } from "../../../oauth/federation/identities";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";

export default operation<AdminDisableProviderForUserRequest, AdminDisableProviderForUserResponse>((input, ctx) => {
  disableProviderForUser(ctx.services, requirePool(ctx.services, input.UserPoolId!), input.User ?? {});
  return {};
});
