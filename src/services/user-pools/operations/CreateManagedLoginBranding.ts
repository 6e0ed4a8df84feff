import type { CreateManagedLoginBrandingRequest, CreateManagedLoginBrandingResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireClient, requirePool } from "../directory/lookup";
import { createBranding, describeBranding, type StoredAsset } from "../directory/ui-customization";

export default operation<CreateManagedLoginBrandingRequest, CreateManagedLoginBrandingResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const client = requireClient(ctx.services, pool.Id, input.ClientId!);
  const branding = createBranding(ctx.services, pool, client.ClientId, {
    UseCognitoProvidedValues: input.UseCognitoProvidedValues,
    Settings: input.Settings as Record<string, unknown> | undefined,
    // Asset bytes arrive base64-encoded from the JSON protocol and are kept that way.
    Assets: input.Assets as unknown as StoredAsset[] | undefined,
  });
  return { ManagedLoginBranding: describeBranding(branding) };
});
