import type { DescribeManagedLoginBrandingRequest, DescribeManagedLoginBrandingResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requirePool } from "../directory/lookup";
import { describeBranding, requireBranding } from "../directory/ui-customization";

export default operation<DescribeManagedLoginBrandingRequest, DescribeManagedLoginBrandingResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  return { ManagedLoginBranding: describeBranding(requireBranding(ctx.services, input.UserPoolId!, input.ManagedLoginBrandingId!)) };
});
