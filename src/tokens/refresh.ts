import { constants, createCipheriv, createHash, type KeyObject, publicEncrypt, randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import { NotAuthorized } from "../errors";
import type { Table } from "../store/table";
import type { TokenClient, TokenSubjects } from "./subjects";

/** Cognito's refresh-token header, member order included. */
const JWE_HEADER = Buffer.from(JSON.stringify({ cty: "JWT", enc: "A256GCM", alg: "RSA-OAEP" })).toString("base64url");
const JWE_HEADER_BYTES = Buffer.from(JWE_HEADER, "ascii");
/** Makes tokens about as long as Cognito's (~1.8 kB), so cookie-size limits bite here as they would there. */
const PAYLOAD_BYTES = 1000;
/** The longest an access or ID token can outlive the refresh token it was minted from (Cognito's 1-day maximum). */
const MAX_TOKEN_VALIDITY_SECONDS = 86400;

/**
 * How many refresh tokens share one content-encryption key. The key's RSA-OAEP encryption was a quarter
 * of a sign-in's work on the event loop (the RS256 signatures run on the thread pool); shared by a few
 * hundred tokens, each token is still a JWE the pool key decrypts, under its own random IV.
 */
const TOKENS_PER_CONTENT_KEY = 256;
const contentKeys = new WeakMap<KeyObject, { key: Buffer; encryptedKey: string; uses: number }>();
/** Nothing reads the plaintext: a token is found by its hash. Under AES-GCM, zeros encrypt to noise. */
const PLAINTEXT = Buffer.alloc(PAYLOAD_BYTES);

/**
 * An opaque refresh token: a compact JWE (RSA-OAEP, A256GCM), so it looks and parses like Cognito's.
 * Nothing ever decrypts it: the token is found by its hash.
 *
 * node:crypto rather than node-jose: measured 0.03 ms against node-jose's 1.2 ms per token, and node-jose
 * adds a `kid` to the header that Cognito's tokens do not carry.
 */
export function encryptRefreshToken(publicKey: KeyObject): string {
  let content = contentKeys.get(publicKey);
  if (!content || content.uses >= TOKENS_PER_CONTENT_KEY) {
    const key = randomBytes(32);
    const encryptedKey = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, key).toString("base64url");
    content = { key, encryptedKey, uses: 0 };
    contentKeys.set(publicKey, content);
  }
  content.uses++;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", content.key, iv);
  cipher.setAAD(JWE_HEADER_BYTES);
  const ciphertext = Buffer.concat([cipher.update(PLAINTEXT), cipher.final()]);
  return `${JWE_HEADER}.${content.encryptedKey}.${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
}

/** The refresh-token table key: the token's SHA-256, so the table never holds a usable token. */
export function refreshTokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A signed-in session's refresh token; the table is keyed by the token's SHA-256. */
export interface RefreshTokenRecord {
  UserPoolId: string;
  ClientId: string;
  Username: string;
  Sub: string;
  /** Shared by every token minted from this sign-in; revoking the refresh token revokes them all. */
  OriginJti: string;
  AuthTime: number;
  IssuedAt: number;
  ExpiresAt: number;
  DeviceKey?: string;
  Scopes?: string[];
}

/** A revoked token id (jti, origin_jti or refresh-token hash), remembered until the token would have expired. */
export interface RevokedToken {
  ExpiresAt: number;
}

/** Where token state is kept: refresh-token sessions (indexed `byUser`, `<poolId>/<sub>`) and revocations. */
export interface TokenTables {
  refreshTokens: Table<RefreshTokenRecord>;
  revokedTokens: Table<RevokedToken>;
}

export type NewRefreshToken = Omit<RefreshTokenRecord, "IssuedAt" | "ExpiresAt">;

/** Whether the client rotates refresh tokens: each refresh then answers a new one and retires the old. */
export function rotationEnabled(client: TokenClient): boolean {
  return client.RefreshTokenRotation?.Feature === "ENABLED";
}

/** Refresh tokens and their revocation. Times are epoch seconds, as in the tokens themselves. */
export class RefreshTokens {
  constructor(
    private readonly tables: TokenTables,
    private readonly clock: Clock,
    private readonly subjects: Pick<TokenSubjects, "userBySub">,
  ) {}

  issue(publicKey: KeyObject, session: NewRefreshToken, validitySeconds: number, issuedAt = this.clock.nowSeconds()): { token: string; record: RefreshTokenRecord } {
    const token = encryptRefreshToken(publicKey);
    const record: RefreshTokenRecord = { ...session, IssuedAt: issuedAt, ExpiresAt: issuedAt + validitySeconds };
    this.tables.refreshTokens.put(refreshTokenId(token), record);
    return { token, record };
  }

  /** The token's session, or Cognito's NotAuthorized for unknown, expired and revoked tokens. */
  lookup(token: string): RefreshTokenRecord {
    const id = refreshTokenId(token);
    const record = this.tables.refreshTokens.get(id);
    if (!record) {
      if (this.tables.revokedTokens.has(id)) throw NotAuthorized("Refresh Token has been revoked");
      throw NotAuthorized("Invalid Refresh Token.");
    }
    if (record.ExpiresAt <= this.clock.nowSeconds()) throw NotAuthorized("Invalid Refresh Token.");
    if (this.tables.revokedTokens.has(record.OriginJti)) throw NotAuthorized("Refresh Token has been revoked");
    const user = this.subjects.userBySub(record.UserPoolId, record.Sub);
    if (user?.TokensValidAfter !== undefined && record.IssuedAt < user.TokensValidAfter) {
      throw NotAuthorized("Refresh Token has been revoked");
    }
    return record;
  }

  /** A token rotated out: it keeps working for the client's grace period (0–60 s), then dies. */
  retire(token: string, graceSeconds: number): void {
    const id = refreshTokenId(token);
    const record = this.tables.refreshTokens.get(id);
    if (!record) return;
    if (graceSeconds <= 0) this.tables.refreshTokens.delete(id);
    else this.tables.refreshTokens.put(id, { ...record, ExpiresAt: Math.min(record.ExpiresAt, this.clock.nowSeconds() + graceSeconds) });
  }

  /**
   * Revokes the token and, through its origin_jti, every access and ID token of the same sign-in.
   * Returns the revoked session, or undefined when the token is unknown (RevokeToken succeeds silently then).
   */
  revoke(token: string): RefreshTokenRecord | undefined {
    return this.revokeById(refreshTokenId(token));
  }

  /** Revokes every refresh token of the user, and so every token of their sign-ins (global sign-out, user deletion). */
  revokeAllForUser(poolId: string, sub: string): number {
    const ids = this.tables.refreshTokens.keysBy("byUser", `${poolId}/${sub}`);
    for (const id of ids) this.revokeById(id);
    return ids.length;
  }

  /** Whether a token id (jti or origin_jti) was revoked. */
  isRevoked(tokenId: string): boolean {
    return this.tables.revokedTokens.has(tokenId);
  }

  /** Marks one access or ID token revoked by its jti until it would have expired anyway. */
  revokeJti(jti: string, expiresAt: number): void {
    this.tables.revokedTokens.put(jti, { ExpiresAt: expiresAt });
  }

  /** Drops expired sessions and revocations. A full scan: run it from a timer, never per request. */
  sweep(): { refreshTokens: number; revocations: number } {
    const now = this.clock.nowSeconds();
    let refreshTokens = 0;
    let revocations = 0;
    for (const [id, record] of [...this.tables.refreshTokens.entries()]) {
      if (record.ExpiresAt <= now && this.tables.refreshTokens.delete(id)) refreshTokens++;
    }
    for (const [id, revoked] of [...this.tables.revokedTokens.entries()]) {
      if (revoked.ExpiresAt <= now && this.tables.revokedTokens.delete(id)) revocations++;
    }
    return { refreshTokens, revocations };
  }

  /**
   * Remembers a removed session as revoked: its hash, so a later use says "revoked" rather than
   * "invalid" as Cognito does, and its sign-in's origin_jti, which revokes its access and ID tokens.
   */
  rememberRevoked(id: string, record: RefreshTokenRecord): void {
    this.tables.revokedTokens.put(id, { ExpiresAt: record.ExpiresAt });
    const originExpiry = record.ExpiresAt + MAX_TOKEN_VALIDITY_SECONDS;
    const known = this.tables.revokedTokens.get(record.OriginJti);
    if (!known || known.ExpiresAt < originExpiry) this.tables.revokedTokens.put(record.OriginJti, { ExpiresAt: originExpiry });
  }

  private revokeById(id: string): RefreshTokenRecord | undefined {
    const record = this.tables.refreshTokens.get(id);
    if (!record) return undefined;
    this.tables.refreshTokens.delete(id);
    this.rememberRevoked(id, record);
    return record;
  }
}
