import type { DeleteTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { deleteTerms, requireTerms } from "../directory/terms";

/** The model gives DeleteTerms no output shape: the answer is empty. */
export default operation<DeleteTermsRequest, Record<string, never>>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  deleteTerms(ctx.services, requireTerms(ctx.services, pool.Id, input.TermsId!));
  return {};
});
