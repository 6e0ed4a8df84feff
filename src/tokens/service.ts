import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import { ResourceNotFound } from "../errors";
import type { ClientRecord, GroupRecord, PoolRecord, RefreshTokenRecord, UserRecord } from "../services/user-pools/directory/records";
import type { UserPoolTables } from "../services/user-pools/directory/tables";
import type { Store } from "../store/store";
import { accessTokenClaims, type Claims, groupClaims, idTokenClaims, signJwt, type TokenContext, tokenValidity } from "./jwt";
import { KeyRing, type KeyPurpose, type PublicJwk } from "./keys";
import { RefreshTokens } from "./refresh";
import { type CheckOptions, checkToken, type TokenCheck, type TokenUse, verifyToken } from "./verify";

export interface IssueParams {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  /** The user's group records; their order does not matter. */
  groups: GroupRecord[];
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
}

/** Cognito's AuthenticationResult. */
export interface IssuedTokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  /** Access token validity, seconds. */
  ExpiresIn: number;
  TokenType: "Bearer";
}

/** Everything about tokens: keys, minting, JWKS, refresh tokens, verification and revocation. */
export class TokenService {
  readonly keys: KeyRing;
  readonly refreshTokens: RefreshTokens;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly tables: UserPoolTables,
    private readonly issuerFor: (poolId: string) => string,
  ) {
    this.keys = new KeyRing(store);
    this.refreshTokens = new RefreshTokens(tables, clock);
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
    if (!this.tables.pools.has(poolId)) throw ResourceNotFound(`User pool ${poolId} does not exist.`);
    const keys = await this.keys.ensure(poolId);
    return { keys: [keys.idToken.jwk, keys.accessToken.jwk] };
  }

  async issue(params: IssueParams): Promise<IssuedTokens> {
    const { pool, client, user } = params;
    const keys = await this.keys.ensure(pool.Id);
    const validity = tokenValidity(client);
    const now = this.clock.nowSeconds();
    const originJti = params.originJti ?? randomUUID();
    const ctx: TokenContext = {
      issuer: this.issuerFor(pool.Id),
      client,
      user,
      groups: groupClaims(params.groups),
      originJti,
      eventId: randomUUID(),
      authTime: params.authTime ?? now,
      issuedAt: now,
    };
    const accessToken = signJwt(
      accessTokenClaims(ctx, {
        expiresAt: now + validity.accessSeconds,
        jti: randomUUID(),
        scopes: params.scopes,
        deviceKey: params.deviceKey,
        version: params.accessTokenVersion,
        extraClaims: params.extraAccessClaims,
      }),
      keys.accessToken,
    );
    // at_hash needs the finished access token; otherwise both signatures run side by side.
    const idTokenOf = (accessTokenForHash?: string) =>
      signJwt(
        idTokenClaims(ctx, {
          expiresAt: now + validity.idSeconds,
          jti: randomUUID(),
          nonce: params.nonce,
          accessToken: accessTokenForHash,
          extraClaims: params.extraIdClaims,
        }),
        keys.idToken,
      );
    const [AccessToken, IdToken] = params.includeAtHash
      ? await accessToken.then(async (token) => [token, await idTokenOf(token)])
      : await Promise.all([accessToken, idTokenOf()]);
    const tokens: IssuedTokens = { IdToken, AccessToken, ExpiresIn: validity.accessSeconds, TokenType: "Bearer" };
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

  private deps() {
    return { keys: this.keys, tables: this.tables, clock: this.clock };
  }
}
