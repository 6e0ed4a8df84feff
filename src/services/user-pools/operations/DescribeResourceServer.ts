import type { DescribeResourceServerRequest, DescribeResourceServerResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { describeResourceServer, requireResourceServer } from "../directory/resource-servers";

export default operation<DescribeResourceServerRequest, DescribeResourceServerResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  return { ResourceServer: describeResourceServer(requireResourceServer(ctx.services, input.UserPoolId!, input.Identifier!)) };
});
