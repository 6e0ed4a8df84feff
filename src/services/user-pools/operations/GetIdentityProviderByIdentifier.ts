import type { GetIdentityProviderByIdentifierRequest, GetIdentityProviderByIdentifierResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ResourceNotFound } from "../../../errors";
import { operation } from "../../operation";
import { describeIdentityProvider, providerByIdentifier } from "../directory/identity-providers";
import { requirePool } from "../directory/lookup";

export default operation<GetIdentityProviderByIdentifierRequest, GetIdentityProviderByIdentifierResponse>(async (input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const provider = providerByIdentifier(ctx.services, input.UserPoolId!, input.IdpIdentifier!);
  if (!provider) throw ResourceNotFound(`Identity provider with identifier ${input.IdpIdentifier} does not exist.`);
  return { IdentityProvider: await describeIdentityProvider(ctx.services, provider) };
});
