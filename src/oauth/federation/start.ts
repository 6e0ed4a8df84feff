import type { Request, Response } from "express";
import type { Services } from "../../services/services";
import { findIdentityProvider } from "../../services/user-pools/directory/identity-providers";
import type { AuthorizeRequest } from "../authorize-request";
import { requestBaseUrl } from "../http";
import { federationError } from "./complete";
import { startSamlFederation } from "./saml/sign-in";
import { openFederationState } from "./states";
import { isReachableOidcProvider, UpstreamError, upstreamAuthorizeUrl } from "./upstream-oidc";

export const FAKE_PROVIDER_PATH = "/_emu/idp";
export const CALLBACK_PATH = "/oauth2/idpresponse";

/** Hands the sign-in to the provider: a SAML IdP with usable metadata, a test's own OIDC provider on loopback, or else the emulator's fake provider page. */
export async function startFederation(services: Services, req: Request, res: Response, request: AuthorizeRequest, providerName: string): Promise<void> {
  const provider = findIdentityProvider(services, request.pool.Id, providerName);
  if (!provider) return federationError(res, request, "invalid_request", "Login option is not available. Please try another one");
  const { identity_provider: _named, idp_identifier: _identified, ...params } = request.params;
  const callbackUrl = `${requestBaseUrl(req)}${CALLBACK_PATH}`;
  const { id, state } = openFederationState(services, { UserPoolId: request.pool.Id, ProviderName: provider.ProviderName, Params: params, CallbackUrl: callbackUrl });
  res.set("cache-control", "no-store");
  if (provider.ProviderType === "SAML" && (await startSamlFederation(services, res, request, provider, id, state))) return;
  if (!isReachableOidcProvider(provider)) return void res.redirect(302, `${FAKE_PROVIDER_PATH}?state=${encodeURIComponent(id)}`);
  try {
    res.redirect(302, await upstreamAuthorizeUrl(provider, callbackUrl, id, state.Nonce));
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    federationError(res, request, "invalid_request", error.message);
  }
}
