import type { DescribeUserPoolClientRequest, DescribeUserPoolClientResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { describeClient } from "../directory/clients";
import { requireClient, requirePool } from "../directory/lookup";

export default operation<DescribeUserPoolClientRequest, DescribeUserPoolClientResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  return { UserPoolClient: describeClient(requireClient(ctx.services, input.UserPoolId!, input.ClientId!)) };
});
