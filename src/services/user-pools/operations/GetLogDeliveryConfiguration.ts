import type { GetLogDeliveryConfigurationRequest, GetLogDeliveryConfigurationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { getLogDelivery } from "../directory/log-delivery";
import { requirePool } from "../directory/lookup";

export default operation<GetLogDeliveryConfigurationRequest, GetLogDeliveryConfigurationResponse>((input, ctx) => {
  return { LogDeliveryConfiguration: getLogDelivery(ctx.services, requirePool(ctx.services, input.UserPoolId!)) };
});
