import type { SetLogDeliveryConfigurationRequest, SetLogDeliveryConfigurationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { getLogDelivery, setLogDelivery } from "../log-delivery";
import { requirePool } from "../lookup";

export default operation<SetLogDeliveryConfigurationRequest, SetLogDeliveryConfigurationResponse>((input, ctx) => {
  ctx.logFields.userPoolId = input.UserPoolId;
  const pool = requirePool(ctx.services, input.UserPoolId!);
  setLogDelivery(ctx.services, pool, input.LogConfigurations ?? []);
  return { LogDeliveryConfiguration: getLogDelivery(ctx.services, pool) };
});
