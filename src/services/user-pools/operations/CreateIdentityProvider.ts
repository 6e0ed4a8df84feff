import type { CreateIdentityProviderRequest, CreateIdentityProviderResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { createIdentityProvider, describeIdentityProvider } from "../directory/identity-providers";
import { requirePool } from "../directory/lookup";

export default operation<CreateIdentityProviderRequest, CreateIdentityProviderResponse>(async (input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const provider = createIdentityProvider(ctx.services, pool, {
    ProviderName: input.ProviderName!,
    ProviderType: input.ProviderType!,
    ProviderDetails: input.ProviderDetails ?? {},
    AttributeMapping: input.AttributeMapping,
    IdpIdentifiers: input.IdpIdentifiers,
  });
  return { IdentityProvider: await describeIdentityProvider(ctx.services, provider) };
});
