import { InvalidParameter, NotAuthorized, UserNotFound } from "../../../errors";
import { rotationEnabled } from "../../../tokens/refresh";
import type { Services } from "../../services";
import { clientSecrets } from "../directory/client-secrets";
import type { ClientRecord, PoolRecord } from "../directory/records";
import { checkSecretHash } from "./client-checks";
import type { SignedIn } from "./result";

export interface RefreshOptions {
  /** GetTokensFromRefreshToken rotates when the client enables it; REFRESH_TOKEN_AUTH never does. */
  rotate: boolean;
  /** SECRET_HASH of REFRESH_TOKEN_AUTH, or the client secret of GetTokensFromRefreshToken. */
  secretHash?: string;
  clientSecret?: string;
  /** The USERNAME a client sent along (SECRET_HASH may be computed over it). */
  username?: string;
  /** Passed on to the pre token generation trigger. */
  clientMetadata?: Record<string, string>;
}

/**
 * The sign-in a refresh token continues, once the token, its client and its user check out: tokens
 * minted from it keep the sign-in's origin_jti, auth_time, device and scopes (see signInTokens).
 */
export function refreshSignIn(services: Services, pool: PoolRecord, client: ClientRecord, token: string, options: RefreshOptions): SignedIn {
  const session = services.tokens.lookupRefreshToken(token);
  if (session.ClientId !== client.ClientId) throw NotAuthorized("Invalid Refresh Token.");
  const user = services.tables.userBySub(pool.Id, session.Sub);
  if (!user) throw UserNotFound("User does not exist.");
  if (client.ClientSecret) {
    if (options.clientSecret !== undefined) {
      if (!clientSecrets(client).includes(options.clientSecret)) throw NotAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    } else {
      checkSecretHash(client, user.Username, options.secretHash, [user.Sub, ...(options.username ? [options.username] : [])]);
    }
  }
  if (!user.Enabled) throw NotAuthorized("User is disabled.");
  return {
    kind: "signedIn",
    pool,
    client,
    user,
    method: "REFRESH",
    authTime: session.AuthTime,
    deviceKey: session.DeviceKey,
    clientMetadata: options.clientMetadata,
    tokenSource: "RefreshTokens",
    refresh: { token, session, rotate: options.rotate && rotationEnabled(client) },
  };
}

export function requireRefreshToken(parameters: Record<string, string> | undefined): string {
  const token = parameters?.REFRESH_TOKEN;
  if (!token) throw InvalidParameter("Missing required parameter REFRESH_TOKEN");
  return token;
}
