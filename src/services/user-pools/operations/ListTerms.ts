import type { ListTermsRequest, ListTermsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { pageInOrder } from "../directory/list-users";
import { requirePool } from "../directory/lookup";
import { TERMS_ORDER, termsInPool, toTermsDescription } from "../directory/terms";

export default operation<ListTermsRequest, ListTermsResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const page = pageInOrder(termsInPool(ctx.services, pool.Id), TERMS_ORDER, input.MaxResults, input.NextToken);
  return { Terms: page.items.map(toTermsDescription), NextToken: page.nextToken };
});
