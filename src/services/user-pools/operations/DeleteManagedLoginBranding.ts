import type { DeleteManagedLoginBrandingRequest } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { deleteBranding, requireBranding } from "../directory/ui-customization";

export default operation<DeleteManagedLoginBrandingRequest, Record<string, never>>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  deleteBranding(ctx.services, requireBranding(ctx.services, input.UserPoolId!, input.ManagedLoginBrandingId!));
  return {};
});
