import type { DescribeIdentityPoolInput, IdentityPool } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { describeIdentityPool, requireIdentityPool } from "../pools";

export default operation<DescribeIdentityPoolInput, IdentityPool>((input, ctx) => describeIdentityPool(requireIdentityPool(ctx.services, input.IdentityPoolId!)));
