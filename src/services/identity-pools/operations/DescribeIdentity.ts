import type { DescribeIdentityInput, IdentityDescription } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { describeIdentity, requireIdentity } from "../identities";

export default operation<DescribeIdentityInput, IdentityDescription>((input, ctx) => describeIdentity(requireIdentity(ctx.services, input.IdentityId!)));
