import type { UpdateTermsRequest, UpdateTermsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { requireTerms, toTermsType, updateTerms } from "../directory/terms";

export default operation<UpdateTermsRequest, UpdateTermsResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const terms = requireTerms(ctx.services, pool.Id, input.TermsId!);
  return { Terms: toTermsType(updateTerms(ctx.services, terms, input)) };
});
