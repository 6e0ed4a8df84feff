import type { AddCustomAttributesRequest, AddCustomAttributesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { addPoolCustomAttributes } from "../directory/pools";

export default operation<AddCustomAttributesRequest, AddCustomAttributesResponse>((input, ctx) => {
  addPoolCustomAttributes(ctx.services, requirePool(ctx.services, input.UserPoolId!), input.CustomAttributes!);
  return {};
});
