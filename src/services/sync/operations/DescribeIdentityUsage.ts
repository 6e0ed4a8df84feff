import type { DescribeIdentityUsageRequest, DescribeIdentityUsageResponse } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireSyncIdentity } from "../access";
import { identityUsage } from "../usage";

export default operation<DescribeIdentityUsageRequest, DescribeIdentityUsageResponse>((input, ctx) => {
  const identity = requireSyncIdentity(ctx, input.IdentityPoolId!, input.IdentityId!);
  return { IdentityUsage: identityUsage(ctx.services, identity.IdentityPoolId, identity.IdentityId) };
});
