import type { RiskLevelType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UserNotFound } from "../errors";
import type { Services } from "../services/services";
import { requirePool } from "../services/user-pools/directory/lookup";
import { findUser } from "../services/user-pools/directory/users";
import { address } from "../services/user-pools/sign-in/request-context";
import { forceRisk, forgetForcedRisks } from "../services/user-pools/sign-in/threat-state";

const LEVELS: readonly RiskLevelType[] = ["Low", "Medium", "High"];
const MAX_COUNT = 1_000_000;

/** What POST /_emu/risk answers: what it will apply, as the request named it. */
export interface ForcedRiskView {
  userPoolId: string;
  username?: string;
  ipAddress?: string;
  level: RiskLevelType;
  count?: number;
}

/**
 * POST /_emu/risk `{userPoolId, username?, ipAddress?, level, count?}`: threat protection gives the next
 * sign-ins of that user (or from that address; with both, of that user from that address) the level,
 * `count` times or until DELETE /_emu/risk. Actions follow the pool's mode and risk configuration.
 */
export function forceRiskRequest(services: Services, body: unknown): ForcedRiskView {
  const input = objectOf(body);
  const pool = requirePool(services, requiredString(input, "userPoolId"));
  const username = optionalString(input, "username");
  const ipAddress = optionalAddress(input);
  if (username === undefined && ipAddress === undefined) throw InvalidParameter("Name a username, an ipAddress, or both.");
  const level = input.level;
  if (typeof level !== "string" || !LEVELS.includes(level as RiskLevelType)) throw InvalidParameter(`level must be one of ${LEVELS.join(", ")}.`);
  const count = input.count;
  if (count !== undefined && (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_COUNT)) {
    throw InvalidParameter(`count must be a whole number from 1 to ${MAX_COUNT}.`);
  }
  const user = username === undefined ? undefined : findUser(services, pool, username);
  if (username !== undefined && !user) throw UserNotFound("User does not exist.");
  forceRisk(services, {
    UserPoolId: pool.Id,
    ...(user ? { Sub: user.Sub, Username: username } : {}),
    ...(ipAddress ? { IpAddress: ipAddress } : {}),
    Level: level as RiskLevelType,
    ...(count !== undefined ? { Remaining: count } : {}),
  });
  return { userPoolId: pool.Id, ...(username !== undefined ? { username } : {}), ...(ipAddress ? { ipAddress } : {}), level: level as RiskLevelType, ...(count !== undefined ? { count } : {}) };
}

/**
 * DELETE /_emu/risk, with the same names in the query or a JSON body: forgets what was forced, for a
 * pool, a user of it, an address, or everywhere when it names nothing.
 */
export function forgetRiskRequest(services: Services, body: unknown): { forgotten: number } {
  const input = objectOf(body ?? {});
  const poolId = optionalString(input, "userPoolId");
  const username = optionalString(input, "username");
  const ip = optionalAddress(input);
  if (username !== undefined && poolId === undefined) throw InvalidParameter("Name the userPoolId of the username.");
  const pool = poolId === undefined ? undefined : requirePool(services, poolId);
  let sub: string | undefined;
  if (pool && username !== undefined) {
    const user = findUser(services, pool, username);
    if (!user) return { forgotten: 0 };
    sub = user.Sub;
  }
  return { forgotten: forgetForcedRisks(services, { poolId: pool?.Id, sub, ip }) };
}

function objectOf(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw InvalidParameter("Send a JSON object.");
  return body as Record<string, unknown>;
}

function requiredString(input: Record<string, unknown>, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw InvalidParameter(`${name} is required.`);
  return value;
}

function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string" || value.length > 256) throw InvalidParameter(`${name} must be a string of at most 256 characters.`);
  return value;
}

function optionalAddress(input: Record<string, unknown>): string | undefined {
  const given = optionalString(input, "ipAddress");
  if (given === undefined) return undefined;
  const normalized = address(given);
  if (!normalized) throw InvalidParameter(`ipAddress ${given} is not an IPv4 or IPv6 address.`);
  return normalized;
}
