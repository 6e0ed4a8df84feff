import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import jwt from "jsonwebtoken";
import type { Claims } from "../../tokens/jwt";
import type { Services } from "../services";
import { openIdKeys } from "./tables";

const generateRsaKeyPair = promisify(generateKeyPair);

/** Cognito Identity's OpenID tokens name this issuer, whichever region issued them. */
export const OPENID_ISSUER = "https://cognito-identity.amazonaws.com";
/** GetOpenIdToken's tokens last 10 minutes; the developer ones 15 by default. */
export const OPENID_TOKEN_SECONDS = 600;
export const DEVELOPER_TOKEN_SECONDS = 900;

/** A region's signing key: a row of `identityOpenIdKeys`, keyed by region. */
export interface OpenIdKeyRecord {
  Kid: string;
  /** PKCS#8 PEM. */
  PrivateKey: string;
}

interface ParsedKey {
  record: OpenIdKeyRecord;
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A key as https://cognito-identity.amazonaws.com/.well-known/jwks_uri lists it. */
export interface OpenIdJwk {
  kty: "RSA";
  alg: "RS512";
  use: "sig";
  kid: string;
  n: string;
  e: string;
}

export type OpenIdCheck =
  | { ok: true; claims: Claims }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "expired"; claims: Claims };

const parsedKeys = new WeakMap<OpenIdKeyRecord, ParsedKey>();
/** Key generations under way, per emulator (its store) and region: instances in one process never share keys. */
const generating = new WeakMap<object, Map<string, Promise<ParsedKey>>>();

const keyTable = (services: Services) => openIdKeys.open(services);

function parsed(record: OpenIdKeyRecord): ParsedKey {
  let key = parsedKeys.get(record);
  if (!key) {
    const privateKey = createPrivateKey(record.PrivateKey);
    key = { record, kid: record.Kid, privateKey, publicKey: createPublicKey(privateKey) };
    parsedKeys.set(record, key);
  }
  return key;
}

/** The region's key (kid `<region>-1`, as Cognito names its keys), generated on first need. */
async function regionKey(services: Services, region: string): Promise<ParsedKey> {
  const existing = keyTable(services).get(region);
  if (existing) return parsed(existing);
  let underway = generating.get(services.store);
  if (!underway) generating.set(services.store, (underway = new Map()));
  const inFlight = underway;
  let pending = inFlight.get(region);
  if (!pending) {
    pending = (async () => {
      const { privateKey } = await generateRsaKeyPair("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
      const raced = keyTable(services).get(region);
      if (raced) return parsed(raced);
      const record = { Kid: `${region}-1`, PrivateKey: privateKey.export({ format: "pem", type: "pkcs8" }) as string };
      keyTable(services).put(region, record);
      return parsed(record);
    })().finally(() => inFlight.delete(region));
    inFlight.set(region, pending);
  }
  return pending;
}

/** The keys of every region that has one, the default region's made if none has. */
export async function openIdJwks(services: Services): Promise<{ keys: OpenIdJwk[] }> {
  const table = keyTable(services);
  if (table.size === 0) await regionKey(services, services.options.region);
  const keys = [...table.values()].map((record) => {
    const { n, e } = parsed(record).publicKey.export({ format: "jwk" });
    return { kty: "RSA" as const, alg: "RS512" as const, use: "sig" as const, kid: record.Kid, n: n!, e: e! };
  });
  return { keys };
}

export interface OpenIdTokenParams {
  identityPoolId: string;
  identityId: string;
  /** `["unauthenticated"]`, or `["authenticated", <providers>..., <provider>:<...>:<user>...]`. */
  amr: string[];
  expiresInSeconds: number;
  principalTags?: Record<string, string>;
}

/** An OpenID token as Cognito Identity signs it: RS512, `{kid, typ: "JWS", alg}`, iss cognito-identity, aud = pool, sub = identity. */
export async function issueOpenIdToken(services: Services, params: OpenIdTokenParams): Promise<string> {
  const key = await regionKey(services, params.identityPoolId.slice(0, params.identityPoolId.indexOf(":")));
  const now = services.clock.nowSeconds();
  const claims: Claims = { sub: params.identityId, aud: params.identityPoolId, amr: params.amr, iss: OPENID_ISSUER, exp: now + params.expiresInSeconds, iat: now };
  if (params.principalTags && Object.keys(params.principalTags).length > 0) {
    claims["https://aws.amazon.com/tags"] = { principal_tags: Object.fromEntries(Object.entries(params.principalTags).map(([k, v]) => [k, [v]])) };
  }
  return jwt.sign(claims, key.privateKey, { algorithm: "RS512", header: { kid: key.kid, typ: "JWS", alg: "RS512" } });
}

/** Checks an OpenID token this emulator issued: its key, RS512 signature, issuer, then expiry by the emulator's clock. */
export function checkOpenIdToken(services: Services, token: string): OpenIdCheck {
  const decoded = jwt.decode(token, { complete: true, json: true });
  if (!decoded || typeof decoded.payload !== "object" || typeof decoded.header.kid !== "string") return { ok: false, reason: "invalid" };
  // Kids are `<region>-1`: the kid names the row.
  const record = keyTable(services).get(decoded.header.kid.replace(/-\d+$/, ""));
  if (!record || record.Kid !== decoded.header.kid) return { ok: false, reason: "invalid" };
  try {
    const claims = jwt.verify(token, parsed(record).publicKey, { algorithms: ["RS512"], issuer: OPENID_ISSUER, clockTimestamp: services.clock.nowSeconds() }) as Claims;
    if (typeof claims.sub !== "string" || typeof claims.aud !== "string") return { ok: false, reason: "invalid" };
    return { ok: true, claims };
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return { ok: false, reason: "expired", claims: decoded.payload as Claims };
    return { ok: false, reason: "invalid" };
  }
}
