import type { SetIdentityPoolRolesInput } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { requireIdentityPool, setRoles } from "../pools";

export default operation<SetIdentityPoolRolesInput, void>((input, ctx) => {
  setRoles(ctx.services, requireIdentityPool(ctx.services, input.IdentityPoolId!), input.Roles!, input.RoleMappings);
});
