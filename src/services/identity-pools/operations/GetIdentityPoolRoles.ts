import type { GetIdentityPoolRolesInput, GetIdentityPoolRolesResponse } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { requireIdentityPool } from "../pools";

export default operation<GetIdentityPoolRolesInput, GetIdentityPoolRolesResponse>((input, ctx) => {
  const pool = requireIdentityPool(ctx.services, input.IdentityPoolId!);
  return { IdentityPoolId: pool.IdentityPoolId, Roles: pool.Roles ?? {}, RoleMappings: pool.RoleMappings };
});
