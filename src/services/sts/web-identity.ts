import jwt from "jsonwebtoken";
import { ExpiredTokenException, InvalidIdentityToken } from "../../errors";
import type { Claims } from "../../tokens/jwt";
import { checkOpenIdToken, OPENID_ISSUER } from "../identity-pools/openid";
import type { Services } from "../services";

export interface WebIdentity {
  claims: Claims;
  /** AssumeRoleWithWebIdentity's Provider: the issuer, without its scheme. */
  provider: string;
}

const NOT_A_JWT = "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";

/**
 * A web identity token STS accepts here: a Cognito Identity OpenID token (the basic flow), or an ID
 * token of one of the emulator's user pools (as if the account had registered the pool as an IAM OIDC
 * provider). Other issuers are unknown to this account.
 */
export function verifyWebIdentity(services: Services, token: string): WebIdentity {
  let payload: Claims | null = null;
  try {
    payload = jwt.decode(token, { json: true }) as Claims | null;
  } catch {
    payload = null;
  }
  if (!payload || typeof payload.iss !== "string") throw InvalidIdentityToken(NOT_A_JWT);
  const now = services.clock.nowSeconds();
  const expired = (exp: unknown) => ExpiredTokenException(`Token expired: current date/time ${now} must be before the expiration date/time ${exp}`);

  if (payload.iss === OPENID_ISSUER) {
    const check = checkOpenIdToken(services, token);
    if (!check.ok && check.reason === "expired") throw expired(check.claims.exp);
    if (!check.ok) throw InvalidIdentityToken("Couldn't verify the signature of the web identity token.");
    return { claims: check.claims, provider: "cognito-identity.amazonaws.com" };
  }
  if (payload.token_use === "access") throw InvalidIdentityToken(NOT_A_JWT);
  const check = services.tokens.checkToken(token, "id", { checkRevocation: false });
  if (check.ok) return { claims: check.claims, provider: payload.iss.replace(/^https?:\/\//, "") };
  if (check.reason === "expired") throw expired(check.claims.exp);
  if (services.tables.pools.has(payload.iss.slice(payload.iss.lastIndexOf("/") + 1))) {
    throw InvalidIdentityToken("Couldn't verify the signature of the web identity token.");
  }
  throw InvalidIdentityToken(`No OpenIDConnect provider found in your account for ${payload.iss}`);
}
