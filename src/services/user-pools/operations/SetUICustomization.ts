import type { SetUICustomizationRequest, SetUICustomizationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireClient, requirePool } from "../directory/lookup";
import { ALL_CLIENTS, describeUiCustomization, setUiCustomization } from "../directory/ui-customization";

export default operation<SetUICustomizationRequest, SetUICustomizationResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const clientId = input.ClientId && input.ClientId !== ALL_CLIENTS ? requireClient(ctx.services, pool.Id, input.ClientId).ClientId : undefined;
  // Blobs arrive base64-encoded from the JSON protocol.
  const image = input.ImageFile as unknown as string | undefined;
  const record = setUiCustomization(ctx.services, pool, clientId, input.CSS, image);
  return { UICustomization: describeUiCustomization(ctx.services, record.CSS || record.Image ? record : undefined, pool.Id, clientId) };
});
