import type { UpdateUserPoolDomainRequest, UpdateUserPoolDomainResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { cloudFrontDomain, updateDomain } from "../directory/domains";
import { requirePool } from "../directory/lookup";

export default operation<UpdateUserPoolDomainRequest, UpdateUserPoolDomainResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const domain = updateDomain(ctx.services, pool, { Domain: input.Domain!, CustomDomainConfig: input.CustomDomainConfig, ManagedLoginVersion: input.ManagedLoginVersion });
  return {
    ManagedLoginVersion: domain.ManagedLoginVersion,
    ...(domain.CustomDomainConfig ? { CloudFrontDomain: cloudFrontDomain(domain, pool.Region) } : {}),
  };
});
