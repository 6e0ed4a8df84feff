import type { SetLogDeliveryConfigurationRequest, SetLogDeliveryConfigurationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { getLogDelivery, setLogDelivery } from "../directory/log-delivery";
import { requirePool } from "../directory/lookup";

export default operation<SetLogDeliveryConfigurationRequest, SetLogDeliveryConfigurationResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  setLogDelivery(ctx.services, pool, input.LogConfigurations ?? []);
  return { LogDeliveryConfiguration: getLogDelivery(ctx.services, pool) };
});
