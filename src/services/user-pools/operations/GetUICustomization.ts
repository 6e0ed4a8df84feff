import type { GetUICustomizationRequest, GetUICustomizationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireClient, requirePool } from "../directory/lookup";
import { ALL_CLIENTS, describeUiCustomization, effectiveUiCustomization } from "../directory/ui-customization";

export default operation<GetUICustomizationRequest, GetUICustomizationResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const clientId = input.ClientId && input.ClientId !== ALL_CLIENTS ? requireClient(ctx.services, pool.Id, input.ClientId).ClientId : undefined;
  const record = effectiveUiCustomization(ctx.services, pool.Id, clientId);
  return { UICustomization: describeUiCustomization(ctx.services, record, pool.Id, clientId) };
});
