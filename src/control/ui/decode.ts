import { verify } from "node:crypto";
import type { Services } from "../../services/services";
import type { Claims } from "../../tokens/jwt";
import type { PoolKey } from "../../tokens/keys";
import { refreshTokenId } from "../../tokens/refresh";
import { TOKEN_MESSAGES, type TokenUse } from "../../tokens/verify";

/** What the console tells of a pasted token. */
export interface DecodedToken {
  kind: "jwt" | "refresh" | "unreadable";
  /** Why it could not be read, for `unreadable`. */
  problem?: string;
  header?: Record<string, unknown>;
  claims?: Claims;
  /**
   * Whether a key of a pool's JWKS verifies it: `valid`; `invalid` (the key its kid names does not);
   * `unknown-key` (no pool here has a key with its kid).
   */
  signature?: "valid" | "invalid" | "unknown-key";
  /** The pool whose key its kid names, and which of its keys. */
  signedBy?: { userPoolId: string; key: "IdToken" | "AccessToken" };
  /** Whether `iss` is what that pool's tokens say. */
  issuer?: { expected: string; matches: boolean };
  /** By the emulator's clock, which /_emu/clock may have moved. */
  issuedAt?: string;
  expiresAt?: string;
  expired?: boolean;
  secondsLeft?: number;
  /** What the emulator's own APIs would answer: "ok", or Cognito's message (expired, revoked, invalid). */
  emulator?: string;
  /** A refresh token's session, found by the token's hash. */
  session?: { userPoolId: string; clientId: string; username: string; issuedAt: string; expiresAt: string; state: string };
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const JWE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*){4}$/;

/** Reads a token as the console shows it: header, claims, signature against the pools' keys, expiry, and the emulator's verdict. */
export function decodeToken(services: Services, pasted: unknown): DecodedToken {
  if (typeof pasted !== "string") return { kind: "unreadable", problem: "Paste a token." };
  const token = pasted.trim().replace(/^Bearer\s+/i, "");
  if (JWE.test(token)) return decodeRefreshToken(services, token);
  if (!JWT.test(token)) return { kind: "unreadable", problem: "Not a JWT: three base64url parts separated by dots." };
  const [headerPart, payloadPart, signaturePart] = token.split(".");
  const header = parseJson(headerPart);
  const claims = parseJson(payloadPart);
  if (!header || !claims) return { kind: "unreadable", problem: "Its header or payload is not base64url-encoded JSON." };

  const result: DecodedToken = { kind: "jwt", header, claims };
  const found = typeof header.kid === "string" ? keyByKid(services, header.kid) : undefined;
  if (!found) result.signature = "unknown-key";
  else {
    const signed = header.alg === "RS256" && verify("sha256", Buffer.from(`${headerPart}.${payloadPart}`), found.key.publicKey, Buffer.from(signaturePart, "base64url"));
    result.signature = signed ? "valid" : "invalid";
    result.signedBy = { userPoolId: found.poolId, key: found.purpose };
    const expected = services.issuerFor(found.poolId);
    result.issuer = { expected, matches: claims.iss === expected };
  }

  const now = services.clock.nowSeconds();
  if (typeof claims.iat === "number") result.issuedAt = new Date(claims.iat * 1000).toISOString();
  if (typeof claims.exp === "number") {
    result.expiresAt = new Date(claims.exp * 1000).toISOString();
    result.secondsLeft = claims.exp - now;
    result.expired = claims.exp <= now;
  }
  const use = claims.token_use === "id" || claims.token_use === "access" ? (claims.token_use as TokenUse) : undefined;
  if (use) {
    const check = services.tokens.checkToken(token, use);
    result.emulator = check.ok ? "ok" : TOKEN_MESSAGES[use][check.reason];
  }
  return result;
}

function decodeRefreshToken(services: Services, token: string): DecodedToken {
  const header = parseJson(token.split(".")[0]);
  const record = services.tables.refreshTokens.get(refreshTokenId(token));
  if (!record) {
    const revoked = services.tables.revokedTokens.has(refreshTokenId(token));
    return { kind: "refresh", header: header ?? undefined, emulator: revoked ? "Refresh Token has been revoked" : "Invalid Refresh Token." };
  }
  let state = "ok";
  try {
    services.tokens.lookupRefreshToken(token);
  } catch (error) {
    state = (error as Error).message;
  }
  return {
    kind: "refresh",
    header: header ?? undefined,
    emulator: state,
    session: {
      userPoolId: record.UserPoolId,
      clientId: record.ClientId,
      username: record.Username,
      issuedAt: new Date(record.IssuedAt * 1000).toISOString(),
      expiresAt: new Date(record.ExpiresAt * 1000).toISOString(),
      state,
    },
  };
}

/** The pool key with this kid, among every pool's current keys (kids are unique: they hash the key). */
function keyByKid(services: Services, kid: string): { poolId: string; purpose: "IdToken" | "AccessToken"; key: PoolKey } | undefined {
  for (const [poolId] of services.tables.pools.entries()) {
    const keys = services.tokens.keys.current(poolId);
    if (keys?.idToken.kid === kid) return { poolId, purpose: "IdToken", key: keys.idToken };
    if (keys?.accessToken.kid === kid) return { poolId, purpose: "AccessToken", key: keys.accessToken };
  }
  return undefined;
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
