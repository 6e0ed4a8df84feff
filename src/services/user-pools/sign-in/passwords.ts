import { randomBytes, randomInt, scryptSync, timingSafeEqual } from "node:crypto";
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
  const hash = scryptSync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** What a user record keeps of a password: a hash for password checks, SRP's salt and x for SRP. */
export type PasswordCredentials = Pick<UserRecord, "PasswordHash" | "SrpSalt" | "SrpX" | "SrpVerifier">;

/**
 * The credentials to store whenever a password is set. The verifier is left for the first SRP
 * sign-in to compute (a modular exponentiation costs more than creating a user); any earlier one is
 * dropped. `username` is the stored one, which SRP clients hash as USER_ID_FOR_SRP.
 */
export function passwordCredentials(pool: PoolRecord, username: string, password: string): PasswordCredentials {
  // Salts are public; one random draw serves both schemes.
  const random = randomBytes(16);
  const srpSalt = newSalt(random);
  return { PasswordHash: hashPassword(password, random), SrpSalt: srpSalt, SrpX: passwordX(srpPoolName(pool.Id), username, password, srpSalt), SrpVerifier: undefined };
}

/**
 * The user's SRP verifier, computed from x on the first SRP sign-in and kept; a cache, so the
 * modification date stays. Undefined for users without SRP credentials (hashes imported from a fixture).
 */
export function srpVerifier(services: Services, user: UserRecord): string | undefined {
  if (user.SrpVerifier) return user.SrpVerifier;
  if (!user.SrpX) return undefined;
  const SrpVerifier = verifierOf(user.SrpX);
  services.tables.users.put(services.tables.userKey(user.UserPoolId, user.Username), { ...user, SrpVerifier });
  return SrpVerifier;
}

export function verifyPassword(password: string, stored: string | undefined): boolean {
  if (!stored) return false;
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = scryptSync(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

export function isPasswordHash(value: unknown): value is string {
  return typeof value === "string" && /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/.test(value);
}

/** The characters Cognito counts as symbols. */
const SYMBOLS = `^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+- `;


export function passwordPolicy(pool: PoolRecord) {
  return { ...DEFAULT_PASSWORD_POLICY, ...pool.Policies?.PasswordPolicy };
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
  if (policy.RequireSymbols && ![...password].some((c) => SYMBOLS.includes(c) && c !== " ")) fail("Password must have symbol characters");
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
