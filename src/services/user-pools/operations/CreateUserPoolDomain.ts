import type { CreateUserPoolDomainRequest, CreateUserPoolDomainResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { cloudFrontDomain, createDomain } from "../directory/domains";
import { requirePool } from "../directory/lookup";

export default operation<CreateUserPoolDomainRequest, CreateUserPoolDomainResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const domain = createDomain(ctx.services, pool, { Domain: input.Domain!, CustomDomainConfig: input.CustomDomainConfig, ManagedLoginVersion: input.ManagedLoginVersion });
  return {
    ManagedLoginVersion: domain.ManagedLoginVersion,
    ...(domain.CustomDomainConfig ? { CloudFrontDomain: cloudFrontDomain(domain, pool.Region) } : {}),
  };
});
