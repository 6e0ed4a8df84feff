import type { RiskLevelType } from "@aws-sdk/client-cognito-identity-provider";
import type { Table } from "../../../store/table";
import type { Services } from "../../services";
import type { UserRecord } from "../directory/records";
import { userRefOf } from "../directory/tables";
import { compromisedPasswords, forcedRiskKey, forcedRisks, threatProfiles } from "./tables";

/**
 * What threat protection remembers between requests: each user's sign-in history (the addresses and
 * devices seen, consecutive failures, what feedback trusted or distrusted), the risk levels a test
 * forced through /_emu/risk, and the passwords fixtures declare compromised.
 */

/** One user's history; keyed `<poolId>/<sub>`. */
export interface ThreatProfile {
  UserPoolId: string;
  Sub: string;
  /** Sign-ins completed so far: with none, nothing is new yet. */
  SignIns: number;
  /** Failed password or code checks since the last completed sign-in. */
  Failures: number;
  KnownIps: string[];
  KnownDevices: string[];
  /** Addresses and devices of events given Invalid feedback. */
  UntrustedIps: string[];
  UntrustedDevices: string[];
}

/** A risk level forced for the next sign-ins of a user, from an address, or both; keyed `<poolId>|<sub or *>|<ip or *>`. */
export interface ForcedRisk {
  UserPoolId: string;
  Sub?: string;
  /** As the request named the user, for display. */
  Username?: string;
  IpAddress?: string;
  Level: RiskLevelType;
  /** Sign-ins left; absent: every sign-in until forgotten. */
  Remaining?: number;
}

/** Passwords a fixture declares compromised for a pool; keyed by pool id. */
export interface PoolCompromisedPasswords {
  UserPoolId: string;
  Passwords: string[];
}

/** Each list keeps the most recent entries only, so a profile stays small however long the emulator runs. */
const MAX_REMEMBERED = 50;

export function profiles(services: Services): Table<ThreatProfile> {
  return threatProfiles.open(services);
}

function forced(services: Services): Table<ForcedRisk> {
  return forcedRisks.open(services);
}

function poolLists(services: Services): Table<PoolCompromisedPasswords> {
  return compromisedPasswords.open(services);
}

const profileKey = (user: Pick<UserRecord, "UserPoolId" | "Sub">) => userRefOf(user);
const forcedKey = forcedRiskKey;

export function profileOf(services: Services, user: UserRecord): ThreatProfile | undefined {
  return profiles(services).get(profileKey(user));
}

function updateProfile(services: Services, user: Pick<UserRecord, "UserPoolId" | "Sub">, change: (profile: ThreatProfile) => Partial<ThreatProfile>): void {
  const table = profiles(services);
  const current = table.get(profileKey(user)) ?? {
    UserPoolId: user.UserPoolId,
    Sub: user.Sub,
    SignIns: 0,
    Failures: 0,
    KnownIps: [],
    KnownDevices: [],
    UntrustedIps: [],
    UntrustedDevices: [],
  };
  table.put(profileKey(user), { ...current, ...change(current) });
}

/** A completed sign-in: its address and device become known, and the failures before it are forgiven. */
export function noteSignIn(services: Services, user: UserRecord, ip: string | undefined, device: string | undefined): void {
  updateProfile(services, user, (profile) => ({
    SignIns: profile.SignIns + 1,
    Failures: 0,
    KnownIps: remember(profile.KnownIps, ip),
    KnownDevices: remember(profile.KnownDevices, device),
  }));
}

/** A failed password or code, kept although its request fails. */
export function noteFailure(services: Services, user: UserRecord): void {
  services.store.keepOnFailure(() => updateProfile(services, user, (profile) => ({ Failures: profile.Failures + 1 })));
}

/**
 * Feedback on an event teaches the user's history: Valid trusts its address and device (they are
 * known from then on), Invalid distrusts them (sign-ins from them are high risk).
 */
export function noteFeedback(services: Services, user: UserRecord, valid: boolean, ip: string | undefined, device: string | undefined): void {
  updateProfile(services, user, (profile) =>
    valid
      ? {
          KnownIps: remember(profile.KnownIps, ip),
          KnownDevices: remember(profile.KnownDevices, device),
          UntrustedIps: forget(profile.UntrustedIps, ip),
          UntrustedDevices: forget(profile.UntrustedDevices, device),
        }
      : {
          KnownIps: forget(profile.KnownIps, ip),
          KnownDevices: forget(profile.KnownDevices, device),
          UntrustedIps: remember(profile.UntrustedIps, ip),
          UntrustedDevices: remember(profile.UntrustedDevices, device),
        },
  );
}

function remember(list: string[], value: string | undefined): string[] {
  if (!value) return list;
  return [...list.filter((entry) => entry !== value), value].slice(-MAX_REMEMBERED);
}

function forget(list: string[], value: string | undefined): string[] {
  return value ? list.filter((entry) => entry !== value) : list;
}

/** Forces the risk of the next sign-ins; replaces what was forced for the same user and address. */
export function forceRisk(services: Services, risk: ForcedRisk): void {
  forced(services).put(forcedKey(risk.UserPoolId, risk.Sub, risk.IpAddress), risk);
}

/**
 * The level forced for this sign-in, most specific first (user and address, user, address), counting
 * it used: one given a count is forgotten when its count runs out.
 */
export function takeForcedRisk(services: Services, user: UserRecord, ip: string | undefined): RiskLevelType | undefined {
  // Counted even when the sign-in it decides is then refused.
  return services.store.keepOnFailure(() => takeFrom(forced(services), user, ip));
}

function takeFrom(table: Table<ForcedRisk>, user: UserRecord, ip: string | undefined): RiskLevelType | undefined {
  const candidates = ip
    ? [forcedKey(user.UserPoolId, user.Sub, ip), forcedKey(user.UserPoolId, user.Sub, undefined), forcedKey(user.UserPoolId, undefined, ip)]
    : [forcedKey(user.UserPoolId, user.Sub, undefined)];
  for (const key of candidates) {
    const risk = table.get(key);
    if (!risk) continue;
    if (risk.Remaining !== undefined) {
      if (risk.Remaining <= 1) table.delete(key);
      else table.put(key, { ...risk, Remaining: risk.Remaining - 1 });
    }
    return risk.Level;
  }
  return undefined;
}

/** DELETE /_emu/risk: what was forced for the pool (or everywhere), narrowed to a user and/or an address. */
export function forgetForcedRisks(services: Services, filter: { poolId?: string; sub?: string; ip?: string }): number {
  const table = forced(services);
  const keys = filter.poolId ? table.keysBy("byPool", filter.poolId) : [...table.entries()].map(([key]) => key);
  let forgotten = 0;
  for (const key of keys) {
    const risk = table.get(key)!;
    if (filter.sub !== undefined && risk.Sub !== filter.sub) continue;
    if (filter.ip !== undefined && risk.IpAddress !== filter.ip) continue;
    if (table.delete(key)) forgotten++;
  }
  return forgotten;
}

/** Replaces the pool's fixture-declared compromised passwords; an empty list forgets them. */
export function setPoolCompromisedPasswords(services: Services, poolId: string, passwords: readonly string[]): void {
  if (passwords.length) poolLists(services).put(poolId, { UserPoolId: poolId, Passwords: [...passwords] });
  else poolLists(services).delete(poolId);
}

export function poolCompromisedPasswords(services: Services, poolId: string): string[] {
  return poolLists(services).get(poolId)?.Passwords ?? [];
}

