import jwt from "jsonwebtoken";
import type { Clock } from "../clock";
import { NotAuthorized } from "../errors";
import type { UserPoolTables } from "../services/user-pools/directory/tables";
import type { Claims } from "./jwt";
import type { KeyRing } from "./keys";

export type TokenUse = "access" | "id";

export type TokenCheck =
  | { ok: true; claims: Claims; poolId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "expired" | "revoked"; claims: Claims; poolId: string };

export interface CheckOptions {
  /** Identity pools accept revoked ID tokens until they expire, as JWT libraries do; user-pool APIs do not. */
  checkRevocation?: boolean;
}

/** Cognito's messages, per token kind. */
export const TOKEN_MESSAGES: Record<TokenUse, Record<"invalid" | "expired" | "revoked", string>> = {
  access: { invalid: "Invalid Access Token", expired: "Access Token has expired", revoked: "Access Token has been revoked" },
  id: { invalid: "Invalid Id Token", expired: "Id Token has expired", revoked: "Id Token has been revoked" },
};

/**
 * Checks a token this emulator issued: the signature with the pool key its `kid` names, then `token_use`,
 * expiry by the emulator's clock, and revocation (its jti or its sign-in's origin_jti revoked, or issued
 * before the user's global sign-out). Reports why a token fails instead of throwing, so each API can say it its way.
 */
export function checkToken(
  token: string,
  use: TokenUse,
  deps: { keys: KeyRing; tables: UserPoolTables; clock: Clock },
  options: CheckOptions = {},
): TokenCheck {
  let decoded: jwt.Jwt | null;
  try {
    decoded = jwt.decode(token, { complete: true, json: true });
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!decoded || typeof decoded.payload !== "object") return { ok: false, reason: "invalid" };
  const { header, payload } = decoded;
  if (header.alg !== "RS256" || typeof header.kid !== "string" || typeof payload.iss !== "string") return { ok: false, reason: "invalid" };
  // Both issuer forms end in /<poolId>; the pool's own key then decides whether the token is genuine.
  const poolId = payload.iss.slice(payload.iss.lastIndexOf("/") + 1);
  if (!deps.tables.pools.has(poolId)) return { ok: false, reason: "invalid" };
  const poolKeys = deps.keys.current(poolId);
  const key = use === "access" ? poolKeys?.accessToken : poolKeys?.idToken;
  if (!key || key.kid !== header.kid) return { ok: false, reason: "invalid" };

  let claims: Claims;
  try {
    claims = jwt.verify(token, key.publicKey, { algorithms: ["RS256"], clockTimestamp: deps.clock.nowSeconds() }) as Claims;
  } catch (error) {
    // jsonwebtoken checks the signature before expiry, so a forged expired token is reported invalid.
    if (error instanceof jwt.TokenExpiredError) return { ok: false, reason: "expired", claims: payload as Claims, poolId };
    return { ok: false, reason: "invalid" };
  }
  if (claims.token_use !== use || typeof claims.sub !== "string") return { ok: false, reason: "invalid" };

  if (options.checkRevocation !== false && isRevoked(claims, poolId, deps.tables)) return { ok: false, reason: "revoked", claims, poolId };
  return { ok: true, claims, poolId };
}

function isRevoked(claims: Claims, poolId: string, tables: UserPoolTables): boolean {
  const { jti, origin_jti: originJti, iat, sub } = claims;
  if (typeof jti === "string" && tables.revokedTokens.has(jti)) return true;
  if (typeof originJti === "string" && tables.revokedTokens.has(originJti)) return true;
  const user = tables.userBySub(poolId, String(sub));
  return user?.TokensValidAfter !== undefined && typeof iat === "number" && iat < user.TokensValidAfter;
}

/** checkToken, answering failures with Cognito's NotAuthorizedException. */
export function verifyToken(
  token: string,
  use: TokenUse,
  deps: { keys: KeyRing; tables: UserPoolTables; clock: Clock },
  options?: CheckOptions,
): { claims: Claims; poolId: string } {
  const result = checkToken(token, use, deps, options);
  if (!result.ok) throw NotAuthorized(TOKEN_MESSAGES[use][result.reason]);
  return { claims: result.claims, poolId: result.poolId };
}
