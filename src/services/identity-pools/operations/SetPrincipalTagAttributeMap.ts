import type { SetPrincipalTagAttributeMapInput, SetPrincipalTagAttributeMapResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { requireIdentityPool } from "../pools";
import { setPrincipalTags } from "../principal-tags";

export default operation<SetPrincipalTagAttributeMapInput, SetPrincipalTagAttributeMapResponse>((input, ctx) => {
  const pool = requireIdentityPool(ctx.services, input.IdentityPoolId!);
  return setPrincipalTags(ctx.services, pool, input.IdentityProviderName!, input.UseDefaults ?? false, input.PrincipalTags);
});
