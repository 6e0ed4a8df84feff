import type { DescribeIdentityProviderRequest, DescribeIdentityProviderResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { describeIdentityProvider, requireIdentityProvider } from "../directory/identity-providers";
import { requirePool } from "../directory/lookup";

export default operation<DescribeIdentityProviderRequest, DescribeIdentityProviderResponse>(async (input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  return { IdentityProvider: await describeIdentityProvider(ctx.services, requireIdentityProvider(ctx.services, input.UserPoolId!, input.ProviderName!)) };
});
