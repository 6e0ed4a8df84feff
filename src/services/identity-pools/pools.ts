import type { CreateIdentityPoolInput, IdentityPool, RoleMapping } from "@aws-sdk/client-cognito-identity";
import { InvalidParameter, ResourceNotFound } from "../../errors";
import { uuid } from "../../ids";
import type { Services } from "../services";
import { parseRoleArn } from "../sts/sessions";
import { withoutUndefined } from "../user-pools/directory/pools";
import { asShape } from "../../protocol/shapes";
import type { IdentityPoolRecord } from "./records";
import { identityPools, regionOf } from "./tables";

const USER_POOL_PROVIDER = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/(([a-z0-9-]+)_[0-9A-Za-z]+)$/;
const OIDC_PROVIDER_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:oidc-provider\/(.+)$/;
const SAML_PROVIDER_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
const POOL_ARN = /^arn:aws(?:-[a-z]+)*:cognito-identity:([a-z0-9-]+):(\d{12}):identitypool\/(.+)$/;
const MAX_RULES_PER_PROVIDER = 25;

type PoolSettings = Omit<CreateIdentityPoolInput, "IdentityPoolTags"> & { IdentityPoolTags?: Record<string, string> };

/** The pool, or Cognito's ResourceNotFoundException. */
export function requireIdentityPool(services: Services, identityPoolId: string): IdentityPoolRecord {
  const pool = identityPools.open(services).get(identityPoolId);
  if (!pool) throw ResourceNotFound(`IdentityPool '${identityPoolId}' not found.`);
  return pool;
}

/** The pool as DescribeIdentityPool answers it: without its roles, which GetIdentityPoolRoles tells. */
export function describeIdentityPool(pool: IdentityPoolRecord): IdentityPool {
  const described = asShape<IdentityPool>("cognito-identity", "IdentityPool", pool);
  if (described.CognitoIdentityProviders) {
    described.CognitoIdentityProviders = described.CognitoIdentityProviders.map((p) => ({ ...p, ServerSideTokenCheck: p.ServerSideTokenCheck ?? false }));
  }
  return described;
}

export function createIdentityPool(services: Services, region: string, input: CreateIdentityPoolInput): IdentityPoolRecord {
  checkProviders(input);
  const pools = identityPools.open(services);
  let id = `${region}:${uuid()}`;
  while (pools.has(id)) id = `${region}:${uuid()}`;
  const pool = settingsOf(input) as IdentityPoolRecord;
  pool.IdentityPoolId = id;
  pools.put(id, asShape("cognito-identity", "IdentityPool", pool));
  return pools.get(id)!;
}

/**
 * UpdateIdentityPool: every setting is replaced by the request's (left out means default), except the
 * developer provider, which cannot change once set, and the tags and roles, which have their own operations.
 */
export function updateIdentityPool(services: Services, input: IdentityPool): IdentityPoolRecord {
  const before = requireIdentityPool(services, input.IdentityPoolId!);
  checkProviders(input);
  if (before.DeveloperProviderName !== undefined && input.DeveloperProviderName !== undefined && input.DeveloperProviderName !== before.DeveloperProviderName) {
    throw InvalidParameter("Cannot update the developer provider name once it is set.");
  }
  const settings: IdentityPoolRecord = {
    ...(settingsOf(input) as IdentityPoolRecord),
    IdentityPoolId: before.IdentityPoolId,
    DeveloperProviderName: before.DeveloperProviderName ?? input.DeveloperProviderName,
    IdentityPoolTags: input.IdentityPoolTags ?? before.IdentityPoolTags,
  };
  // The pool's settings in the model's order; the roles, which IdentityPool does not show, after them.
  const record: IdentityPoolRecord = withoutUndefined({ ...asShape("cognito-identity", "IdentityPool", settings), Roles: before.Roles, RoleMappings: before.RoleMappings });
  identityPools.open(services).put(before.IdentityPoolId, record);
  return record;
}

/** Deletes the pool with what the declarations say it owns: identities (with their sync data), principal tag maps. */
export function deleteIdentityPool(services: Services, pool: IdentityPoolRecord): void {
  identityPools.remove(services, pool.IdentityPoolId);
}

/**
 * Sets the pool to exactly this record under its own id (fixtures), after the checks CreateIdentityPool
 * and SetIdentityPoolRoles make. Its identities stay.
 */
export function defineIdentityPool(services: Services, record: IdentityPoolRecord): IdentityPoolRecord {
  checkProviders(record);
  checkRoles(record, record.Roles ?? {}, record.RoleMappings);
  return identityPools.save(services, record);
}

/** The region's pools, ordered by id. */
export function poolsInRegion(services: Services, region: string): IdentityPoolRecord[] {
  return identityPools
    .open(services)
    .findBy("byRegion", region)
    .sort((a, b) => (a.IdentityPoolId < b.IdentityPoolId ? -1 : a.IdentityPoolId > b.IdentityPoolId ? 1 : 0));
}

/** SetIdentityPoolRoles: replaces the roles and role mappings after checking them against the pool's providers. */
export function setRoles(services: Services, pool: IdentityPoolRecord, roles: Record<string, string>, mappings: Record<string, RoleMapping> | undefined): void {
  checkRoles(pool, roles, mappings);
  const record: IdentityPoolRecord = { ...pool, Roles: roles };
  if (mappings && Object.keys(mappings).length > 0) record.RoleMappings = mappings;
  else delete record.RoleMappings;
  identityPools.open(services).put(pool.IdentityPoolId, record);
}

/** The keys RoleMappings may use: `<user pool provider>:<client id>`, and the other providers' names. */
export function mappableProviders(pool: IdentityPoolRecord): Set<string> {
  const keys = new Set<string>();
  for (const p of pool.CognitoIdentityProviders ?? []) keys.add(p.ClientId ? `${p.ProviderName}:${p.ClientId}` : p.ProviderName!);
  for (const name of Object.keys(pool.SupportedLoginProviders ?? {})) keys.add(name);
  for (const arn of pool.OpenIdConnectProviderARNs ?? []) keys.add(oidcProviderName(arn)!);
  for (const arn of pool.SamlProviderARNs ?? []) keys.add(arn);
  return keys;
}

/** The Logins key of an IAM OIDC provider: its ARN's `oidc-provider/<host/path>` part. */
export function oidcProviderName(arn: string): string | undefined {
  return OIDC_PROVIDER_ARN.exec(arn)?.[1];
}

/** `cognito-idp.<region>.amazonaws.com/<poolId>` taken apart. */
export function parseUserPoolProvider(name: string): { region: string; userPoolId: string } | undefined {
  const match = USER_POOL_PROVIDER.exec(name);
  return match && match[1] === match[3] ? { region: match[1], userPoolId: match[2] } : undefined;
}

/** `arn:aws:cognito-identity:<region>:<account>:identitypool/<id>`. */
export function identityPoolArn(services: Services, pool: IdentityPoolRecord): string {
  return `arn:aws:cognito-identity:${regionOf(pool.IdentityPoolId)}:${services.options.accountId}:identitypool/${pool.IdentityPoolId}`;
}

/** The pool a tagging request's ARN names. */
export function poolOfArn(services: Services, arn: string): IdentityPoolRecord {
  const match = POOL_ARN.exec(arn);
  if (!match) throw InvalidParameter(`Invalid ResourceArn: ${arn}`);
  const pool = identityPools.open(services).get(match[3]);
  if (!pool || match[2] !== services.options.accountId || regionOf(match[3]) !== match[1]) throw ResourceNotFound(`IdentityPool '${match[3]}' not found.`);
  return pool;
}

export function putTags(services: Services, pool: IdentityPoolRecord, tags: Record<string, string> | undefined): void {
  const record = { ...pool };
  if (tags && Object.keys(tags).length > 0) record.IdentityPoolTags = tags;
  else delete record.IdentityPoolTags;
  identityPools.open(services).put(pool.IdentityPoolId, record);
}

function settingsOf(input: PoolSettings): PoolSettings {
  return {
    IdentityPoolName: input.IdentityPoolName,
    AllowUnauthenticatedIdentities: input.AllowUnauthenticatedIdentities,
    AllowClassicFlow: input.AllowClassicFlow,
    SupportedLoginProviders: input.SupportedLoginProviders,
    DeveloperProviderName: input.DeveloperProviderName,
    OpenIdConnectProviderARNs: input.OpenIdConnectProviderARNs,
    CognitoIdentityProviders: input.CognitoIdentityProviders,
    SamlProviderARNs: input.SamlProviderARNs,
    IdentityPoolTags: input.IdentityPoolTags,
  };
}

function checkProviders(input: PoolSettings): void {
  for (const provider of input.CognitoIdentityProviders ?? []) {
    if (!provider.ProviderName || !parseUserPoolProvider(provider.ProviderName)) throw InvalidParameter("Invalid Cognito Identity Provider");
  }
  for (const arn of input.OpenIdConnectProviderARNs ?? []) {
    if (!oidcProviderName(arn)) throw InvalidParameter(`Invalid OpenIdConnectProviderARN: ${arn}`);
  }
  for (const arn of input.SamlProviderARNs ?? []) {
    if (!SAML_PROVIDER_ARN.test(arn)) throw InvalidParameter(`Invalid SamlProviderARN: ${arn}`);
  }
}

function checkRoles(pool: IdentityPoolRecord, roles: Record<string, string>, mappings: Record<string, RoleMapping> | undefined): void {
  for (const arn of Object.values(roles)) requireRoleArn(arn);
  const mappable = mappableProviders(pool);
  for (const [provider, mapping] of Object.entries(mappings ?? {})) {
    if (!mappable.has(provider)) throw InvalidParameter(`${provider} is not a valid RoleMapping ProviderName or is not a configured provider.`);
    checkRoleMapping(mapping);
  }
}

function checkRoleMapping(mapping: RoleMapping): void {
  if (!mapping.AmbiguousRoleResolution) throw InvalidParameter("AmbiguousRoleResolution must be specified for Token and Rules role mappings.");
  if (mapping.Type !== "Rules") return;
  const rules = mapping.RulesConfiguration?.Rules;
  if (!rules) throw InvalidParameter("RulesConfiguration must be specified for Rules role mappings.");
  if (rules.length > MAX_RULES_PER_PROVIDER) throw InvalidParameter(`A maximum of ${MAX_RULES_PER_PROVIDER} rules can be specified for each provider.`);
  for (const rule of rules) requireRoleArn(rule.RoleARN!);
}

function requireRoleArn(arn: string): void {
  if (!parseRoleArn(arn)) throw InvalidParameter(`Invalid role ARN: ${arn}`);
}
