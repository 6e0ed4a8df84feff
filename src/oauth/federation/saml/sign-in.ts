import type { Response } from "express";
import type { Services } from "../../../services/services";
import type { IdentityProviderRecord } from "../../../services/user-pools/directory/identity-providers";
import type { AuthorizeRequest } from "../../authorize-request";
import { federationError } from "../complete";
import type { FederationState } from "../states";
import { MetadataUnavailable, providerMetadata } from "./sp";
import { sendAuthnRequest } from "./start";

/**
 * Starts a sign-in with a SAML provider that has usable metadata (MetadataFile, or a MetadataURL on this
 * machine) and a SingleSignOnService. False when it has none: the stand-in page plays the provider.
 */
export async function startSamlFederation(
  services: Services,
  res: Response,
  request: AuthorizeRequest,
  provider: IdentityProviderRecord,
  stateId: string,
  state: FederationState,
): Promise<boolean> {
  let metadata: Awaited<ReturnType<typeof providerMetadata>>;
  try {
    metadata = await providerMetadata(provider);
  } catch (error) {
    if (!(error instanceof MetadataUnavailable)) throw error;
    services.log.info(`oauth2/authorize: ${provider.ProviderName}: ${error.message}`);
    federationError(res, request, "invalid_request", "Unable to contact the configured provider");
    return true;
  }
  if (!metadata) return false;
  return sendAuthnRequest(services, res, request.pool, provider, metadata, stateId, state);
}
