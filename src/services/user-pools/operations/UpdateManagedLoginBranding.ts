import type { UpdateManagedLoginBrandingRequest, UpdateManagedLoginBrandingResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter } from "../../../errors";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { describeBranding, requireBranding, type StoredAsset, updateBranding } from "../directory/ui-customization";

export default operation<UpdateManagedLoginBrandingRequest, UpdateManagedLoginBrandingResponse>((input, ctx) => {
  if (!input.UserPoolId || !input.ManagedLoginBrandingId) throw InvalidParameter("UserPoolId and ManagedLoginBrandingId are required.");
  requirePool(ctx.services, input.UserPoolId);
  const branding = requireBranding(ctx.services, input.UserPoolId, input.ManagedLoginBrandingId);
  const updated = updateBranding(ctx.services, branding, {
    UseCognitoProvidedValues: input.UseCognitoProvidedValues,
    Settings: input.Settings as Record<string, unknown> | undefined,
    Assets: input.Assets as unknown as StoredAsset[] | undefined,
  });
  return { ManagedLoginBranding: describeBranding(updated) };
});
