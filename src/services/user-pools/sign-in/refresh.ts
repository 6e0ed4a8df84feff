import type { AuthenticationResultType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, NotAuthorized, UserNotFound } from "../../../errors";
import { rotationEnabled } from "../../../tokens/refresh";
import type { Services } from "../../services";
import { checkSecretHash } from "./client-checks";
import { clientSecrets } from "../directory/client-secrets";
import type { ClientRecord, PoolRecord } from "../directory/records";

export { rotationEnabled };

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
 * New ID and access tokens from a refresh token, for the same sign-in (same origin_jti, auth_time,
 * device and scopes). With rotation, a new refresh token replaces the old one, which stays usable for
 * the client's RetryGracePeriodSeconds.
 */
export async function refreshSignIn(services: Services, pool: PoolRecord, client: ClientRecord, token: string, options: RefreshOptions): Promise<AuthenticationResultType> {
  const session = services.tokens.lookupRefreshToken(token);
  if (session.ClientId !== client.ClientId) throw NotAuthorized("Invalid Refresh Token.");
  const user = services.tables.users.findOneBy("bySub", `${pool.Id}/${session.Sub}`);
  if (!user) throw UserNotFound("User does not exist.");
  if (client.ClientSecret) {
    if (options.clientSecret !== undefined) {
      if (!clientSecrets(client).includes(options.clientSecret)) throw NotAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    } else {
      checkSecretHash(client, user.Username, options.secretHash, [user.Sub, ...(options.username ? [options.username] : [])]);
    }
  }
  if (!user.Enabled) throw NotAuthorized("User is disabled.");

  const rotate = options.rotate && rotationEnabled(client);
  return services.tokens.refreshUserTokens(token, session, { pool, client, user, clientMetadata: options.clientMetadata, scopes: session.Scopes, rotate });
}

export function requireRefreshToken(parameters: Record<string, string> | undefined): string {
  const token = parameters?.REFRESH_TOKEN;
  if (!token) throw InvalidParameter("Missing required parameter REFRESH_TOKEN");
  return token;
}
