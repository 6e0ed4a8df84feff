import type { DescribeTermsRequest, DescribeTermsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { requireTerms, toTermsType } from "../directory/terms";

export default operation<DescribeTermsRequest, DescribeTermsResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { Terms: toTermsType(requireTerms(ctx.services, pool.Id, input.TermsId!)) };
});
