import type { IdentityPool } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { describeIdentityPool, updateIdentityPool } from "../pools";

export default operation<IdentityPool, IdentityPool>((input, ctx) => describeIdentityPool(updateIdentityPool(ctx.services, input)));
