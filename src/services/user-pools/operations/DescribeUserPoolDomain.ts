import type { DescribeUserPoolDomainRequest, DescribeUserPoolDomainResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { describeDomain } from "../directory/domains";

export default operation<DescribeUserPoolDomainRequest, DescribeUserPoolDomainResponse>((input, ctx) => {
  const DomainDescription = describeDomain(ctx.services, input.Domain!);
  ctx.logFields.userPoolId = DomainDescription.UserPoolId;
  return { DomainDescription };
});
