import type { DeleteIdentityPoolInput } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { deleteIdentityPool, requireIdentityPool } from "../pools";

export default operation<DeleteIdentityPoolInput, void>((input, ctx) => {
  deleteIdentityPool(ctx.services, requireIdentityPool(ctx.services, input.IdentityPoolId!));
});
