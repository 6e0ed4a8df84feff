import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import type { Claims } from "../../tokens/jwt";

/** How long fetched keys are trusted before an unknown kid makes us fetch again. */
const CACHE_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;
const ASYMMETRIC_ALGORITHMS: jwt.Algorithm[] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

export type SignatureCheck = { ok: true; claims: Claims } | { ok: false; reason: "invalid" | "expired" | "unreachable"; detail?: string };

interface IssuerKeys {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

const cache = new Map<string, IssuerKeys>();

/**
 * Verifies a token from an external OpenID Connect issuer with the keys its discovery document
 * publishes (`<iss>/.well-known/openid-configuration` -> `jwks_uri`), as Cognito does for OIDC providers.
 * Expiry is judged by `nowSeconds`, the emulator's clock.
 */
export async function verifyWithIssuerKeys(token: string, issuer: string, nowSeconds: number): Promise<SignatureCheck> {
  const decoded = jwt.decode(token, { complete: true, json: true });
  if (!decoded) return { ok: false, reason: "invalid" };
  const { alg, kid } = decoded.header;
  if (!ASYMMETRIC_ALGORITHMS.includes(alg as jwt.Algorithm)) return { ok: false, reason: "invalid", detail: `algorithm ${alg} is not accepted` };
  let key: KeyObject | undefined;
  try {
    key = await keyFor(issuer, kid);
  } catch (error) {
    return { ok: false, reason: "unreachable", detail: (error as Error).message };
  }
  if (!key) return { ok: false, reason: "invalid", detail: `no key ${kid ?? "(no kid)"} in the issuer's JWKS` };
  try {
    return { ok: true, claims: jwt.verify(token, key, { algorithms: [alg as jwt.Algorithm], clockTimestamp: nowSeconds }) as Claims };
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return { ok: false, reason: "expired" };
    return { ok: false, reason: "invalid", detail: (error as Error).message };
  }
}

/** By hand: /\/+$/ backtracks quadratically on a long run of slashes, and the issuer comes from the token. */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end--;
  return url.slice(0, end);
}

async function keyFor(issuer: string, kid: string | undefined): Promise<KeyObject | undefined> {
  const base = withoutTrailingSlashes(/^https?:\/\//.test(issuer) ? issuer : `https://${issuer}`);
  let known = cache.get(base);
  const find = (keys: IssuerKeys) => (kid === undefined && keys.keys.size === 1 ? [...keys.keys.values()][0] : keys.keys.get(kid ?? ""));
  if (known && Date.now() - known.fetchedAt < CACHE_MS) {
    const key = find(known);
    if (key) return key;
  }
  known = await fetchKeys(base);
  cache.set(base, known);
  return find(known);
}

async function fetchKeys(base: string): Promise<IssuerKeys> {
  const discovery = (await fetchJson(`${base}/.well-known/openid-configuration`)) as { jwks_uri?: unknown };
  if (typeof discovery.jwks_uri !== "string") throw new Error(`${base}/.well-known/openid-configuration has no jwks_uri`);
  const jwks = (await fetchJson(discovery.jwks_uri)) as { keys?: unknown };
  const keys = new Map<string, KeyObject>();
  for (const jwk of Array.isArray(jwks.keys) ? (jwks.keys as Array<JsonWebKey & { kid?: string; use?: string }>) : []) {
    if (jwk.use !== undefined && jwk.use !== "sig") continue;
    try {
      keys.set(jwk.kid ?? "", createPublicKey({ key: jwk, format: "jwk" }));
    } catch {
      // A key this runtime cannot read is left out, as verifiers do.
    }
  }
  return { keys, fetchedAt: Date.now() };
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.json();
}
