import { randomUUID } from "node:crypto";
import type { Services } from "../services/services";
import { groupsOfUser } from "../services/user-pools/directory/groups";
import type { ClientRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { signJwt, tokenValidity } from "../tokens/jwt";
import { runPreTokenGeneration, type TokenGenerationSource } from "../triggers";
import { OPENID } from "./scopes";

/** The token endpoint's answer, members in Cognito's order. */
export interface TokenResponse {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: "Bearer";
}

export interface UserGrant {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  /** Granted OAuth scopes; undefined for a session that began through the API (API-style tokens). */
  scopes?: string[];
  /** Epoch seconds. */
  authTime: number;
  nonce?: string;
  withRefreshToken: boolean;
  /** A refresh keeps the sign-in's id and device. */
  originJti?: string;
  deviceKey?: string;
  /** What the pre token generation trigger is told. */
  source: TokenGenerationSource;
}

/**
 * Tokens of an OAuth sign-in: the access token carries the granted scopes and `"version": 2`, the ID
 * token (only with `openid`) the nonce and at_hash, as Cognito's hosted UI issues them. The pool's pre
 * token generation trigger shapes them as it does API tokens.
 */
export async function issueUserTokens(services: Services, grant: UserGrant): Promise<TokenResponse> {
  const { pool, client, user } = grant;
  const groups = groupsOfUser(services, user);
  const customization = await runPreTokenGeneration(services, pool, { source: grant.source, client, user, groups, scopes: grant.scopes });
  const oauth = grant.scopes !== undefined;
  const issued = await services.tokens.issue({
    pool,
    client,
    user,
    groups,
    authTime: grant.authTime,
    originJti: grant.originJti,
    deviceKey: grant.deviceKey,
    nonce: grant.nonce,
    includeAtHash: oauth,
    withRefreshToken: grant.withRefreshToken,
    ...customization,
    scopes: customization.scopes ?? grant.scopes,
    accessTokenVersion: oauth ? 2 : customization.accessTokenVersion,
  });
  return {
    ...(!oauth || grant.scopes!.includes(OPENID) ? { id_token: issued.IdToken } : {}),
    access_token: issued.AccessToken,
    ...(issued.RefreshToken ? { refresh_token: issued.RefreshToken } : {}),
    expires_in: issued.ExpiresIn,
    token_type: "Bearer",
  };
}

/** A machine-to-machine access token (client_credentials): the client is its own subject; no user, no ID token. */
export async function issueClientToken(services: Services, pool: PoolRecord, client: ClientRecord, scopes: string[]): Promise<TokenResponse> {
  const keys = await services.tokens.keys.ensure(pool.Id);
  const now = services.clock.nowSeconds();
  const expiresIn = tokenValidity(client).accessSeconds;
  const claims = {
    sub: client.ClientId,
    token_use: "access",
    scope: scopes.join(" "),
    auth_time: now,
    iss: services.issuerFor(pool.Id),
    exp: now + expiresIn,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  };
  return { access_token: await signJwt(claims, keys.accessToken), expires_in: expiresIn, token_type: "Bearer" };
}
