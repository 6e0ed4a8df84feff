import { randomBytes } from "node:crypto";
import { InvalidParameter } from "../errors";
import type { Services } from "../services/services";
import { requireClient, requirePool } from "../services/user-pools/directory/lookup";
import type { ClientRecord, PoolRecord } from "../services/user-pools/directory/records";
import { customScopesOf } from "../services/user-pools/directory/resource-servers";
import { requireUser } from "../services/user-pools/directory/users";
import type { Claims } from "../tokens/jwt";
import type { TokenOverrides } from "../tokens/service";

/** What `POST /_emu/tokens` takes. */
export interface MintRequest {
  userPoolId: string;
  /** A user's tokens; with clientId too, that client is their audience. */
  username?: string;
  /** Alone: a client_credentials access token for this client. */
  clientId?: string;
  /** Added to (or replacing claims of) both tokens, after everything else; null removes a claim. */
  claims?: Claims;
  scopes?: string[];
  /** Lifetime of the ID and access tokens; 0 or less: already expired that long ago. */
  expiresInSeconds?: number;
  /** Breaks the ID and access tokens the one way named, and only that way. */
  tamper?: Tamper;
}

export const TAMPERS = ["signature", "issuer", "audience"] as const;
export type Tamper = (typeof TAMPERS)[number];

export interface MintedTokens {
  IdToken?: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: "Bearer";
}

const FIELDS = new Set(["userPoolId", "username", "clientId", "claims", "scopes", "expiresInSeconds", "tamper"]);
/** Ten years either way: any test's need, and far from the integer limits of `exp`. */
const MAX_LIFETIME_SECONDS = 10 * 365 * 86_400;

/**
 * Tokens without a sign-in, for tests of token handling: minted through TokenService as sign-ins mint
 * them (the pool's keys, its pre token generation trigger, a refresh-token session), so they pass the
 * same checks as tokens from InitiateAuth, unless `tamper` breaks them on purpose.
 */
export async function mintTokens(services: Services, body: unknown): Promise<MintedTokens> {
  const input = parseMintRequest(body);
  const pool = requirePool(services, input.userPoolId);
  if (input.username === undefined) return mintClientTokens(services, pool, requireClient(services, pool.Id, input.clientId!), input);

  const user = requireUser(services, pool, input.username);
  const client = input.clientId === undefined ? firstClient(services, pool) : requireClient(services, pool.Id, input.clientId);
  const tamper = tamperClaims(services, pool, input.tamper);
  const overrides: TokenOverrides = {
    expiresInSeconds: input.expiresInSeconds,
    idClaims: { ...input.claims, ...tamper.id },
    accessClaims: { ...input.claims, ...tamper.access },
  };
  const issued = await services.tokens.mintUserTokens({
    pool,
    client,
    user,
    // Scopes make them an OAuth grant's tokens (version 2, and a session that refreshes with those scopes).
    source: input.scopes ? "HostedAuth" : "Authentication",
    oauth: input.scopes !== undefined,
    scopes: input.scopes,
    withRefreshToken: true,
    overrides,
  });
  const result: MintedTokens = { IdToken: issued.IdToken, AccessToken: issued.AccessToken, RefreshToken: issued.RefreshToken, ExpiresIn: issued.ExpiresIn, TokenType: "Bearer" };
  if (input.tamper === "signature") breakSignatures(services, result);
  return result;
}

async function mintClientTokens(services: Services, pool: PoolRecord, client: ClientRecord, input: MintRequest): Promise<MintedTokens> {
  // As the token endpoint grants when no scope is asked for: every custom scope the client is allowed.
  const declared = customScopesOf(services, pool.Id);
  const scopes = input.scopes ?? (client.AllowedOAuthScopes ?? []).filter((scope) => declared.has(scope));
  const tamper = tamperClaims(services, pool, input.tamper);
  const issued = await services.tokens.mintClientToken(pool, client, scopes, {
    expiresInSeconds: input.expiresInSeconds,
    accessClaims: { ...input.claims, ...tamper.access },
  });
  const result: MintedTokens = { AccessToken: issued.AccessToken, ExpiresIn: issued.ExpiresIn, TokenType: "Bearer" };
  if (input.tamper === "signature") breakSignatures(services, result);
  return result;
}

/** The audience tokens name when only a user is given. */
function firstClient(services: Services, pool: PoolRecord): ClientRecord {
  const [client] = services.tables.clients.findBy("byPool", pool.Id);
  if (!client) throw InvalidParameter(`User pool ${pool.Id} has no app client, and tokens name one as their audience: create one, or give clientId.`);
  return client;
}

/**
 * The claims a tamper sets, signed with the pool's real key: an issuer naming a pool that does not
 * exist (in the form the emulator's issuers have), or a client id no client has.
 */
function tamperClaims(services: Services, pool: PoolRecord, tamper: Tamper | undefined): { id?: Claims; access?: Claims } {
  if (tamper === "issuer") {
    let other = `${pool.Region}_NotThisPool`;
    for (let n = 2; services.tables.pools.has(other); n++) other = `${pool.Region}_NotThisPool${n}`;
    const issuer = services.issuerFor(pool.Id);
    const iss = `${issuer.slice(0, issuer.lastIndexOf("/"))}/${other}`;
    return { id: { iss }, access: { iss } };
  }
  if (tamper === "audience") {
    let clientId: string;
    do clientId = randomClientId();
    while (services.tables.clients.has(clientId));
    return { id: { aud: clientId }, access: { client_id: clientId } };
  }
  return {};
}

const CLIENT_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Shaped like Cognito's client ids: 26 lower-case letters and digits. */
function randomClientId(): string {
  return [...randomBytes(26)].map((byte) => CLIENT_ID_ALPHABET[byte % CLIENT_ID_ALPHABET.length]).join("");
}

/** Flips a bit of each JWT's signature: the token still parses, and no key verifies it. */
function breakSignatures(services: Services, tokens: MintedTokens): void {
  const genuine = tokens.AccessToken;
  tokens.AccessToken = withBrokenSignature(tokens.AccessToken);
  if (tokens.IdToken) tokens.IdToken = withBrokenSignature(tokens.IdToken);
  services.tokens.recent.amend(genuine, { AccessToken: tokens.AccessToken, IdToken: tokens.IdToken });
}

function withBrokenSignature(token: string): string {
  const dot = token.lastIndexOf(".");
  const signature = Buffer.from(token.slice(dot + 1), "base64url");
  signature[0] ^= 0x01;
  return `${token.slice(0, dot + 1)}${signature.toString("base64url")}`;
}

/** Checks the request's shape, naming the first field that is wrong. */
export function parseMintRequest(body: unknown): MintRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw InvalidParameter("The request body must be a JSON object: {userPoolId, username | clientId, ...}.");
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !FIELDS.has(key));
  if (unknown.length) throw InvalidParameter(`Unknown field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: expected ${[...FIELDS].join(", ")}.`);

  const text = (name: string, value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !value) throw InvalidParameter(`${name} must be a non-empty string.`);
    return value;
  };
  const userPoolId = text("userPoolId", input.userPoolId);
  if (!userPoolId) throw InvalidParameter("userPoolId is required.");
  const username = text("username", input.username);
  const clientId = text("clientId", input.clientId);
  if (username === undefined && clientId === undefined) throw InvalidParameter("Give username (a user's tokens) or clientId (a client_credentials token).");

  let claims: Claims | undefined;
  if (input.claims !== undefined) {
    if (typeof input.claims !== "object" || input.claims === null || Array.isArray(input.claims)) throw InvalidParameter("claims must be a JSON object of claim names to values.");
    claims = input.claims as Claims;
  }
  let scopes: string[] | undefined;
  if (input.scopes !== undefined) {
    if (!Array.isArray(input.scopes) || input.scopes.some((scope) => typeof scope !== "string" || !/^[\x21-\x7e]+$/.test(scope))) {
      throw InvalidParameter("scopes must be an array of scope names (no spaces), such as [\"openid\", \"api/read\"].");
    }
    scopes = input.scopes as string[];
  }
  let expiresInSeconds: number | undefined;
  if (input.expiresInSeconds !== undefined) {
    const seconds = input.expiresInSeconds;
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || Math.abs(seconds) > MAX_LIFETIME_SECONDS) {
      throw InvalidParameter(`expiresInSeconds must be a whole number of seconds between -${MAX_LIFETIME_SECONDS} and ${MAX_LIFETIME_SECONDS} (negative: already expired).`);
    }
    expiresInSeconds = seconds;
  }
  let tamper: Tamper | undefined;
  if (input.tamper !== undefined) {
    if (!TAMPERS.includes(input.tamper as Tamper)) throw InvalidParameter(`tamper must be one of ${TAMPERS.map((t) => `"${t}"`).join(", ")}.`);
    tamper = input.tamper as Tamper;
  }
  return { userPoolId, username, clientId, claims, scopes, expiresInSeconds, tamper };
}
