import type { DeleteUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { deletePool } from "../directory/pools";

export default operation<DeleteUserPoolRequest, Record<string, never>>((input, ctx) => {
  deletePool(ctx.services, requirePool(ctx.services, input.UserPoolId!));
  return {};
});
