import type { AuthenticationResultType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, NotAuthorized, UserNotFound } from "../../../errors";
import { refreshTokenId } from "../../../tokens/refresh";
import type { Services } from "../../services";
import { checkSecretHash } from "./client-checks";
import { clientSecrets } from "../directory/client-secrets";
import { groupsOfUser } from "../directory/groups";
import { runPreTokenGeneration } from "../../../triggers";
import type { ClientRecord, PoolRecord } from "../directory/records";

export function rotationEnabled(client: ClientRecord): boolean {
  return client.RefreshTokenRotation?.Feature === "ENABLED";
}

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

  const rotate = options.rotate && rotationEnabled(client);
  const groups = groupsOfUser(services, user);
  const customization = await runPreTokenGeneration(services, pool, {
    source: "RefreshTokens",
    client,
    user,
    groups,
    scopes: session.Scopes,
    clientMetadata: options.clientMetadata,
  });
  const tokens = await services.tokens.issue({
    pool,
    client,
    user,
    groups,
    originJti: session.OriginJti,
    authTime: session.AuthTime,
    deviceKey: session.DeviceKey,
    scopes: session.Scopes,
    withRefreshToken: rotate,
    ...customization,
  });
  if (rotate) retireRefreshToken(services, client, token);
  return tokens;
}

/** The rotated-out token keeps working for the grace period (0–60 s), then dies. */
function retireRefreshToken(services: Services, client: ClientRecord, token: string): void {
  const grace = client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0;
  const { refreshTokens } = services.tables;
  const id = refreshTokenId(token);
  const record = refreshTokens.get(id);
  if (!record) return;
  if (grace <= 0) {
    refreshTokens.delete(id);
    return;
  }
  refreshTokens.put(id, { ...record, ExpiresAt: Math.min(record.ExpiresAt, services.clock.nowSeconds() + grace) });
}

export function requireRefreshToken(parameters: Record<string, string> | undefined): string {
  const token = parameters?.REFRESH_TOKEN;
  if (!token) throw InvalidParameter("Missing required parameter REFRESH_TOKEN");
  return token;
}
