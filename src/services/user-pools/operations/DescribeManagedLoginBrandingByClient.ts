import type { DescribeManagedLoginBrandingByClientRequest, DescribeManagedLoginBrandingByClientResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ResourceNotFound } from "../../../errors";
import { operation } from "../../operation";
import { requireClient, requirePool } from "../directory/lookup";
import { brandingOfClient, describeBranding } from "../directory/ui-customization";

export default operation<DescribeManagedLoginBrandingByClientRequest, DescribeManagedLoginBrandingByClientResponse>((input, ctx) => {
  requirePool(ctx.services, input.UserPoolId!);
  requireClient(ctx.services, input.UserPoolId!, input.ClientId!);
  const branding = brandingOfClient(ctx.services, input.UserPoolId!, input.ClientId!);
  if (!branding) throw ResourceNotFound(`Managed login branding for app client ${input.ClientId} does not exist.`);
  return { ManagedLoginBranding: describeBranding(branding) };
});
