import type { CreateIdentityPoolInput, IdentityPool } from "@aws-sdk/client-cognito-identity";
import { operation } from "../../operation";
import { createIdentityPool, describeIdentityPool } from "../pools";

export default operation<CreateIdentityPoolInput, IdentityPool>((input, ctx) => describeIdentityPool(createIdentityPool(ctx.services, ctx.region, input)));
