import type { Services } from "../../services/services";
import { domainOfPool } from "../../services/user-pools/directory/domains";
import type { PoolRecord } from "../../services/user-pools/directory/records";
import { brandingOfClient, effectiveUiCustomization, logoPath } from "../../services/user-pools/directory/ui-customization";
import type { PageLook } from "./layout";

/** Managed-login assets that can stand in for the logo, best first. */
const LOGO_CATEGORIES = ["FORM_LOGO", "PAGE_HEADER_LOGO"];

/**
 * How a client's pages look: with a managed-login domain (version 2), its branding's logo; otherwise the
 * classic UI customization (client's, else the pool's), CSS and logo.
 */
export function pageLook(services: Services, pool: PoolRecord, clientId: string | undefined): PageLook {
  const look: PageLook = { poolName: pool.Name };
  const domain = domainOfPool(services, pool.Id) as { ManagedLoginVersion?: number } | undefined;
  if (domain?.ManagedLoginVersion === 2 && clientId) {
    const branding = brandingOfClient(services, pool.Id, clientId);
    const logo = LOGO_CATEGORIES.map((category) => branding?.Assets.find((asset) => asset.Category === category && asset.Bytes)).find(Boolean);
    if (logo) look.logoUrl = `/hosted-ui/branding/${branding!.ManagedLoginBrandingId}/${logo.Category}/${logo.ColorMode}.${logo.Extension?.toLowerCase()}?v=${branding!.LastModifiedDate}`;
    return look;
  }
  const customization = effectiveUiCustomization(services, pool.Id, clientId);
  if (customization?.CSS) look.css = customization.CSS;
  if (customization?.Image) look.logoUrl = logoPath(customization);
  return look;
}
