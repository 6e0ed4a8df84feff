import type { DeleteUserPoolDomainRequest, DeleteUserPoolDomainResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { deleteDomain } from "../directory/domains";
import { requirePool } from "../directory/lookup";

export default operation<DeleteUserPoolDomainRequest, DeleteUserPoolDomainResponse>((input, ctx) => {
  deleteDomain(ctx.services, requirePool(ctx.services, input.UserPoolId!), input.Domain!);
  return {};
});
