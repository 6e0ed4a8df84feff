import type { GetPrincipalTagAttributeMapInput, GetPrincipalTagAttributeMapResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { requireIdentityPool } from "../pools";
import { identityPoolTables, principalTagKey } from "../tables";

/** A provider never mapped has no tags and does not use the defaults. */
export default operation<GetPrincipalTagAttributeMapInput, GetPrincipalTagAttributeMapResponse>((input, ctx) => {
  const pool = requireIdentityPool(ctx.services, input.IdentityPoolId!);
  const provider = input.IdentityProviderName!;
  const map = identityPoolTables(ctx.services).principalTags.get(principalTagKey(pool.IdentityPoolId, provider));
  return { IdentityPoolId: pool.IdentityPoolId, IdentityProviderName: provider, UseDefaults: map?.UseDefaults ?? false, PrincipalTags: map?.PrincipalTags };
});
