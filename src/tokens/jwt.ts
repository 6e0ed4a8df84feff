import { createHash, sign } from "node:crypto";
import type { PoolKey } from "./keys";
import type { TokenClient, TokenGroup, TokenUser } from "./subjects";

export const DEFAULT_ACCESS_SCOPE = "aws.cognito.signin.user.admin";

export type Claims = Record<string, unknown>;

const SECONDS_PER_UNIT = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;

export interface TokenValidity {
  accessSeconds: number;
  idSeconds: number;
  refreshSeconds: number;
}

/** A client's token lifetimes in seconds; Cognito's defaults are 1 h, 1 h and 30 days, in hours, hours and days. */
export function tokenValidity(client: Pick<TokenClient, "AccessTokenValidity" | "IdTokenValidity" | "RefreshTokenValidity" | "TokenValidityUnits">): TokenValidity {
  const units = client.TokenValidityUnits ?? {};
  const seconds = (value: number | undefined, unit: string | undefined, fallbackUnit: keyof typeof SECONDS_PER_UNIT, fallbackSeconds: number) =>
    value === undefined ? fallbackSeconds : value * SECONDS_PER_UNIT[(unit ?? fallbackUnit) as keyof typeof SECONDS_PER_UNIT];
  return {
    accessSeconds: seconds(client.AccessTokenValidity, units.AccessToken, "hours", 3600),
    idSeconds: seconds(client.IdTokenValidity, units.IdToken, "hours", 3600),
    refreshSeconds: seconds(client.RefreshTokenValidity, units.RefreshToken, "days", 30 * 86400),
  };
}

export interface GroupClaims {
  groups: string[];
  roles: string[];
  preferredRole?: string;
}

/**
 * `cognito:groups`, `cognito:roles` and `cognito:preferred_role` as Cognito derives them: groups by
 * Precedence ascending (none last); the preferred role is the role of the lowest-Precedence group that has
 * one, and is left out when groups tied at that Precedence carry different roles.
 */
export function groupClaims(groups: readonly TokenGroup[]): GroupClaims {
  const ordered = [...groups].sort((a, b) => (a.Precedence ?? Infinity) - (b.Precedence ?? Infinity));
  const roles = [...new Set(ordered.flatMap((g) => (g.RoleArn ? [g.RoleArn] : [])))];
  const withRoles = ordered.filter((g) => g.RoleArn);
  let preferredRole: string | undefined;
  if (withRoles.length > 0) {
    const best = withRoles[0].Precedence;
    const tied = new Set(withRoles.filter((g) => g.Precedence === best).map((g) => g.RoleArn));
    if (tied.size === 1) preferredRole = withRoles[0].RoleArn;
  }
  return { groups: ordered.map((g) => g.GroupName), roles, preferredRole };
}

const BOOLEAN_ATTRIBUTES = new Set(["email_verified", "phone_number_verified"]);

/** The user's attributes as ID-token claims, limited to what the client may read (when it says). */
export function attributeClaims(attributes: Record<string, string>, readAttributes?: readonly string[]): Claims {
  const readable = readAttributes && readAttributes.length > 0 ? new Set(readAttributes) : undefined;
  const claims: Claims = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "sub" || name.startsWith("dev:")) continue;
    if (readable && !readable.has(name)) continue;
    if (BOOLEAN_ATTRIBUTES.has(name)) claims[name] = value?.toLowerCase() === "true"; // "True" counts as true, as Cognito stores it as written
    else if (name === "identities") claims[name] = parseIdentities(value);
    else claims[name] = value;
  }
  return claims;
}

function parseIdentities(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Claims no caller (or trigger) may replace: they are what verification and revocation rely on. */
const PROTECTED_CLAIMS = new Set([
  "sub", "iss", "aud", "client_id", "token_use", "exp", "iat", "nbf", "jti", "origin_jti", "event_id", "auth_time",
  "cognito:username", "username", "at_hash", "nonce", "device_key",
]);

/** Adds or replaces claims (a value of `undefined` removes the claim), leaving protected claims alone. */
function applyExtraClaims(claims: Claims, extra: Claims | undefined): void {
  if (!extra) return;
  for (const [name, value] of Object.entries(extra)) {
    if (PROTECTED_CLAIMS.has(name)) continue;
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
}

/** What both tokens of one sign-in share. */
export interface TokenContext {
  issuer: string;
  client: Pick<TokenClient, "ClientId" | "ReadAttributes">;
  user: Pick<TokenUser, "Sub" | "Username" | "Attributes">;
  groups: GroupClaims;
  originJti: string;
  eventId: string;
  authTime: number;
  issuedAt: number;
}

export interface IdTokenOptions {
  expiresAt: number;
  jti: string;
  nonce?: string;
  /** The access token issued alongside, for `at_hash` (OAuth flows). */
  accessToken?: string;
  extraClaims?: Claims;
}

export function idTokenClaims(ctx: TokenContext, options: IdTokenOptions): Claims {
  const { groups } = ctx;
  const attributes = attributeClaims(ctx.user.Attributes, ctx.client.ReadAttributes);
  const claims: Claims = { sub: ctx.user.Sub };
  if (groups.groups.length > 0) claims["cognito:groups"] = groups.groups;
  if (groups.roles.length > 0) claims["cognito:roles"] = groups.roles;
  if (groups.preferredRole) claims["cognito:preferred_role"] = groups.preferredRole;
  for (const name of BOOLEAN_ATTRIBUTES) if (name in attributes) claims[name] = attributes[name];
  Object.assign(claims, {
    iss: ctx.issuer,
    "cognito:username": ctx.user.Username,
    origin_jti: ctx.originJti,
    aud: ctx.client.ClientId,
    event_id: ctx.eventId,
    token_use: "id",
    auth_time: ctx.authTime,
    exp: options.expiresAt,
    iat: ctx.issuedAt,
    jti: options.jti,
  });
  for (const [name, value] of Object.entries(attributes)) if (!BOOLEAN_ATTRIBUTES.has(name)) claims[name] = value;
  if (options.nonce !== undefined) claims.nonce = options.nonce;
  if (options.accessToken !== undefined) claims.at_hash = atHash(options.accessToken);
  applyExtraClaims(claims, options.extraClaims);
  return claims;
}

export interface AccessTokenOptions {
  expiresAt: number;
  jti: string;
  /** Defaults to Cognito's API scope, `aws.cognito.signin.user.admin`. */
  scopes?: readonly string[];
  deviceKey?: string;
  /** Access tokens from OAuth flows and V2 pre-token-generation triggers carry `"version": 2`. */
  version?: 2;
  extraClaims?: Claims;
}

export function accessTokenClaims(ctx: TokenContext, options: AccessTokenOptions): Claims {
  const claims: Claims = { sub: ctx.user.Sub };
  if (options.deviceKey !== undefined) claims.device_key = options.deviceKey;
  if (ctx.groups.groups.length > 0) claims["cognito:groups"] = ctx.groups.groups;
  claims.iss = ctx.issuer;
  if (options.version !== undefined) claims.version = options.version;
  Object.assign(claims, {
    client_id: ctx.client.ClientId,
    origin_jti: ctx.originJti,
    event_id: ctx.eventId,
    token_use: "access",
    scope: options.scopes && options.scopes.length > 0 ? options.scopes.join(" ") : DEFAULT_ACCESS_SCOPE,
    auth_time: ctx.authTime,
    exp: options.expiresAt,
    iat: ctx.issuedAt,
    jti: options.jti,
    username: ctx.user.Username,
  });
  applyExtraClaims(claims, options.extraClaims);
  return claims;
}

const encodedHeaders = new WeakMap<PoolKey, string>();

/**
 * RS256 with Cognito's header, `{"kid","alg"}` in that order and no `typ`. The RSA signature is computed
 * on libuv's thread pool (node:crypto's callback form) rather than jsonwebtoken's synchronous path:
 * signing is most of a sign-in's CPU, and off the event loop it runs on the other cores.
 */
export function signJwt(claims: Claims, key: PoolKey): Promise<string> {
  let header = encodedHeaders.get(key);
  if (!header) {
    header = Buffer.from(JSON.stringify({ kid: key.kid, alg: "RS256" })).toString("base64url");
    encodedHeaders.set(key, header);
  }
  const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return new Promise((resolve, reject) =>
    sign("sha256", Buffer.from(signingInput), key.privateKey, (error, signature) =>
      error ? reject(error) : resolve(`${signingInput}.${signature.toString("base64url")}`),
    ),
  );
}

/** OIDC at_hash: base64url of the left half of the SHA-256 of the access token. */
export function atHash(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");
}
