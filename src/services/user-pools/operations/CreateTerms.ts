import type { CreateTermsRequest, CreateTermsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireClient, requirePool } from "../directory/lookup";
import { createTerms, toTermsType } from "../directory/terms";

export default operation<CreateTermsRequest, CreateTermsResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  const client = requireClient(ctx.services, input.UserPoolId!, input.ClientId!);
  return { Terms: toTermsType(createTerms(ctx.services, client, input)) };
});
