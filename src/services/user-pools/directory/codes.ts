import { CodeMismatch, ExpiredCode, LimitExceeded } from "../../../errors";
import { numericCode } from "../../../ids";
import type { Services } from "../../services";
import { withoutUndefined } from "./pools";
import type { UserRecord } from "./records";
import { type CodePurpose, codeKey, verificationCodes } from "./tables";

export type { CodePurpose } from "./tables";

/** An outstanding code, keyed `<poolId>/<sub>/<purpose>`. Times are epoch ms. */
export interface PendingCode {
  Code: string;
  ExpiresAt: number;
  FailedAttempts: number;
  /** Set after too many wrong codes; every attempt fails until then, even with the right code. */
  LockedUntil?: number;
  /** The attribute the code went to (a sign-up code verifies it). */
  AttributeName?: string;
  /** An email or phone number that takes effect only once this code confirms it. */
  PendingValue?: string;
}

const HOUR_MS = 3_600_000;
/** Password-reset codes last an hour; every other code a day, as Cognito's do. */
const VALIDITY_MS = { SignUp: 24 * HOUR_MS, ForgotPassword: HOUR_MS, VerifyAttribute: 24 * HOUR_MS };
/** Wrong codes allowed before attempts are refused for a while. */
export const FREE_CODE_ATTEMPTS = 5;
export const CODE_LOCK_MS = 15 * 60_000;

const EXPIRED_MESSAGE = "Invalid code provided, please request a code again.";
const MISMATCH_MESSAGE = "Invalid verification code provided, please try again.";
const LIMIT_MESSAGE = "Attempt limit exceeded, please try after some time.";

const codes = (services: Services) => verificationCodes.open(services);

export function verifyAttributePurpose(attribute: string): CodePurpose {
  return `VerifyAttribute:${attribute}`;
}

function validityOf(purpose: CodePurpose): number {
  return purpose.startsWith("VerifyAttribute:") ? VALIDITY_MS.VerifyAttribute : VALIDITY_MS[purpose as "SignUp" | "ForgotPassword"];
}

export function findCode(services: Services, user: UserRecord, purpose: CodePurpose): PendingCode | undefined {
  return codes(services).get(codeKey(user, purpose));
}

/**
 * A fresh six-digit code for the purpose, replacing any earlier one. A lock from too many wrong
 * codes outlives the replacement, so asking for a new code does not reset the attempt limit.
 */
export function issueCode(services: Services, user: UserRecord, purpose: CodePurpose, details: Pick<PendingCode, "AttributeName" | "PendingValue"> = {}): PendingCode {
  const now = services.clock.now();
  const previous = findCode(services, user, purpose);
  const stillLocked = previous?.LockedUntil !== undefined && previous.LockedUntil > now;
  const record: PendingCode = {
    Code: numericCode(6),
    ExpiresAt: now + validityOf(purpose),
    FailedAttempts: stillLocked ? previous.FailedAttempts : 0,
    ...(stillLocked ? { LockedUntil: previous.LockedUntil } : {}),
    ...withoutUndefined(details),
  };
  codes(services).put(codeKey(user, purpose), record);
  return record;
}

/**
 * Checks a code the user typed, with Cognito's answers: too many wrong codes lock attempts for a
 * while, no code (or a stale one) asks for a new one, a wrong code says so and counts against the
 * limit. Returns the matching record; the caller consumes it once its own checks pass.
 */
export function checkCode(services: Services, user: UserRecord, purpose: CodePurpose, given: string): PendingCode {
  const now = services.clock.now();
  const record = findCode(services, user, purpose);
  if (record?.LockedUntil !== undefined && record.LockedUntil > now) throw LimitExceeded(LIMIT_MESSAGE);
  if (!record) throw ExpiredCode(EXPIRED_MESSAGE);
  if (record.Code !== given) {
    recordWrongCode(services, user, purpose, record);
    throw CodeMismatch(MISMATCH_MESSAGE);
  }
  if (record.ExpiresAt <= now) throw ExpiredCode(EXPIRED_MESSAGE);
  return record;
}

/** The code has done its job. */
export function consumeCode(services: Services, user: UserRecord, purpose: CodePurpose): void {
  codes(services).delete(codeKey(user, purpose));
}

/** Counts a wrong code even though the request then fails; the last allowed failure starts the lock. */
function recordWrongCode(services: Services, user: UserRecord, purpose: CodePurpose, record: PendingCode): void {
  services.store.keepOnFailure(() => {
    const now = services.clock.now();
    const lockExpired = record.LockedUntil !== undefined && record.LockedUntil <= now;
    const next: PendingCode = { ...record, FailedAttempts: (lockExpired ? 0 : record.FailedAttempts) + 1 };
    delete next.LockedUntil;
    if (next.FailedAttempts >= FREE_CODE_ATTEMPTS) next.LockedUntil = now + CODE_LOCK_MS;
    codes(services).put(codeKey(user, purpose), next);
  });
}
