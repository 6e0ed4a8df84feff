import type { Services } from "../services/services";
import type { ClientRecord, GroupRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { type Claims, DEFAULT_ACCESS_SCOPE, groupClaims } from "../tokens/jwt";
import type { TokenCustomization } from "../tokens/subjects";
import { eventUserAttributes, optionalMaps, triggerEvent } from "./event";
import { configuredFunction } from "./functions";
import { invokeTrigger } from "./invoke";
import { isObject } from "./invocation";
import { optionalString, optionalStringList, responseOf, unrecognizable } from "./response";
import type { GroupConfiguration, StringMap, TokenGenerationSource } from "./types";

export interface TokenGenerationInput {
  source: TokenGenerationSource;
  client: ClientRecord;
  user: UserRecord;
  groups: readonly GroupRecord[];
  /** The access token's scopes before the function; default Cognito's API scope. */
  scopes?: readonly string[];
  clientMetadata?: StringMap;
}

export type { TokenCustomization };

/** Claims the developer guide says a function cannot add, change or suppress; the emulator ignores such changes. */
const FIXED_ID_CLAIMS = new Set([
  "acr", "amr", "aud", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat", "identities", "iss", "jti", "nbf", "nonce",
  "origin_jti", "sub", "token_use",
]);
const FIXED_ACCESS_CLAIMS = new Set([
  ...FIXED_ID_CLAIMS, "client_id", "device_key", "event_id", "scope", "username", "version",
]);
/** Group claims change only through groupOverrideDetails. */
const GROUP_CLAIMS = new Set(["cognito:groups", "cognito:roles", "cognito:preferred_role"]);

/**
 * TokenGeneration_<source>, right before tokens are minted. The pool's PreTokenGenerationConfig
 * chooses the event: V1_0 customizes the ID token (and groups in both tokens); V2_0 and V3_0 also the
 * access token and its scopes. Returns {} when the pool has no such trigger.
 */
export async function runPreTokenGeneration(services: Services, pool: PoolRecord, input: TokenGenerationInput): Promise<TokenCustomization> {
  const reference = configuredFunction(pool, "PreTokenGeneration");
  if (!reference) return {};
  const lambdaVersion = pool.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion ?? "V1_0";
  const modern = lambdaVersion !== "V1_0";
  const scopes = input.scopes?.length ? [...input.scopes] : [DEFAULT_ACCESS_SCOPE];
  const claims = groupClaims(input.groups);
  const groupConfiguration: GroupConfiguration = { groupsToOverride: claims.groups, iamRolesToOverride: claims.roles, preferredRole: claims.preferredRole ?? null };
  const event = triggerEvent(
    {
      pool,
      triggerSource: `TokenGeneration_${input.source}`,
      userName: input.user.Username,
      clientId: input.client.ClientId,
      version: modern ? lambdaVersion.slice(1, 2) : "1",
    },
    {
      userAttributes: eventUserAttributes(pool, input.user),
      ...(modern ? { scopes } : {}),
      groupConfiguration,
      ...optionalMaps({ clientMetadata: input.clientMetadata }),
    },
    modern ? { claimsAndScopeOverrideDetails: null } : { claimsOverrideDetails: null },
  );
  const response = responseOf(await invokeTrigger(services, pool, "PreTokenGeneration", reference, event));
  return modern ? fromVersion2(response.claimsAndScopeOverrideDetails, scopes) : fromVersion1(response.claimsOverrideDetails);
}

function fromVersion1(details: unknown): TokenCustomization {
  if (details === undefined || details === null) return {};
  if (!isObject(details)) throw unrecognizable();
  const extraIdClaims = claimChanges(details.claimsToAddOrOverride, details.claimsToSuppress, FIXED_ID_CLAIMS, true);
  const extraAccessClaims: Claims = {};
  applyGroupOverride(details, extraIdClaims, extraAccessClaims);
  return { extraIdClaims, extraAccessClaims };
}

function fromVersion2(details: unknown, scopes: string[]): TokenCustomization {
  if (details === undefined || details === null) return { accessTokenVersion: 2 };
  if (!isObject(details)) throw unrecognizable();
  const id = section(details.idTokenGeneration);
  const access = section(details.accessTokenGeneration);
  const extraIdClaims = claimChanges(id.claimsToAddOrOverride, id.claimsToSuppress, FIXED_ID_CLAIMS, false);
  const extraAccessClaims = claimChanges(access.claimsToAddOrOverride, access.claimsToSuppress, FIXED_ACCESS_CLAIMS, false);
  applyGroupOverride(details, extraIdClaims, extraAccessClaims);
  const suppressed = new Set(optionalStringList(access.scopesToSuppress) ?? []);
  const finalScopes = [...new Set([...scopes.filter((scope) => !suppressed.has(scope)), ...(optionalStringList(access.scopesToAdd) ?? [])])];
  return { extraIdClaims, extraAccessClaims, scopes: finalScopes, accessTokenVersion: 2 };
}

function section(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw unrecognizable();
  return value;
}

/** Added or replaced claims, then suppressed ones (`undefined`): a claim both replaced and suppressed is suppressed. */
function claimChanges(add: unknown, suppress: unknown, fixed: ReadonlySet<string>, stringsOnly: boolean): Claims {
  const changes: Claims = {};
  if (add !== undefined && add !== null) {
    if (!isObject(add)) throw unrecognizable();
    for (const [name, value] of Object.entries(add)) {
      if (fixed.has(name) || GROUP_CLAIMS.has(name) || value === undefined || value === null) continue;
      // V1_0 tokens carry string claims; V2_0 and later take any JSON value.
      changes[name] = stringsOnly && typeof value !== "string" ? (typeof value === "object" ? JSON.stringify(value) : String(value)) : value;
    }
  }
  for (const name of optionalStringList(suppress) ?? []) if (!fixed.has(name) && !GROUP_CLAIMS.has(name)) changes[name] = undefined;
  return changes;
}

/**
 * groupOverrideDetails replaces the user's groups in both tokens (and roles in the ID token). Left out,
 * groups stay as they are; present but null or empty, they are suppressed.
 */
function applyGroupOverride(details: Record<string, unknown>, idClaims: Claims, accessClaims: Claims): void {
  if (!("groupOverrideDetails" in details)) return;
  const override = section(details.groupOverrideDetails);
  const groups = optionalStringList(override.groupsToOverride) ?? [];
  const roles = optionalStringList(override.iamRolesToOverride) ?? [];
  const preferredRole = optionalString(override.preferredRole);
  idClaims["cognito:groups"] = groups.length ? groups : undefined;
  idClaims["cognito:roles"] = roles.length ? roles : undefined;
  idClaims["cognito:preferred_role"] = preferredRole;
  accessClaims["cognito:groups"] = groups.length ? groups : undefined;
}
