import { identityPoolTables } from "../../services/identity-pools/tables";
import type { Services } from "../../services/services";
import type { ClientRecord, PoolRecord, UserRecord } from "../../services/user-pools/directory/records";
import { hasPassword } from "../../services/user-pools/sign-in/passwords";
import { version } from "../../version";

/** A pool with thousands of users stays usable: the console lists a page, narrowed by a search. */
export const USER_PAGE = 200;

export function overview(services: Services) {
  const { tables } = services;
  return {
    version,
    url: services.baseUrl(),
    region: services.options.region,
    now: services.clock.date().toISOString(),
    clockOffsetSeconds: services.clock.offsetSeconds,
    userPools: [...tables.pools.values()].map((pool) => ({
      Id: pool.Id,
      Name: pool.Name,
      users: tables.users.countBy("byPool", pool.Id),
      clients: tables.clients.countBy("byPool", pool.Id),
      groups: tables.groups.countBy("byPool", pool.Id),
    })),
    identityPools: [...identityPoolTables(services).pools.values()].map((pool) => ({
      IdentityPoolId: pool.IdentityPoolId,
      IdentityPoolName: pool.IdentityPoolName,
      AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities,
      AllowClassicFlow: pool.AllowClassicFlow,
      CognitoIdentityProviders: pool.CognitoIdentityProviders ?? [],
      SupportedLoginProviders: pool.SupportedLoginProviders ?? {},
      OpenIdConnectProviderARNs: pool.OpenIdConnectProviderARNs ?? [],
      SamlProviderARNs: pool.SamlProviderARNs ?? [],
      DeveloperProviderName: pool.DeveloperProviderName,
      Roles: pool.Roles ?? {},
      RoleMappings: pool.RoleMappings ?? {},
      identities: identityPoolTables(services).identities.countBy("byPool", pool.IdentityPoolId),
    })),
    messages: services.outbox.list().length,
  };
}

export function poolDetail(services: Services, pool: PoolRecord, search: string) {
  const { tables } = services;
  const needle = search.trim().toLowerCase();
  let users = tables.users.findBy("byPool", pool.Id);
  const total = users.length;
  if (needle) users = users.filter((user) => matches(user, needle));
  const matching = users.length;
  users = users.sort((a, b) => a.Username.localeCompare(b.Username)).slice(0, USER_PAGE);
  const domain = tables.domains.findBy("byPool", pool.Id)[0]?.Domain;
  return {
    pool: {
      Id: pool.Id,
      Name: pool.Name,
      Arn: pool.Arn,
      Domain: domain,
      MfaConfiguration: pool.MfaConfiguration ?? "OFF",
      UsernameAttributes: pool.UsernameAttributes ?? [],
      AliasAttributes: pool.AliasAttributes ?? [],
      AutoVerifiedAttributes: pool.AutoVerifiedAttributes ?? [],
      CaseSensitive: pool.UsernameConfiguration?.CaseSensitive !== false,
      LambdaConfig: pool.LambdaConfig ?? {},
      CreationDate: new Date(pool.CreationDate).toISOString(),
    },
    clients: tables.clients.findBy("byPool", pool.Id).map(clientView),
    groups: tables.groups.findBy("byPool", pool.Id).map((group) => ({
      GroupName: group.GroupName,
      Description: group.Description,
      Precedence: group.Precedence,
      RoleArn: group.RoleArn,
      members: tables.users.countBy("byGroup", tables.groupKey(pool.Id, group.GroupName)),
    })),
    users: users.map(userView),
    totalUsers: total,
    matchingUsers: matching,
  };
}

function matches(user: UserRecord, needle: string): boolean {
  if (user.Username.toLowerCase().includes(needle) || user.Sub.includes(needle)) return true;
  return Object.values(user.Attributes).some((value) => value.toLowerCase().includes(needle));
}

function clientView(client: ClientRecord) {
  return {
    ClientId: client.ClientId,
    ClientName: client.ClientName,
    ClientSecret: client.ClientSecret,
    ExplicitAuthFlows: client.ExplicitAuthFlows ?? [],
    AllowedOAuthFlows: client.AllowedOAuthFlowsUserPoolClient ? (client.AllowedOAuthFlows ?? []) : [],
    AllowedOAuthScopes: client.AllowedOAuthFlowsUserPoolClient ? (client.AllowedOAuthScopes ?? []) : [],
    CallbackURLs: client.CallbackURLs ?? [],
    LogoutURLs: client.LogoutURLs ?? [],
    SupportedIdentityProviders: client.SupportedIdentityProviders ?? [],
    AccessTokenValidity: client.AccessTokenValidity,
    IdTokenValidity: client.IdTokenValidity,
    RefreshTokenValidity: client.RefreshTokenValidity,
    TokenValidityUnits: client.TokenValidityUnits,
  };
}

/** What the user record holds, less its secrets: the console never shows a hash or a TOTP secret. */
function userView(user: UserRecord) {
  const mfa = [...(user.UserMFASettingList ?? [])];
  if (user.TotpSecret && !mfa.includes("SOFTWARE_TOKEN_MFA")) mfa.push("SOFTWARE_TOKEN_MFA");
  return {
    Username: user.Username,
    Sub: user.Sub,
    UserStatus: user.UserStatus,
    Enabled: user.Enabled,
    Attributes: user.Attributes,
    Groups: user.Groups,
    Mfa: { PreferredMfaSetting: user.PreferredMfaSetting, UserMFASettingList: mfa, TotpConfigured: Boolean(user.TotpSecret) },
    HasPassword: hasPassword(user),
    TemporaryPasswordExpiresAt: user.TemporaryPasswordExpiresAt ? new Date(user.TemporaryPasswordExpiresAt).toISOString() : undefined,
    UserCreateDate: new Date(user.UserCreateDate).toISOString(),
    UserLastModifiedDate: new Date(user.UserLastModifiedDate).toISOString(),
  };
}
