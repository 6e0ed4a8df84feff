import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type JsonWebKey, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import type { Store } from "../store/store";
import type { Table } from "../store/table";
import { signingKeys } from "./tables";

const generateRsaKeyPair = promisify(generateKeyPair);

/** What a pool's keys are for: two signing keys (as Cognito publishes), one refresh-token encryption key. */
export const KEY_PURPOSES = ["IdToken", "AccessToken", "RefreshToken"] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export interface StoredKey {
  Kid: string;
  /** PKCS#8 PEM. */
  PrivateKey: string;
}

/** A row of the `signingKeys` table, keyed by pool id. Plain JSON so it persists. */
export interface PoolKeysRecord {
  IdToken: StoredKey;
  AccessToken: StoredKey;
  RefreshToken: StoredKey;
  /** Given by a fixture rather than generated. */
  Fixed?: boolean;
}

/** A public key as Cognito's JWKS lists it (members in Cognito's order). */
export interface PublicJwk {
  alg: "RS256";
  e: string;
  kid: string;
  kty: "RSA";
  n: string;
  use: "sig";
}

export interface PoolKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

/** A pool's keys, parsed once: `record` is the row they came from, so a replaced row is noticed. */
export interface PoolKeys {
  record: PoolKeysRecord;
  idToken: PoolKey;
  accessToken: PoolKey;
  refreshToken: PoolKey;
}

/**
 * Fixed keys in a fixture: `{ "IdToken": key, "AccessToken": key, "RefreshToken"?: key }`, each key an RSA
 * private key of at least 2048 bits, as a JWK object (its `kid` is kept) or a PEM string (PKCS#8 or PKCS#1).
 * A missing RefreshToken key is generated.
 */
export type FixedKeysInput = Partial<Record<KeyPurpose, JsonWebKeyInput | string>>;
type JsonWebKeyInput = Record<string, unknown>;

/** A fixed-keys document that cannot be used; `field` is the path of the offending member in it ("" for the whole). */
export class InvalidSigningKeys extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = "InvalidSigningKeys";
  }
}

// jsonwebtoken refuses smaller RSA keys for RS256, and Cognito's are 2048-bit.
const MIN_MODULUS_BITS = 2048;

/**
 * Every pool's keys. Rows live in the store; parsed KeyObjects are cached in memory because minting
 * is the hottest path and PEM parsing costs more than signing.
 */
export class KeyRing {
  private readonly table: Table<PoolKeysRecord>;
  private readonly parsed = new Map<string, PoolKeys>();
  private readonly generating = new Map<string, Promise<PoolKeys>>();

  constructor(store: Store) {
    this.table = signingKeys.open(store);
  }

  /** The pool's keys if it has any, without generating. */
  current(poolId: string): PoolKeys | undefined {
    const record = this.table.get(poolId);
    if (!record) {
      this.parsed.delete(poolId);
      return undefined;
    }
    const cached = this.parsed.get(poolId);
    // Reference equality catches every way the row can change: reset, rollback, fixture reload, replay.
    if (cached?.record === record) return cached;
    const keys = parseRecord(record);
    this.parsed.set(poolId, keys);
    return keys;
  }

  /**
   * The pool's keys, generated on first need. Concurrent callers share one generation, so a pool never
   * ends up with two key sets. Returns synchronously when the keys exist, sparing the hot path a tick.
   */
  ensure(poolId: string): PoolKeys | Promise<PoolKeys> {
    const existing = this.current(poolId);
    if (existing) return existing;
    let pending = this.generating.get(poolId);
    if (!pending) {
      pending = this.generate(poolId).finally(() => this.generating.delete(poolId));
      this.generating.set(poolId, pending);
    }
    return pending;
  }

  /** Replaces the pool's keys with the fixture's; throws InvalidSigningKeys before changing anything. */
  async setFixed(poolId: string, input: unknown): Promise<void> {
    const given = parseFixedKeys(input);
    // Keeping the current encryption key when none is given makes re-applying a fixture a no-op.
    const refreshToken = given.RefreshToken ?? this.table.get(poolId)?.RefreshToken ?? storedKey((await generateRsa()).privateKey);
    const record: PoolKeysRecord = { IdToken: given.IdToken, AccessToken: given.AccessToken, RefreshToken: refreshToken, Fixed: true };
    const before = this.table.get(poolId);
    if (before?.Fixed && sameKeys(before, record)) return;
    this.table.put(poolId, record);
  }

  /** Settles once no key generation is under way (a stopping emulator waits for it). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.generating.values()]);
  }

  delete(poolId: string): void {
    this.table.delete(poolId);
    this.parsed.delete(poolId);
  }

  /** The pool's private keys in the fixed-keys form (JWKs with their kid), so state round-trips through fixtures. */
  export(poolId: string): Record<KeyPurpose, JsonWebKey> | undefined {
    const keys = this.current(poolId);
    if (!keys) return undefined;
    const asJwk = (key: PoolKey) => ({ kid: key.kid, ...key.privateKey.export({ format: "jwk" }) });
    return { IdToken: asJwk(keys.idToken), AccessToken: asJwk(keys.accessToken), RefreshToken: asJwk(keys.refreshToken) };
  }

  isFixed(poolId: string): boolean {
    return this.table.get(poolId)?.Fixed === true;
  }

  private async generate(poolId: string): Promise<PoolKeys> {
    const [idToken, accessToken, refreshToken] = await Promise.all([generateRsa(), generateRsa(), generateRsa()]);
    // Fixed keys may have been set while the key pairs were being generated; they win.
    const raced = this.current(poolId);
    if (raced) return raced;
    this.table.put(poolId, {
      IdToken: storedKey(idToken.privateKey),
      AccessToken: storedKey(accessToken.privateKey),
      RefreshToken: storedKey(refreshToken.privateKey),
    });
    return this.current(poolId)!;
  }
}

/** Off the event loop: libuv's thread pool does the prime search. */
function generateRsa(): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return generateRsaKeyPair("rsa", { modulusLength: MIN_MODULUS_BITS, publicExponent: 0x10001 });
}

function storedKey(privateKey: KeyObject, kid = kidOf(createPublicKey(privateKey))): StoredKey {
  return { Kid: kid, PrivateKey: privateKey.export({ format: "pem", type: "pkcs8" }) as string };
}

/** Cognito's kids look like standard base64 of 32 bytes; a digest of the public key gives that shape and is stable. */
function kidOf(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ format: "der", type: "spki" })).digest("base64");
}

function parseRecord(record: PoolKeysRecord): PoolKeys {
  return {
    record,
    idToken: parseStoredKey(record.IdToken),
    accessToken: parseStoredKey(record.AccessToken),
    refreshToken: parseStoredKey(record.RefreshToken),
  };
}

function parseStoredKey(stored: StoredKey): PoolKey {
  const privateKey = createPrivateKey(stored.PrivateKey);
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: "jwk" });
  return { kid: stored.Kid, privateKey, publicKey, jwk: { alg: "RS256", e: e!, kid: stored.Kid, kty: "RSA", n: n!, use: "sig" } };
}

function sameKeys(a: PoolKeysRecord, b: PoolKeysRecord): boolean {
  return KEY_PURPOSES.every((p) => a[p].Kid === b[p].Kid && a[p].PrivateKey === b[p].PrivateKey);
}

/** Validates a fixed-keys document into stored keys; RefreshToken is absent when not given. */
export function parseFixedKeys(input: unknown): Pick<PoolKeysRecord, "IdToken" | "AccessToken"> & { RefreshToken?: StoredKey } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidSigningKeys("", 'signing keys: expected an object like {"IdToken": <key>, "AccessToken": <key>}');
  }
  const document = input as Record<string, unknown>;
  for (const field of Object.keys(document)) {
    if (!(KEY_PURPOSES as readonly string[]).includes(field)) {
      throw new InvalidSigningKeys(field, `unknown key purpose; expected one of ${KEY_PURPOSES.join(", ")}`);
    }
  }
  if (document.IdToken === undefined) throw new InvalidSigningKeys("IdToken", "missing");
  if (document.AccessToken === undefined) throw new InvalidSigningKeys("AccessToken", "missing");
  const IdToken = parseFixedKey("IdToken", document.IdToken);
  const AccessToken = parseFixedKey("AccessToken", document.AccessToken);
  if (IdToken.Kid === AccessToken.Kid) {
    throw new InvalidSigningKeys("AccessToken", "must be a different key (and kid) from IdToken; Cognito publishes one key for each");
  }
  const RefreshToken = document.RefreshToken === undefined ? undefined : parseFixedKey("RefreshToken", document.RefreshToken);
  return { IdToken, AccessToken, RefreshToken };
}

function parseFixedKey(field: string, value: unknown): StoredKey {
  let privateKey: KeyObject;
  let kid: unknown;
  try {
    if (typeof value === "string") {
      privateKey = createPrivateKey(value);
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      kid = (value as JsonWebKeyInput).kid;
      if ((value as JsonWebKeyInput).d === undefined) throw new Error("the JWK has no private part (d)");
      privateKey = createPrivateKey({ key: value as JsonWebKey, format: "jwk" });
    } else {
      throw new Error("expected a JWK object or a PEM string");
    }
  } catch (error) {
    throw new InvalidSigningKeys(field, `not a usable RSA private key (JWK object or PEM string): ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== "rsa") {
    throw new InvalidSigningKeys(field, `expected an RSA key, got ${privateKey.asymmetricKeyType}`);
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) throw new InvalidSigningKeys(field, `RSA key is ${bits} bits; at least ${MIN_MODULUS_BITS} are needed`);
  if (kid !== undefined && (typeof kid !== "string" || kid === "")) throw new InvalidSigningKeys(`${field}.kid`, "must be a non-empty string");
  return storedKey(privateKey, kid as string | undefined);
}
