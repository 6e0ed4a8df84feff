import { createHmac, getDiffieHellman, hash, randomBytes, timingSafeEqual } from "node:crypto";
import { InvalidParameter } from "../../../errors";
import type { Clock } from "../../../clock";
import { InvalidSessionError } from "./sessions";

/**
 * SRP-6a as Cognito speaks it (amazon-cognito-identity-js AuthenticationHelper): the RFC 3526
 * 3072-bit group with g = 2, SHA-256, numbers hashed in Java's BigInteger byte form (padHex), and
 * a 16-byte key from HKDF "Caldera Derived Key" that signs the claim.
 */
const PRIME = getDiffieHellman("modp15").getPrime();
export const N = toBigInt(PRIME);
const G = 2n;
const K = hashToBigInt(hexBytes(padHex(N) + padHex(G)));
const HKDF_INFO = Buffer.concat([Buffer.from("Caldera Derived Key", "utf8"), Buffer.from([1])]);

/**
 * How long a claimed TIMESTAMP may be away from the server's clock. Cognito documents no figure;
 * five minutes is the tolerance AWS request signing uses, which is what clients are built around.
 */
export const TIMESTAMP_SKEW_MS = 5 * 60_000;

/** Hex of a non-negative integer as Java's BigInteger.toByteArray prints it: even length, "00" before a set top bit. */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

export function toBigInt(bytes: Buffer): bigint {
  return bytes.length ? BigInt(`0x${bytes.toString("hex")}`) : 0n;
}

function toBytes(value: bigint): Buffer {
  return hexBytes(padHex(value));
}

/** Whether hex is already what padHex would print (the common case: salts from newSalt). */
function isPadded(hex: string): boolean {
  return hex.length % 2 === 0 && /^(0[1-7]|[1-7][0-9a-f]|00[89a-f])/.test(hex);
}

function hexBytes(hex: string): Buffer {
  return Buffer.from(hex, "hex");
}

function hashToBigInt(bytes: Buffer): bigint {
  return toBigInt(hash("sha256", bytes, "buffer"));
}

/*
 * Modular powers in BigInt rather than OpenSSL: Node 24 tests the primality of the prime of every
 * DiffieHellman object it builds (seconds for this group), and the prebuilt group object cannot take
 * a chosen exponent. Exponents here are 256-bit hashes or random values, a few milliseconds each.
 */

/** Left-to-right power in 4-bit windows; `times(r, digit)` multiplies r by base^digit mod N. */
function windowedPow(exponent: bigint, times: (r: bigint, digit: number) => bigint): bigint {
  const hex = exponent.toString(16);
  let r = 1n;
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) for (let square = 0; square < 4; square++) r = (r * r) % N;
    const digit = Number.parseInt(hex[i], 16);
    if (digit) r = times(r, digit);
  }
  return r;
}

/** g^e mod N; with g = 2, multiplying by g^digit is a shift. */
export function powG(exponent: bigint): bigint {
  return windowedPow(exponent, (r, digit) => (r << BigInt(digit)) % N);
}

/** base^e mod N, for a non-negative base. */
export function modPow(base: bigint, exponent: bigint): bigint {
  const powers = [1n, base % N];
  for (let digit = 2; digit < 16; digit++) powers.push((powers[digit - 1] * powers[1]) % N);
  return windowedPow(exponent, (r, digit) => (r * powers[digit]) % N);
}

/** A salt in padHex form (top byte 1..127), so SALT round-trips through the client's BigInteger unchanged. */
export function newSalt(random: Buffer = randomBytes(16)): string {
  const bytes = Buffer.from(random);
  bytes[0] = 1 + (bytes[0] % 127);
  return bytes.toString("hex");
}

/** x = H(salt | H(poolName | username | ":" | password)); the username is the one sent as USER_ID_FOR_SRP. */
export function passwordX(poolName: string, username: string, password: string, saltHex: string): string {
  const inner = hash("sha256", `${poolName}${username}:${password}`, "hex");
  return hash("sha256", hexBytes((isPadded(saltHex) ? saltHex : padHex(BigInt(`0x${saltHex}`))) + inner), "hex");
}

/** The verifier v = g^x mod N, as hex. */
export function verifierOf(xHex: string): string {
  return powG(BigInt(`0x${xHex}`)).toString(16);
}

/** The part after "_" of a pool id: what Cognito's clients hash into x and the claim. */
export function srpPoolName(poolId: string): string {
  return poolId.slice(poolId.indexOf("_") + 1);
}

/** The client's public value A; SRP-6a forbids A % N == 0. */
export function parseSrpA(hex: string): bigint {
  if (!/^[0-9a-fA-F]{1,2048}$/.test(hex)) throw InvalidParameter("SRP_A is not a valid hexadecimal number.");
  const A = BigInt(`0x${hex}`);
  if (A % N === 0n) throw InvalidParameter("SRP_A cannot be 0 mod N.");
  return A;
}

/** The server's half of one exchange, kept in the challenge session (b never leaves the server). */
export interface SrpExchange {
  A: string;
  b: string;
  B: string;
  /** Base64, opaque to the client, echoed back as PASSWORD_CLAIM_SECRET_BLOCK. */
  secretBlock: string;
}

/** The exchange a challenge session carries. */
export function exchangeFrom(data: Record<string, unknown> | undefined): SrpExchange {
  const exchange = data?.srp as SrpExchange | undefined;
  if (!exchange?.secretBlock) throw new InvalidSessionError();
  return exchange;
}

/** b random, B = (k·v + g^b) mod N. */
export function startExchange(A: bigint, verifierHex: string): SrpExchange {
  const v = BigInt(`0x${verifierHex}`);
  for (;;) {
    const b = toBigInt(randomBytes(32));
    const B = (K * v + powG(b)) % N;
    if (B !== 0n) return { A: A.toString(16), b: b.toString(16), B: B.toString(16), secretBlock: randomBytes(64).toString("base64") };
  }
}

/** The 16-byte key both sides derive: HKDF(S, salt = u) with S = (A·v^u)^b mod N. */
function sessionKey(exchange: SrpExchange, verifierHex: string): Buffer | undefined {
  const A = BigInt(`0x${exchange.A}`);
  const B = BigInt(`0x${exchange.B}`);
  const u = hashToBigInt(hexBytes(padHex(A) + padHex(B)));
  if (u === 0n) return undefined;
  const v = BigInt(`0x${verifierHex}`);
  const S = modPow((A * modPow(v, u)) % N, BigInt(`0x${exchange.b}`));
  const prk = createHmac("sha256", toBytes(u)).update(toBytes(S)).digest();
  return createHmac("sha256", prk).update(HKDF_INFO).digest().subarray(0, 16);
}

/** What a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER answer claims. */
export interface PasswordClaim {
  signature: string;
  secretBlock: string;
  timestamp: Date;
}

/** The claim's three parameters, or InvalidParameterException as Cognito words it. */
export function readClaim(responses: Record<string, string | null | undefined>): PasswordClaim {
  for (const name of ["PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP"]) {
    if (!responses[name]) throw InvalidParameter(`Missing required parameter ${name}`);
  }
  const timestamp = parseTimestamp(responses.TIMESTAMP!);
  if (!timestamp) throw InvalidParameter("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");
  return { signature: responses.PASSWORD_CLAIM_SIGNATURE!, secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK!, timestamp };
}

/** Who the claim is about: pool name and USER_ID_FOR_SRP, or device group key and device key. */
export interface ClaimIdentity {
  poolName: string;
  userId: string;
}

/**
 * Whether the claim proves knowledge of the verifier's secret: same secret block, a timestamp near
 * the clock, and HMAC(key, poolName | userId | secretBlock | timestamp) equal to the signature. The
 * timestamp is signed as Cognito re-prints it, so "Sep 05" or a wrong weekday fails like a wrong password.
 */
export function claimHolds(clock: Clock, exchange: SrpExchange, verifierHex: string, identity: ClaimIdentity, claim: PasswordClaim): boolean {
  if (claim.secretBlock !== exchange.secretBlock || !nearNow(clock, claim.timestamp)) return false;
  const key = sessionKey(exchange, verifierHex);
  if (!key) return false;
  const expected = createHmac("sha256", key)
    .update(Buffer.from(identity.poolName, "utf8"))
    .update(Buffer.from(identity.userId, "utf8"))
    .update(Buffer.from(exchange.secretBlock, "base64"))
    .update(Buffer.from(formatTimestamp(claim.timestamp), "utf8"))
    .digest();
  const given = Buffer.from(claim.signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Clients stamp TIMESTAMP with their machine's clock, which /_emu/clock does not move; either the
 * emulated time or the machine's is accepted.
 */
function nearNow(clock: Clock, timestamp: Date): boolean {
  const emulated = clock.now();
  const machine = emulated - clock.offsetSeconds * 1000;
  return [emulated, machine].some((now) => Math.abs(timestamp.getTime() - now) <= TIMESTAMP_SKEW_MS);
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TIMESTAMP = /^([A-Za-z]{3}) ([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2}) (UTC|GMT) (\d{4})$/;

const titleCase = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** Parses "EEE MMM d HH:mm:ss z yyyy" (Java's pattern, English names, UTC) leniently, as Java does. */
export function parseTimestamp(text: string): Date | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, weekday, month, day, hours, minutes, seconds, , year] = match;
  const monthIndex = MONTHS.indexOf(titleCase(month));
  if (!WEEKDAYS.includes(titleCase(weekday)) || monthIndex < 0) return undefined;
  return new Date(Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds)));
}

/** "ddd MMM d HH:mm:ss UTC yyyy", the form amazon-cognito-identity-js and Amplify send. */
export function formatTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}
