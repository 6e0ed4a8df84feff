import { randomBytes } from "node:crypto";
import { SAML } from "@node-saml/node-saml";
import type { Response } from "express";
import { BINDING_POST, type IdpMetadata, preferredEndpoint } from "../../../services/saml/metadata";
import type { Services } from "../../../services/services";
import type { IdentityProviderRecord } from "../../../services/user-pools/directory/identity-providers";
import type { PoolRecord } from "../../../services/user-pools/directory/records";
import { html } from "../../hosted-ui/layout";
import type { FederationState } from "../states";
import { assertionConsumerUrl, poolSamlKeys, serviceProviderEntityId } from "./sp";

/** The AuthnRequest ID of a pending sign-in: its state's nonce, so the response's InResponseTo can be checked. */
export function authnRequestId(state: FederationState): string {
  return `_${state.Nonce}`;
}

/**
 * Sends the browser to the IdP with an AuthnRequest, by the binding its metadata offers (HTTP-Redirect
 * first, else HTTP-POST), RelayState the pending sign-in. The request is signed with the pool's key
 * (GetSigningCertificate) when the IdP's metadata wants signed requests or the provider's
 * RequestSigningAlgorithm asks for it.
 */
export async function sendAuthnRequest(
  services: Services,
  res: Response,
  pool: PoolRecord,
  provider: IdentityProviderRecord,
  metadata: IdpMetadata,
  stateId: string,
  state: FederationState,
): Promise<boolean> {
  const endpoint = preferredEndpoint(metadata.singleSignOn);
  if (!endpoint) return false;
  const sign = metadata.wantAuthnRequestsSigned || provider.ProviderDetails.RequestSigningAlgorithm === "rsa-sha256";
  const keys = sign ? await poolSamlKeys(services, pool) : undefined;
  const saml = new SAML({
    entryPoint: endpoint.location,
    issuer: serviceProviderEntityId(pool.Id),
    callbackUrl: assertionConsumerUrl(state.CallbackUrl),
    idpCert: metadata.signingCertificates,
    generateUniqueId: () => authnRequestId(state),
    identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    disableRequestedAuthnContext: true,
    privateKey: keys?.privateKey,
    publicCert: keys?.certificate,
    signatureAlgorithm: "sha256",
    // SAML's HTTP-POST binding carries the request base64-encoded only; HTTP-Redirect deflates it.
    skipRequestCompression: endpoint.binding === BINDING_POST,
  });
  res.set("cache-control", "no-store");
  if (endpoint.binding !== BINDING_POST) {
    res.redirect(302, await saml.getAuthorizeUrlAsync(stateId, undefined, {}));
    return true;
  }
  const fields = await saml.getAuthorizeMessageAsync(stateId, undefined, {});
  sendAutoPost(res, endpoint.location, fields as Record<string, string>);
  return true;
}

/**
 * The HTTP-POST binding: a form the browser submits to the IdP by itself (a script allowed by a nonce),
 * with a button for browsers without scripts.
 */
export function sendAutoPost(res: Response, action: string, fields: Record<string, string>): void {
  const nonce = randomBytes(16).toString("base64");
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Continue to your identity provider</title></head>
<body>
<form method="post" action="${action}">
${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script nonce="${nonce}">document.forms[0].submit();</script>
</body></html>`;
  res
    .status(200)
    .set({
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'`,
      "cache-control": "no-store",
    })
    .send(page.markup);
}
