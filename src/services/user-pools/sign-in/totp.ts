import { createHmac, randomBytes } from "node:crypto";
import type { Services } from "../../services";
import type { UserRecord } from "../directory/records";
import { userRefOf } from "../directory/tables";
import { softwareTokens } from "./tables";

/** RFC 6238 as authenticator apps and Cognito use it: HMAC-SHA1, six digits, 30-second steps. */
const STEP_SECONDS = 30;
const DIGITS = 6;
/** Cognito accepts codes one step early or late, for clock skew. */
const SKEW_STEPS = 1;
/** Cognito's secret codes are 32 random bytes in base32 (52 characters). */
const SECRET_BYTES = 32;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 as authenticator apps read it: case, spaces and padding do not matter. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, "");
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not a base32 character: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

export function timeStep(epochMs: number): number {
  return Math.floor(epochMs / 1000 / STEP_SECONDS);
}

/** The code an authenticator app shows for the secret during the given time step. */
export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, "0");
}

/** The time step whose code the given code is, within Cognito's skew window around `epochMs`. */
export function matchingStep(secret: string, code: string, epochMs: number): number | undefined {
  const now = timeStep(epochMs);
  for (let step = now - SKEW_STEPS; step <= now + SKEW_STEPS; step++) {
    if (totpCode(secret, step) === code) return step;
  }
  return undefined;
}

/** Per user: a secret handed out by AssociateSoftwareToken and not yet verified, the app's name, and the last code used. */
export interface SoftwareTokenState {
  PendingSecret?: string;
  FriendlyDeviceName?: string;
  /** A code is good once: codes of this step or earlier are refused. */
  LastUsedStep?: number;
}

const tokens = (services: Services) => softwareTokens.open(services);

function update(services: Services, user: UserRecord, changes: Partial<SoftwareTokenState>): void {
  tokens(services).put(userRefOf(user), { ...tokens(services).get(userRefOf(user)), ...changes });
}

export function pendingSecret(services: Services, user: UserRecord): string | undefined {
  return tokens(services).get(userRefOf(user))?.PendingSecret;
}

export function setPendingSecret(services: Services, user: UserRecord, secret: string | undefined): void {
  update(services, user, { PendingSecret: secret });
}

export function friendlyDeviceName(services: Services, user: UserRecord): string | undefined {
  return tokens(services).get(userRefOf(user))?.FriendlyDeviceName;
}

export function setFriendlyDeviceName(services: Services, user: UserRecord, name: string | undefined): void {
  update(services, user, { FriendlyDeviceName: name });
}

export type TotpCheck = "valid" | "wrong" | "reused";

/**
 * Checks a code against the secret at the emulator's time and, when valid, spends it: the same code
 * (or an older one) is refused afterwards, as Cognito refuses a code already used once.
 */
export function useTotpCode(services: Services, user: UserRecord, secret: string, code: string): TotpCheck {
  const step = matchingStep(secret, code, services.clock.now());
  if (step === undefined) return "wrong";
  const last = tokens(services).get(userRefOf(user))?.LastUsedStep;
  if (last !== undefined && step <= last) return "reused";
  update(services, user, { LastUsedStep: step });
  return "valid";
}
