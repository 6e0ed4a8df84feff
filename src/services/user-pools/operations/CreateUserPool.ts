import type { CreateUserPoolRequest, CreateUserPoolResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { createPool, describePool } from "../directory/pools";

export default operation<CreateUserPoolRequest, CreateUserPoolResponse>((input, ctx) => {
  const pool = createPool(ctx.services, ctx.region, input);
  ctx.logFields.userPoolId = pool.Id;
  return { UserPool: describePool(ctx.services, pool) };
});
