import { hash, randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual } from "node:crypto";
import { InvalidPassword } from "../../../errors";
import { DEFAULT_PASSWORD_POLICY } from "../directory/pools";
import type { PoolRecord, UserRecord } from "../directory/records";
import type { Services } from "../../services";
import { newSalt, passwordX, srpPoolName, verifierOf } from "./srp";

/**
 * scrypt with deliberately small parameters: passwords are never kept in clear, yet a check costs
 * about 30 µs, because this is a test tool, not a vault. The parameters travel with each hash.
 */
const SCRYPT = { N: 64, r: 1, p: 1, keyLength: 32 };

export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  return formatHash(salt, scryptSync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }));
}

function formatHash(salt: Buffer, derived: Buffer): string {
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${derived.toString("base64")}`;
}

/** What a user record keeps of a password: a hash for password checks, SRP's salt and x for SRP. */
export type PasswordCredentials = Pick<UserRecord, "PasswordHash" | "SrpSalt" | "SrpX" | "SrpVerifier" | "FixturePassword">;

/**
 * The credentials to store whenever a password is set. The verifier is left for the first SRP
 * sign-in to compute (a modular exponentiation costs more than creating a user); any earlier one is
 * dropped, and so is a fixture's password. `username` is the stored one, which SRP clients hash as USER_ID_FOR_SRP.
 */
export function passwordCredentials(pool: PoolRecord, username: string, password: string): PasswordCredentials {
  return { ...derivedCredentials(pool.Id, username, password, randomBytes(16)), SrpVerifier: undefined, FixturePassword: undefined };
}

function derivedCredentials(poolId: string, username: string, password: string, random: Buffer): Pick<UserRecord, "PasswordHash" | "SrpSalt" | "SrpX"> {
  // Salts are public; one random draw serves both schemes.
  const srpSalt = newSalt(random);
  return { PasswordHash: hashPassword(password, random), SrpSalt: srpSalt, SrpX: passwordX(srpPoolName(poolId), username, password, srpSalt) };
}

/** Where fixture users' clear passwords are found: the fixtures as loaded (a plan). */
export interface PasswordSource {
  /** The clear password of the fixture user the record was made from, when that user's definition has this digest. */
  passwordOf(user: UserRecord, digest: string): string | undefined;
}

/** How long the passwords of fixtures a load replaced stay known, for requests already under way. */
const PREVIOUS_FOR_MS = 10_000;

/**
 * The clear passwords of fixture users. A fixture user's record names the digest of its definition
 * (FixturePassword) instead of holding credentials, which are derived on first need, since hashing
 * 100,000 passwords at start-up takes seconds. The passwords are looked up in the fixtures as loaded,
 * which hold them (in clear, as their files do) anyway: nothing here is written to the store or its journal.
 */
export class FixturePasswords {
  private current: PasswordSource | undefined;
  /** The fixtures of a load not committed yet. */
  private offered: PasswordSource | undefined;
  /** The ones the last load replaced, for requests that read a user before that load committed. */
  private previous: PasswordSource | undefined;
  private forget: NodeJS.Timeout | undefined;

  get(user: UserRecord): string | undefined {
    const digest = user.FixturePassword;
    if (digest === undefined) return undefined;
    return this.current?.passwordOf(user, digest) ?? this.offered?.passwordOf(user, digest) ?? this.previous?.passwordOf(user, digest);
  }

  /** Before a load commits: its passwords become known (a digest always names the same password). */
  offer(source: PasswordSource): void {
    this.offered = source;
  }

  /** A load that failed: nothing of it was committed. */
  withdraw(source: PasswordSource): void {
    if (this.offered === source) this.offered = undefined;
  }

  /** Once a load committed: its passwords, and for a little while the ones it replaced. */
  settle(source: PasswordSource): void {
    this.previous = this.current;
    this.current = source;
    this.offered = undefined;
    clearTimeout(this.forget);
    this.forget = setTimeout(() => (this.previous = undefined), PREVIOUS_FOR_MS);
    this.forget.unref();
  }
}

/** Whether the user has a password (imported users and passwordless ones may not). */
export function hasPassword(user: UserRecord): boolean {
  return user.PasswordHash !== undefined || user.FixturePassword !== undefined;
}

/** Whether the user can prove a password by SRP. */
export function hasSrpCredentials(user: UserRecord): boolean {
  return Boolean(user.SrpX || user.SrpVerifier || (user.FixturePassword && user.PasswordHash === undefined));
}

/** Whether `password` is the user's. */
export function checkPassword(services: Services, user: UserRecord, password: string): boolean {
  if (user.PasswordHash !== undefined || user.FixturePassword === undefined) return verifyPassword(password, user.PasswordHash);
  const clear = services.fixturePasswords.get(user);
  if (clear === undefined) return false;
  // Digests compare in constant time whatever the lengths.
  return timingSafeEqual(hash("sha256", clear, "buffer"), hash("sha256", password, "buffer"));
}

/**
 * The stored credentials of a fixture user's password, what /_emu/state exports: the same on every call,
 * because the salt is drawn from the definition's digest (salts are public; the digest changes with the
 * password). Undefined when the user has none from a fixture.
 */
export function fixtureCredentials(services: Services, user: UserRecord): Pick<UserRecord, "PasswordHash" | "SrpSalt" | "SrpX"> | undefined {
  if (user.FixturePassword === undefined || user.PasswordHash !== undefined) return undefined;
  const clear = services.fixturePasswords.get(user);
  if (clear === undefined) return undefined;
  return derivedCredentials(user.UserPoolId, user.Username, clear, fixtureSalt(user.FixturePassword));
}

/** fixtureCredentials, with the scrypt hash computed off the event loop (exports of many users). */
export async function fixtureCredentialsAsync(services: Services, user: UserRecord): Promise<Pick<UserRecord, "PasswordHash" | "SrpSalt" | "SrpX"> | undefined> {
  if (user.FixturePassword === undefined || user.PasswordHash !== undefined) return undefined;
  const clear = services.fixturePasswords.get(user);
  if (clear === undefined) return undefined;
  const salt = fixtureSalt(user.FixturePassword);
  const srpSalt = newSalt(salt);
  const derived = await new Promise<Buffer>((resolve, reject) =>
    scrypt(clear, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return { PasswordHash: formatHash(salt, derived), SrpSalt: srpSalt, SrpX: passwordX(srpPoolName(user.UserPoolId), user.Username, clear, srpSalt) };
}

function fixtureSalt(digest: string): Buffer {
  return hash("sha256", `fixture-password-salt\0${digest}`, "buffer").subarray(0, 16);
}

/**
 * The user's SRP salt and verifier. The verifier is computed from x on the first SRP sign-in and kept
 * (a fixture user's credentials with it); a cache, so the modification date stays. Undefined for users
 * without SRP credentials (hashes imported from a fixture).
 */
export function srpSecrets(services: Services, user: UserRecord): { salt: string; verifier: string } | undefined {
  if (user.SrpVerifier && user.SrpSalt) return { salt: user.SrpSalt, verifier: user.SrpVerifier };
  const credentials = user.SrpX && user.SrpSalt ? { SrpSalt: user.SrpSalt, SrpX: user.SrpX } : fixtureCredentials(services, user);
  if (!credentials?.SrpX || !credentials.SrpSalt) return undefined;
  const SrpVerifier = verifierOf(credentials.SrpX);
  services.tables.users.put(services.tables.userKey(user.UserPoolId, user.Username), { ...user, ...credentials, SrpVerifier, FixturePassword: undefined });
  return { salt: credentials.SrpSalt, verifier: SrpVerifier };
}

/**
 * Hashes a password matched, with that password's SHA-256: a sign-in repeated with the same password (what
 * test suites and load tests do) is checked without scrypt. In memory only, bounded, never a clear password.
 */
const matched = new Map<string, Buffer>();
const MAX_MATCHED = 10_000;

export function verifyPassword(password: string, stored: string | undefined): boolean {
  if (!stored) return false;
  const digest = hash("sha256", password, "buffer");
  const known = matched.get(stored);
  if (known) return timingSafeEqual(known, digest);
  const [scheme, n, r, p, salt, derived] = stored.split("$");
  if (scheme !== "scrypt" || !derived) return false;
  const expected = Buffer.from(derived, "base64");
  const actual = scryptSync(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;
  if (matched.size >= MAX_MATCHED) matched.clear();
  matched.set(stored, digest);
  return true;
}

export function isPasswordHash(value: unknown): value is string {
  return typeof value === "string" && /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/.test(value);
}

/** The characters Cognito counts as symbols (the space too, but not as the symbol a password needs). */
const SYMBOLS = `^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+- `;
const SYMBOL = new RegExp(`[${[...SYMBOLS.trim()].map((c) => `\\${c}`).join("")}]`);


const policies = new WeakMap<PoolRecord, typeof DEFAULT_PASSWORD_POLICY & NonNullable<NonNullable<PoolRecord["Policies"]>["PasswordPolicy"]>>();

/** The pool's password policy with Cognito's defaults filled in (worked out once per pool record, which never changes in place). */
export function passwordPolicy(pool: PoolRecord) {
  let policy = policies.get(pool);
  if (!policy) policies.set(pool, (policy = { ...DEFAULT_PASSWORD_POLICY, ...pool.Policies?.PasswordPolicy }));
  return policy;
}

/** Throws Cognito's InvalidPasswordException naming the first rule the password breaks. */
export function checkPasswordPolicy(pool: PoolRecord, password: string): void {
  const policy = passwordPolicy(pool);
  const fail = (reason: string) => {
    throw InvalidPassword(`Password did not conform with policy: ${reason}`);
  };
  if (password.length < (policy.MinimumLength ?? 8)) fail("Password not long enough");
  if (password.startsWith(" ") || password.endsWith(" ")) fail("Password must not begin or end with a space");
  if (policy.RequireLowercase && !/[a-z]/.test(password)) fail("Password must have lowercase characters");
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) fail("Password must have uppercase characters");
  if (policy.RequireNumbers && !/[0-9]/.test(password)) fail("Password must have numeric characters");
  if (policy.RequireSymbols && !SYMBOL.test(password)) fail("Password must have symbol characters");
}

/** A temporary password that satisfies the pool's policy, as AdminCreateUser generates. */
export function generateTemporaryPassword(pool: PoolRecord): string {
  const policy = passwordPolicy(pool);
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)];
  const lower = "abcdefghijkmnopqrstuvwxyz";
  const upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  const digits = "23456789";
  const symbols = "^$*.[]{}()?!@#%&/,><:;|_~=+-";
  const chars = [pick(lower), pick(upper), pick(digits), pick(symbols)];
  const all = lower + upper + digits;
  while (chars.length < Math.max(policy.MinimumLength ?? 8, 8)) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
