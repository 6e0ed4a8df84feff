import { NotAuthorized, UserNotFound } from "../../../errors";
import type { Claims } from "../../../tokens/jwt";
import type { Services } from "../../services";
import type { PoolRecord, UserRecord } from "../directory/records";

const ADMIN_SCOPE = "aws.cognito.signin.user.admin";

export interface SignedInUser {
  pool: PoolRecord;
  user: UserRecord;
  claims: Claims;
}

/**
 * The user behind an access token, as Cognito checks it for the operations a user calls on themselves
 * (GetUser, ChangePassword, ...): a genuine, unexpired, unrevoked token carrying the admin scope, of a
 * user who still exists and is enabled.
 */
export function requireSignedInUser(services: Services, accessToken: string | undefined): SignedInUser {
  if (!accessToken) throw NotAuthorized("Invalid Access Token");
  const claims = services.tokens.verifyAccessToken(accessToken);
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
  if (!scopes.includes(ADMIN_SCOPE)) throw NotAuthorized("Access Token does not have required scopes");
  const iss = String(claims.iss);
  const pool = services.tables.pools.get(iss.slice(iss.lastIndexOf("/") + 1));
  if (!pool) throw NotAuthorized("Invalid Access Token");
  const user = services.tables.userBySub(pool.Id, String(claims.sub));
  if (!user) throw UserNotFound("User does not exist.");
  if (!user.Enabled) throw NotAuthorized("User is disabled.");
  return { pool, user, claims };
}
