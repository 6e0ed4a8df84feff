import type { SetRiskConfigurationRequest, SetRiskConfigurationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { setRiskConfiguration, toRiskConfigurationType } from "../sign-in/risk";

export default operation<SetRiskConfigurationRequest, SetRiskConfigurationResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  return { RiskConfiguration: toRiskConfigurationType(setRiskConfiguration(ctx.services, pool, input)) };
});
