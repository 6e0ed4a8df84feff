import type { DeleteIdentityProviderRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deleteIdentityProvider, requireIdentityProvider } from "../directory/identity-providers";
import { requirePool } from "../directory/lookup";

export default operation<DeleteIdentityProviderRequest, Record<string, never>>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  deleteIdentityProvider(ctx.services, requireIdentityProvider(ctx.services, input.UserPoolId!, input.ProviderName!));
  return {};
});
