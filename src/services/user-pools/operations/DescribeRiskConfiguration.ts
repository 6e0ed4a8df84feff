import type { DescribeRiskConfigurationRequest, DescribeRiskConfigurationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { describeRiskConfiguration } from "../sign-in/risk";

export default operation<DescribeRiskConfigurationRequest, DescribeRiskConfigurationResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { RiskConfiguration: describeRiskConfiguration(ctx.services, pool, input.ClientId) };
});
