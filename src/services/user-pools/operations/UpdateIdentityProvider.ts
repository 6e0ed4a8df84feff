import type { UpdateIdentityProviderRequest, UpdateIdentityProviderResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { describeIdentityProvider, requireIdentityProvider, updateIdentityProvider } from "../directory/identity-providers";
import { requirePool } from "../directory/lookup";

export default operation<UpdateIdentityProviderRequest, UpdateIdentityProviderResponse>(async (input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const provider = requireIdentityProvider(ctx.services, input.UserPoolId!, input.ProviderName!);
  const updated = updateIdentityProvider(ctx.services, provider, {
    ProviderDetails: input.ProviderDetails,
    AttributeMapping: input.AttributeMapping,
    IdpIdentifiers: input.IdpIdentifiers,
  });
  return { IdentityProvider: await describeIdentityProvider(ctx.services, updated) };
});
