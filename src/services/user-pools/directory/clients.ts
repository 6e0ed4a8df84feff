import type {
  CreateUserPoolClientRequest,
  ExplicitAuthFlowsType,
  TimeUnitsType,
  TokenValidityUnitsType,
  UpdateUserPoolClientRequest,
  UserPoolClientDescription,
  UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { InvalidOAuthFlow, InvalidParameter, LimitExceeded, ScopeDoesNotExist } from "../../../errors";
import { asShape } from "../../../protocol/shapes";
import { clientId as newClientId, clientSecret as newClientSecret } from "../../../ids";
import type { Table } from "../../../store/table";
import type { Services } from "../../services";
import { creationKey, withoutUndefined } from "./pools";
import type { ClientRecord, PoolRecord } from "./records";
import { findSchemaAttribute } from "./schema";
import { clients, identityProviderKey, resourceServerKey } from "./tables";

/** Cognito's quota of app clients per user pool. */
export const MAX_CLIENTS_PER_POOL = 1000;

/** The flows a client allows when its request names none. */
export const DEFAULT_EXPLICIT_AUTH_FLOWS: readonly ExplicitAuthFlowsType[] = Object.freeze([
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_CUSTOM_AUTH",
]);
const LEGACY_AUTH_FLOWS = new Set<string>(["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"]);

/** Scopes every pool has; anything else must be `<resource server>/<scope>`. */
const STANDARD_SCOPES = new Set(["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"]);
/** Plain HTTP is refused for redirect URLs except to the loopback host. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

type TokenKind = "AccessToken" | "IdToken" | "RefreshToken";
interface TokenValidityRule {
  field: "AccessTokenValidity" | "IdTokenValidity" | "RefreshTokenValidity";
  defaultValue: number;
  defaultUnit: TimeUnitsType;
  unitOfGivenValue: TimeUnitsType;
  minSeconds: number;
  maxSeconds: number;
}

/**
 * How each token's validity is read and bounded. A value without a unit is in hours (days for refresh
 * tokens); an omitted value is Cognito's default of 60 minutes (30 days), stated in the unit given, if any.
 */
const TOKEN_VALIDITY: Record<TokenKind, TokenValidityRule> = {
  AccessToken: { field: "AccessTokenValidity", defaultValue: 60, defaultUnit: "minutes", unitOfGivenValue: "hours", minSeconds: 5 * 60, maxSeconds: 24 * 3600 },
  IdToken: { field: "IdTokenValidity", defaultValue: 60, defaultUnit: "minutes", unitOfGivenValue: "hours", minSeconds: 5 * 60, maxSeconds: 24 * 3600 },
  RefreshToken: { field: "RefreshTokenValidity", defaultValue: 30, defaultUnit: "days", unitOfGivenValue: "days", minSeconds: 3600, maxSeconds: 3650 * 86400 },
};
const UNIT_SECONDS: Record<TimeUnitsType, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

type ClientInput = Omit<CreateUserPoolClientRequest, "UserPoolId"> | Omit<UpdateUserPoolClientRequest, "UserPoolId" | "ClientId">;
type ClientSettings = Omit<ClientRecord, "UserPoolId" | "ClientId" | "ClientName" | "ClientSecret" | "CreationDate" | "LastModifiedDate">;
type Action = "creating" | "updating";

/** Creates an app client with Cognito's defaults, or with a fixed id and secret (fixtures). */
export function createClient(
  services: Services,
  pool: PoolRecord,
  input: Omit<CreateUserPoolClientRequest, "UserPoolId">,
  fixed: { ClientId?: string; ClientSecret?: string } = {},
): ClientRecord {
  if (services.tables.clients.countBy("byPool", pool.Id) >= MAX_CLIENTS_PER_POOL) {
    throw LimitExceeded(`The user pool ${pool.Id} already has the maximum of ${MAX_CLIENTS_PER_POOL} app clients.`);
  }
  if (input.GenerateSecret && input.ClientSecret !== undefined) {
    throw InvalidParameter("You cannot specify both GenerateSecret as true and provide a ClientSecret value.");
  }
  const id = fixed.ClientId ?? unusedClientId(services);
  if (services.tables.clients.has(id)) throw InvalidParameter(`User pool client ${id} already exists.`);
  const secret = fixed.ClientSecret ?? input.ClientSecret ?? (input.GenerateSecret ? newClientSecret() : undefined);
  const now = services.clock.now();
  const record: ClientRecord = withoutUndefined({
    UserPoolId: pool.Id,
    ClientName: input.ClientName!,
    ClientId: id,
    ClientSecret: secret,
    LastModifiedDate: now,
    CreationDate: now,
    ...clientSettings(services, pool, input, secret !== undefined, "creating"),
  });
  services.tables.clients.put(id, record);
  return record;
}

/** UpdateUserPoolClient: settings left out return to their defaults; the name and secret stay. */
export function updateClient(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  input: Omit<UpdateUserPoolClientRequest, "UserPoolId" | "ClientId">,
): ClientRecord {
  const record: ClientRecord = withoutUndefined({
    UserPoolId: client.UserPoolId,
    ClientName: input.ClientName ?? client.ClientName,
    ClientId: client.ClientId,
    ClientSecret: client.ClientSecret,
    ClientSecrets: client.ClientSecrets,
    LastModifiedDate: services.clock.now(),
    CreationDate: client.CreationDate,
    ...clientSettings(services, pool, input, client.ClientSecret !== undefined, "updating"),
  });
  services.tables.clients.put(client.ClientId, record);
  return record;
}

/** Deletes the client with what the declarations say it owns (its terms, its risk configuration). */
export function deleteClient(services: Services, client: ClientRecord): void {
  clients.remove(services, client.ClientId);
}

/** DescribeUserPoolClient's view: dates as Date, members in Cognito's order. */
export function describeClient(client: ClientRecord): UserPoolClientType {
  const view: UserPoolClientType = {
    ...client,
    CreationDate: new Date(client.CreationDate),
    LastModifiedDate: new Date(client.LastModifiedDate),
  };
  return asShape("cognito-idp", "UserPoolClientType", view);
}

/** ListUserPoolClients' short view of a client. */
export function summarizeClient(client: ClientRecord): UserPoolClientDescription {
  return { ClientId: client.ClientId, UserPoolId: client.UserPoolId, ClientName: client.ClientName };
}

/** The pool's clients, oldest first. */
export function clientsOfPool(services: Services, poolId: string): ClientRecord[] {
  return services.tables.clients.findBy("byPool", poolId).sort((a, b) => compare(clientKey(a), clientKey(b)));
}

/** The key clients are listed by (creation, then id). */
export function clientKey(client: ClientRecord): string {
  return creationKey(client, client.ClientId);
}

/** The client's settings with Cognito's defaults, after Cognito's checks. */
function clientSettings(services: Services, pool: PoolRecord, input: ClientInput, hasSecret: boolean, action: Action): ClientSettings {
  checkAttributes(pool, input.ReadAttributes, "read", action);
  checkAttributes(pool, input.WriteAttributes, "write", action);
  checkIdentityProviders(services, pool, input.SupportedIdentityProviders);
  checkOAuth(services, pool, input, hasSecret);
  const validity = tokenValidity(input);
  return withoutUndefined({
    ...validity,
    ReadAttributes: input.ReadAttributes,
    WriteAttributes: input.WriteAttributes,
    ExplicitAuthFlows: explicitAuthFlows(input.ExplicitAuthFlows),
    SupportedIdentityProviders: input.SupportedIdentityProviders,
    CallbackURLs: input.CallbackURLs,
    LogoutURLs: input.LogoutURLs,
    DefaultRedirectURI: input.DefaultRedirectURI,
    AllowedOAuthFlows: input.AllowedOAuthFlows,
    AllowedOAuthScopes: input.AllowedOAuthScopes,
    AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient ?? false,
    AnalyticsConfiguration: input.AnalyticsConfiguration,
    PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? "LEGACY",
    EnableTokenRevocation: input.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: input.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: input.AuthSessionValidity ?? 3,
    RefreshTokenRotation: input.RefreshTokenRotation,
  });
}

/** Resolves each token's value and unit, and refuses a lifetime outside Cognito's bounds. */
function tokenValidity(input: ClientInput): Pick<ClientRecord, "RefreshTokenValidity" | "AccessTokenValidity" | "IdTokenValidity" | "TokenValidityUnits"> {
  const units: TokenValidityUnitsType = {};
  const values: Partial<Record<TokenValidityRule["field"], number>> = {};
  for (const token of ["AccessToken", "IdToken", "RefreshToken"] as const) {
    const rule = TOKEN_VALIDITY[token];
    // A refresh validity of 0 means "the default" to Cognito.
    const given = input[rule.field] || undefined;
    const unit = input.TokenValidityUnits?.[token] ?? (given === undefined ? rule.defaultUnit : rule.unitOfGivenValue);
    const value = given ?? rule.defaultValue;
    const seconds = value * UNIT_SECONDS[unit];
    if (seconds < rule.minSeconds || seconds > rule.maxSeconds) throw InvalidParameter("Invalid range for token validity.");
    units[token] = unit;
    values[rule.field] = value;
  }
  return {
    RefreshTokenValidity: values.RefreshTokenValidity,
    AccessTokenValidity: values.AccessTokenValidity,
    IdTokenValidity: values.IdTokenValidity,
    TokenValidityUnits: { AccessToken: units.AccessToken, IdToken: units.IdToken, RefreshToken: units.RefreshToken },
  };
}

function explicitAuthFlows(given: ExplicitAuthFlowsType[] | undefined): ExplicitAuthFlowsType[] {
  if (!given?.length) return [...DEFAULT_EXPLICIT_AUTH_FLOWS];
  const legacy = given.filter((flow) => LEGACY_AUTH_FLOWS.has(flow));
  if (legacy.length > 0 && legacy.length < given.length) {
    throw InvalidParameter("Values with ALLOW_ prefix cannot be used along with values without ALLOW_ prefix.");
  }
  return [...new Set(given)];
}

/** Read and write permissions may only name attributes of the pool's schema. */
function checkAttributes(pool: PoolRecord, attributes: string[] | undefined, access: "read" | "write", action: Action): void {
  if (attributes?.some((name) => !findSchemaAttribute(pool.SchemaAttributes, name))) {
    throw InvalidParameter(`Invalid ${access} attributes specified while ${action} a client`);
  }
}

/** COGNITO is always there; any other name must be an identity provider of the pool. */
function checkIdentityProviders(services: Services, pool: PoolRecord, providers: string[] | undefined): void {
  const known = optionalTable(services, "identityProviders");
  for (const provider of providers ?? []) {
    if (provider === "COGNITO" || !known || known.has(identityProviderKey(pool.Id, provider))) continue;
    throw InvalidParameter(`The provider ${provider} does not exist for User Pool ${pool.Id}`);
  }
}

function checkOAuth(services: Services, pool: PoolRecord, input: ClientInput, hasSecret: boolean): void {
  const flows = input.AllowedOAuthFlows ?? [];
  const scopes = input.AllowedOAuthScopes ?? [];
  if (input.AllowedOAuthFlowsUserPoolClient && (flows.length === 0 || scopes.length === 0)) {
    throw InvalidParameter("AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.");
  }
  const redirects = flows.includes("code") || flows.includes("implicit");
  if (flows.includes("client_credentials")) {
    if (redirects) throw InvalidOAuthFlow("client_credentials flow can not be selected along with code flow or implicit flow.");
    if (!hasSecret) throw InvalidOAuthFlow("client_credentials flow can not be selected if client does not have a client secret.");
    const userScope = scopes.find((scope) => STANDARD_SCOPES.has(scope));
    if (userScope) throw InvalidOAuthFlow(`${userScope} is not supported with client_credentials flow`);
  }
  if (redirects && !input.CallbackURLs?.length) {
    throw InvalidOAuthFlow("CallbackUrls can not be empty when code flow or implicit flow is selected");
  }
  for (const url of [...(input.CallbackURLs ?? []), ...(input.LogoutURLs ?? []), ...(input.DefaultRedirectURI ? [input.DefaultRedirectURI] : [])]) {
    checkRedirectUrl(url);
  }
  if (input.DefaultRedirectURI && !input.CallbackURLs?.includes(input.DefaultRedirectURI)) {
    throw InvalidParameter("DefaultRedirectURI must be one of the CallbackURLs.");
  }
  checkScopesExist(services, pool, scopes);
}

/** Redirects go to absolute URLs, over HTTPS unless to the loopback host; app schemes (myapp://) are fine. */
function checkRedirectUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw InvalidParameter(`${url} is not a valid URL.`);
  }
  if (parsed.hash) throw InvalidParameter(`${url} cannot contain a fragment.`);
  if (parsed.protocol === "http:" && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw InvalidParameter(`${url} cannot use the HTTP protocol.`);
  }
}

/** Custom scopes must be declared by one of the pool's resource servers. */
function checkScopesExist(services: Services, pool: PoolRecord, scopes: string[]): void {
  const servers = optionalTable<{ Scopes?: Array<{ ScopeName?: string }> }>(services, "resourceServers");
  if (!servers) return;
  for (const scope of scopes) {
    if (STANDARD_SCOPES.has(scope)) continue;
    const slash = scope.lastIndexOf("/");
    const server = slash > 0 ? servers.get(resourceServerKey(pool.Id, scope.slice(0, slash))) : undefined;
    if (!server?.Scopes?.some((declared) => declared.ScopeName === scope.slice(slash + 1))) {
      throw ScopeDoesNotExist(`Invalid scope requested: ${scope}`);
    }
  }
}

/**
 * Identity providers and resource servers belong to other parts of the emulator; when their tables
 * are registered on UserPoolTables (keyed `<poolId>/<name>`), clients are checked against them.
 */
function optionalTable<T = unknown>(services: Services, name: "identityProviders" | "resourceServers"): Table<T> | undefined {
  return (services.tables as unknown as Partial<Record<typeof name, Table<T>>>)[name];
}

function unusedClientId(services: Services): string {
  let id = newClientId();
  while (services.tables.clients.has(id)) id = newClientId();
  return id;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
