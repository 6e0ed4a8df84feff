import type { DescribeIdentityPoolUsageRequest, DescribeIdentityPoolUsageResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { identityPoolUsage } from "../usage";

export default operation<DescribeIdentityPoolUsageRequest, DescribeIdentityPoolUsageResponse>((input, ctx) => {
  const pool = requireDeveloperAccess(ctx, input.IdentityPoolId!);
  return { IdentityPoolUsage: identityPoolUsage(ctx.services, pool.IdentityPoolId) };
});
