import type { SetPrincipalTagAttributeMapInput, SetPrincipalTagAttributeMapResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { requireIdentityPool } from "../pools";
import { defaultPrincipalTags } from "../principal-tags";
import { identityPoolTables, principalTagKey } from "../tables";

export default operation<SetPrincipalTagAttributeMapInput, SetPrincipalTagAttributeMapResponse>((input, ctx) => {
  const pool = requireIdentityPool(ctx.services, input.IdentityPoolId!);
  const provider = input.IdentityProviderName!;
  const UseDefaults = input.UseDefaults ?? false;
  const PrincipalTags = UseDefaults ? defaultPrincipalTags(pool, provider) : { ...input.PrincipalTags };
  identityPoolTables(ctx.services).principalTags.put(principalTagKey(pool.IdentityPoolId, provider), {
    IdentityPoolId: pool.IdentityPoolId,
    IdentityProviderName: provider,
    UseDefaults,
    PrincipalTags,
  });
  return { IdentityPoolId: pool.IdentityPoolId, IdentityProviderName: provider, UseDefaults, PrincipalTags };
});
