import { createPublicKey, type JsonWebKey } from "node:crypto";
import jwt from "jsonwebtoken";
import type { IdentityProviderRecord } from "../../services/user-pools/directory/identity-providers";
import type { ExternalProfile } from "./attribute-mapping";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const FETCH_TIMEOUT_MS = 5000;

/**
 * Whether sign-in goes to the real provider: OIDC providers whose issuer is on this machine (a test's
 * own provider). Every other provider is played by the emulator's fake provider page, so nothing leaves it.
 */
export function isReachableOidcProvider(provider: IdentityProviderRecord): boolean {
  if (provider.ProviderType !== "OIDC") return false;
  try {
    const host = new URL(provider.ProviderDetails.oidc_issuer ?? "").hostname;
    return LOOPBACK_HOSTS.has(host) || host.startsWith("127.");
  } catch {
    return false;
  }
}

interface OidcEndpoints {
  authorization: string;
  token: string;
  userinfo?: string;
  jwks: string;
}

/** The provider's endpoints: those its details name, the rest from its discovery document. */
async function endpoints(provider: IdentityProviderRecord): Promise<OidcEndpoints> {
  const details = provider.ProviderDetails;
  let discovered: Record<string, unknown> = {};
  if (!details.authorize_url || !details.token_url || !details.jwks_uri) {
    const issuer = details.oidc_issuer.replace(/\/$/, "");
    discovered = await fetchJson(`${issuer}/.well-known/openid-configuration`, {}, "discovery");
  }
  const pick = (given: string | undefined, key: string) => given ?? (typeof discovered[key] === "string" ? (discovered[key] as string) : undefined);
  const authorization = pick(details.authorize_url, "authorization_endpoint");
  const token = pick(details.token_url, "token_endpoint");
  const jwks = pick(details.jwks_uri, "jwks_uri");
  if (!authorization || !token || !jwks) throw new UpstreamError(`${provider.ProviderName} has no authorization, token or jwks endpoint`);
  return { authorization, token, jwks, userinfo: pick(details.attributes_url, "userinfo_endpoint") };
}

/** Where to send the browser: the provider's authorization endpoint, answering at `redirectUri`. */
export async function upstreamAuthorizeUrl(provider: IdentityProviderRecord, redirectUri: string, state: string, nonce: string): Promise<string> {
  const url = new URL((await endpoints(provider)).authorization);
  url.searchParams.set("client_id", provider.ProviderDetails.client_id);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", provider.ProviderDetails.authorize_scopes ?? "openid");
  url.searchParams.set("state", state);
  url.searchParams.set("nonce", nonce);
  return url.toString();
}

/**
 * The user the provider signed in: the code exchanged for tokens (client secret by HTTP Basic), the ID
 * token verified (signature by the provider's JWKS, issuer, audience, nonce), and the userInfo claims added.
 */
export async function upstreamProfile(provider: IdentityProviderRecord, code: string, redirectUri: string, nonce: string): Promise<ExternalProfile> {
  const details = provider.ProviderDetails;
  const urls = await endpoints(provider);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri });
  if (details.client_secret) {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(details.client_id)}:${encodeURIComponent(details.client_secret)}`).toString("base64")}`;
  } else {
    form.set("client_id", details.client_id);
  }
  const tokens = await fetchJson(urls.token, { method: "POST", headers, body: form.toString() }, "token");
  if (typeof tokens.id_token !== "string") throw new UpstreamError(`${provider.ProviderName} Error - no id_token in the token response`);
  const claims = await verifyIdToken(provider, urls.jwks, tokens.id_token, nonce);
  if (urls.userinfo && typeof tokens.access_token === "string") {
    const method = details.attributes_request_method === "POST" ? "POST" : "GET";
    const info = await fetchJson(urls.userinfo, { method, headers: { authorization: `Bearer ${tokens.access_token}`, accept: "application/json" } }, "userInfo");
    Object.assign(claims, info, { sub: claims.sub });
  }
  return { providerUserId: String(claims.sub), claims };
}

async function verifyIdToken(provider: IdentityProviderRecord, jwksUri: string, idToken: string, nonce: string): Promise<Record<string, unknown>> {
  const decoded = jwt.decode(idToken, { complete: true });
  if (!decoded || typeof decoded.payload !== "object") throw new UpstreamError("Bad id_token");
  const jwks = await fetchJson(jwksUri, {}, "jwks");
  const keys = Array.isArray(jwks.keys) ? (jwks.keys as Array<JsonWebKey & { kid?: string }>) : [];
  const jwk = keys.find((key) => key.kid === decoded.header.kid) ?? (keys.length === 1 ? keys[0] : undefined);
  if (!jwk) throw new UpstreamError("Bad id_token: unknown signing key");
  let claims: Record<string, unknown>;
  try {
    // The provider's clock is the wall clock, not the emulator's (which tests may move forward).
    claims = jwt.verify(idToken, createPublicKey({ key: jwk, format: "jwk" }), {
      algorithms: ["RS256", "RS384", "RS512", "ES256", "ES384"],
      issuer: provider.ProviderDetails.oidc_issuer,
      audience: provider.ProviderDetails.client_id,
    }) as Record<string, unknown>;
  } catch (error) {
    throw new UpstreamError(`Bad id_token: ${(error as Error).message}`);
  }
  if (claims.nonce !== nonce) throw new UpstreamError("Bad id_token: nonce mismatch");
  if (typeof claims.sub !== "string" || !claims.sub) throw new UpstreamError("Bad id_token: no sub");
  return claims;
}

/** A provider that failed; the message goes back to the app as error_description. */
export class UpstreamError extends Error {}

async function fetchJson(url: string, init: RequestInit, what: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new UpstreamError(`Error calling the IdP ${what} endpoint: ${(error as Error).message}`);
  }
  if (!response.ok) throw new UpstreamError(`IdP Error - ${response.status} error getting ${what}`);
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    throw new UpstreamError(`IdP Error - the ${what} response is not JSON`);
  }
}
