import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import { ResourceNotFound } from "../errors";
import type { Store } from "../store/store";
import type { TokenGenerationSource } from "../triggers/types";
import { accessTokenClaims, type Claims, groupClaims, idTokenClaims, signJwt, type TokenContext, tokenValidity } from "./jwt";
import { KeyRing, type KeyPurpose, type PublicJwk } from "./keys";
import { RecentTokens } from "./recent";
import { type RefreshTokenRecord, RefreshTokens, type TokenTables } from "./refresh";
import type { SubjectRecords, TokenClient, TokenGroup, TokenPool, TokenSubjects, TokenUser } from "./subjects";
import { type CheckDeps, type CheckOptions, checkToken, type TokenCheck, type TokenUse, verifyToken } from "./verify";

/** Signing parameters, every claim decided: what mintUserTokens hands to issue. */
export interface IssueParams {
  pool: TokenPool;
  client: TokenClient;
  user: TokenUser;
  /** The user's group records; their order does not matter. */
  groups: TokenGroup[];
  /** When the user authenticated, epoch seconds; defaults to now (a refresh passes the session's). */
  authTime?: number;
  /** The sign-in's id, shared by every token minted from it; a refresh passes the session's. */
  originJti?: string;
  withRefreshToken: boolean;
  /** Access token scopes; default `aws.cognito.signin.user.admin`. */
  scopes?: string[];
  deviceKey?: string;
  nonce?: string;
  /** Adds `at_hash` to the ID token (OAuth flows). */
  includeAtHash?: boolean;
  /** `"version": 2` in the access token (OAuth flows, V2 pre-token-generation triggers). */
  accessTokenVersion?: 2;
  /** Added or replaced claims (pre-token generation); `undefined` values remove a claim. Identity and time claims stay. */
  extraIdClaims?: Claims;
  extraAccessClaims?: Claims;
  overrides?: TokenOverrides;
}

/**
 * What /_emu/tokens asks of a minted token beyond a sign-in's: a lifetime of its own, and claims set
 * after every other (protected ones included, so a test can break a token on purpose).
 */
export interface TokenOverrides {
  /** Seconds until the ID and access tokens expire, in place of the client's validity; 0 or less: already expired. */
  expiresInSeconds?: number;
  /** Set last in the ID token; `null` removes a claim. */
  idClaims?: Claims;
  /** Set last in the access token; `null` removes a claim. */
  accessClaims?: Claims;
}

/** A user's tokens to mint: for whom, under which trigger event, and what the sign-in they belong to says. */
export interface UserTokenRequest<R extends SubjectRecords = SubjectRecords> {
  pool: R["pool"];
  client: R["client"];
  user: R["user"];
  /** The TokenGeneration_* event the pre token generation trigger runs under. */
  source: TokenGenerationSource;
  /** Passed on to the pre token generation trigger. */
  clientMetadata?: Record<string, string>;
  /** The access token's scopes before the trigger; Cognito's API scope when left out. */
  scopes?: string[];
  /** Tokens of an OAuth grant: `"version": 2` in the access token, `at_hash` in the ID token. */
  oauth?: boolean;
  nonce?: string;
  /** When the user authenticated, epoch seconds; default now. */
  authTime?: number;
  /** The sign-in's id; a new one when left out. */
  originJti?: string;
  /** The device the access token names (device_key). */
  deviceKey?: string;
  withRefreshToken: boolean;
  /** Only for tokens minted without a sign-in (/_emu/tokens). */
  overrides?: TokenOverrides;
}

/** New tokens for the sign-in a refresh token continues: its auth_time, origin_jti and device are kept. */
export type RefreshRequest<R extends SubjectRecords = SubjectRecords> = Omit<UserTokenRequest<R>, "source" | "authTime" | "originJti" | "deviceKey" | "withRefreshToken" | "overrides"> & {
  /** A new refresh token replaces the one given, which the client's grace period then retires. */
  rotate: boolean;
};

/** Cognito's AuthenticationResult. */
export interface IssuedTokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  /** Access token validity, seconds. */
  ExpiresIn: number;
  TokenType: "Bearer";
}

/**
 * Everything about tokens: keys, minting, JWKS, refresh tokens, verification and revocation. What it
 * needs to know of pools, users and groups comes from the TokenSubjects it is given.
 */
export class TokenService<R extends SubjectRecords = SubjectRecords> {
  readonly keys: KeyRing;
  readonly refreshTokens: RefreshTokens;
  /** The last tokens handed out, for the web console. */
  readonly recent = new RecentTokens();

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly tables: TokenTables,
    private readonly issuerFor: (poolId: string) => string,
    private readonly subjects: TokenSubjects<R>,
  ) {
    this.keys = new KeyRing(store);
    this.refreshTokens = new RefreshTokens(tables, clock, subjects);
  }

  /** Generates the pool's keys unless it has some (call when a pool is created; minting also does it lazily). */
  async ensureKeys(poolId: string): Promise<void> {
    await this.keys.ensure(poolId);
  }

  /** Uses the fixture's keys for the pool (see FixedKeysInput); throws InvalidSigningKeys naming the bad field. */
  setFixedKeys(poolId: string, json: unknown): Promise<void> {
    return this.keys.setFixed(poolId, json);
  }

  deleteKeys(poolId: string): void {
    this.keys.delete(poolId);
  }

  /** The pool's private keys as fixed-keys JSON, for state export. */
  exportKeys(poolId: string): Record<KeyPurpose, object> | undefined {
    return this.keys.export(poolId);
  }

  /** The pool's JWKS: the ID-token key, then the access-token key. */
  async jwks(poolId: string): Promise<{ keys: PublicJwk[] }> {
    if (!this.subjects.hasPool(poolId)) throw ResourceNotFound(`User pool ${poolId} does not exist.`);
    const keys = await this.keys.ensure(poolId);
    return { keys: [keys.idToken.jwk, keys.accessToken.jwk] };
  }

  /**
   * THE way a user's tokens are minted, for every caller (API sign-in, refresh, hosted UI, token
   * endpoint): the user's groups, then the pool's pre token generation trigger, then the signatures.
   */
  async mintUserTokens(request: UserTokenRequest<R>): Promise<IssuedTokens> {
    const { pool, client, user } = request;
    const groups = this.subjects.groupsOf(user);
    const customization = await this.subjects.preTokenGeneration({
      source: request.source,
      pool,
      client,
      user,
      groups,
      scopes: request.scopes,
      clientMetadata: request.clientMetadata,
    });
    const tokens = await this.issue({
      pool,
      client,
      user,
      groups,
      authTime: request.authTime,
      originJti: request.originJti,
      deviceKey: request.deviceKey,
      nonce: request.nonce,
      includeAtHash: request.oauth,
      withRefreshToken: request.withRefreshToken,
      overrides: request.overrides,
      ...customization,
      scopes: customization.scopes ?? request.scopes,
      accessTokenVersion: request.oauth ? 2 : customization.accessTokenVersion,
    });
    this.recent.add({
      poolId: pool.Id,
      clientId: client.ClientId,
      username: user.Username,
      sub: user.Sub,
      source: request.overrides ? "Minted" : request.source,
      issuedAt: this.clock.nowSeconds(),
      IdToken: tokens.IdToken,
      AccessToken: tokens.AccessToken,
      RefreshToken: tokens.RefreshToken,
      ExpiresIn: tokens.ExpiresIn,
    });
    return tokens;
  }

  /**
   * New ID and access tokens for the sign-in a refresh token continues (same origin_jti, auth_time,
   * device), under TokenGeneration_RefreshTokens. With rotation, a new refresh token replaces the old
   * one, which stays usable for the client's RetryGracePeriodSeconds.
   */
  async refreshUserTokens(token: string, session: RefreshTokenRecord, request: RefreshRequest<R>): Promise<IssuedTokens> {
    const { rotate, ...rest } = request;
    const tokens = await this.mintUserTokens({
      ...rest,
      source: "RefreshTokens",
      authTime: session.AuthTime,
      originJti: session.OriginJti,
      deviceKey: session.DeviceKey,
      withRefreshToken: rotate,
    });
    if (rotate) this.refreshTokens.retire(token, request.client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0);
    return tokens;
  }

  /** A machine-to-machine access token (client_credentials): the client is its own subject; no user, no ID token. */
  async mintClientToken(pool: TokenPool, client: TokenClient, scopes: string[], overrides?: TokenOverrides): Promise<{ AccessToken: string; ExpiresIn: number }> {
    const keys = await this.keys.ensure(pool.Id);
    const { issuedAt, expiresAt, expiresIn } = lifetimeOf(this.clock.nowSeconds(), tokenValidity(client).accessSeconds, overrides);
    const claims = {
      sub: client.ClientId,
      token_use: "access",
      scope: scopes.join(" "),
      auth_time: issuedAt,
      iss: this.issuerFor(pool.Id),
      exp: expiresAt,
      iat: issuedAt,
      version: 2,
      jti: randomUUID(),
      client_id: client.ClientId,
    };
    const AccessToken = await signJwt(overridden(claims, overrides?.accessClaims), keys.accessToken);
    this.recent.add({ poolId: pool.Id, clientId: client.ClientId, sub: client.ClientId, source: overrides ? "Minted" : "ClientCredentials", issuedAt: this.clock.nowSeconds(), AccessToken, ExpiresIn: expiresIn });
    return { AccessToken, ExpiresIn: expiresIn };
  }

  /** Signs tokens whose every claim is decided; mintUserTokens decides them. */
  async issue(params: IssueParams): Promise<IssuedTokens> {
    const { pool, client, user } = params;
    const keys = await this.keys.ensure(pool.Id);
    const validity = tokenValidity(client);
    const now = this.clock.nowSeconds();
    const { overrides } = params;
    // A lifetime asked of /_emu/tokens stands for both tokens.
    const lifetime = lifetimeOf(now, validity.accessSeconds, overrides);
    const { issuedAt } = lifetime;
    const minted = overrides?.expiresInSeconds !== undefined;
    const originJti = params.originJti ?? randomUUID();
    const ctx: TokenContext = {
      issuer: this.issuerFor(pool.Id),
      client,
      user,
      groups: groupClaims(params.groups),
      originJti,
      eventId: randomUUID(),
      authTime: params.authTime ?? issuedAt,
      issuedAt,
    };
    const accessToken = signJwt(
      overridden(
        accessTokenClaims(ctx, {
          expiresAt: lifetime.expiresAt,
          jti: randomUUID(),
          scopes: params.scopes,
          deviceKey: params.deviceKey,
          version: params.accessTokenVersion,
          extraClaims: params.extraAccessClaims,
        }),
        overrides?.accessClaims,
      ),
      keys.accessToken,
    );
    // at_hash needs the finished access token; otherwise both signatures run side by side.
    const idTokenOf = (accessTokenForHash?: string) =>
      signJwt(
        overridden(
          idTokenClaims(ctx, {
            expiresAt: minted ? lifetime.expiresAt : now + validity.idSeconds,
            jti: randomUUID(),
            nonce: params.nonce,
            accessToken: accessTokenForHash,
            extraClaims: params.extraIdClaims,
          }),
          overrides?.idClaims,
        ),
        keys.idToken,
      );
    const [AccessToken, IdToken] = params.includeAtHash
      ? await accessToken.then(async (token) => [token, await idTokenOf(token)])
      : await Promise.all([accessToken, idTokenOf()]);
    const tokens: IssuedTokens = { IdToken, AccessToken, ExpiresIn: lifetime.expiresIn, TokenType: "Bearer" };
    if (params.withRefreshToken) {
      tokens.RefreshToken = this.refreshTokens.issue(
        keys.refreshToken.publicKey,
        {
          UserPoolId: pool.Id,
          ClientId: client.ClientId,
          Username: user.Username,
          Sub: user.Sub,
          OriginJti: originJti,
          AuthTime: ctx.authTime,
          DeviceKey: params.deviceKey,
          Scopes: params.scopes,
        },
        validity.refreshSeconds,
        now,
      ).token;
    }
    return tokens;
  }

  /** The access token's claims, or NotAuthorized with Cognito's message (invalid, expired, revoked). */
  verifyAccessToken(token: string): Claims {
    return verifyToken(token, "access", this.deps()).claims;
  }

  /** The ID token's claims, or NotAuthorized. */
  verifyIdToken(token: string, options?: CheckOptions): Claims {
    return verifyToken(token, "id", this.deps(), options).claims;
  }

  /** Why a token is or is not acceptable, for callers with their own messages (identity pools, OAuth). */
  checkToken(token: string, use: TokenUse, options?: CheckOptions): TokenCheck {
    return checkToken(token, use, this.deps(), options);
  }

  /** The refresh token's session; NotAuthorized "Invalid Refresh Token" or "Refresh Token has been revoked". */
  lookupRefreshToken(token: string): RefreshTokenRecord {
    return this.refreshTokens.lookup(token);
  }

  /** Revokes a refresh token and every token of its sign-in; undefined when the token is unknown. */
  revokeRefreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.revoke(token);
  }

  /** Revokes all the user's sessions (global sign-out, user deletion); the caller sets TokensValidAfter. */
  revokeUserTokens(poolId: string, sub: string): number {
    return this.refreshTokens.revokeAllForUser(poolId, sub);
  }

  /** Drops expired sessions and revocations; a scan, for a timer. */
  sweepExpired(): { refreshTokens: number; revocations: number } {
    return this.refreshTokens.sweep();
  }

  private deps(): CheckDeps {
    return { keys: this.keys, revokedTokens: this.tables.revokedTokens, subjects: this.subjects, clock: this.clock };
  }
}

/**
 * When tokens were issued and how long they last, in seconds: now and the validity, unless /_emu/tokens
 * asked for a lifetime; one of 0 or less backdates them so that they expired that long ago.
 */
function lifetimeOf(now: number, validity: number, overrides: TokenOverrides | undefined): { issuedAt: number; expiresAt: number; expiresIn: number } {
  const asked = overrides?.expiresInSeconds;
  if (asked === undefined) return { issuedAt: now, expiresAt: now + validity, expiresIn: validity };
  return { issuedAt: asked > 0 ? now : now + asked - validity, expiresAt: now + asked, expiresIn: asked };
}

/** The claims with the overrides set last; a null override removes the claim. */
function overridden(claims: Claims, overrides: Claims | undefined): Claims {
  if (!overrides) return claims;
  const result = { ...claims };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null || value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}
