import type { UpdateUserPoolRequest, UpdateUserPoolResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { updatePool } from "../directory/pools";

export default operation<UpdateUserPoolRequest, UpdateUserPoolResponse>((input, ctx) => {
  updatePool(ctx.services, requirePool(ctx.services, input.UserPoolId!), input);
  return {};
});
