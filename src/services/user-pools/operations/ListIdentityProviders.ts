import type { ListIdentityProvidersRequest, ListIdentityProvidersResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { listIdentityProviders } from "../directory/identity-providers";
import { requirePool } from "../directory/lookup";

const DEFAULT_MAX_RESULTS = 60;

export default operation<ListIdentityProvidersRequest, ListIdentityProvidersResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const page = listIdentityProviders(ctx.services, input.UserPoolId!, input.MaxResults || DEFAULT_MAX_RESULTS, input.NextToken);
  return { Providers: page.items, NextToken: page.nextToken };
});
