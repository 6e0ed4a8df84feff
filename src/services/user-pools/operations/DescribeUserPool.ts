import type { DescribeUserPoolRequest, DescribeUserPoolResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { describePool } from "../directory/pools";

export default operation<DescribeUserPoolRequest, DescribeUserPoolResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { UserPool: describePool(ctx.services, pool) };
});
