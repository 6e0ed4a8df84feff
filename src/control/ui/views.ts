import { identityPoolTables } from "../../services/identity-pools/tables";
import type { Services } from "../../services/services";
import type { ClientRecord, PoolRecord, UserRecord } from "../../services/user-pools/directory/records";
import { schemaOf } from "../../services/user-pools/directory/attributes";
import { userRefOf } from "../../services/user-pools/directory/tables";
import { softwareTokens } from "../../services/user-pools/sign-in/tables";
import { timeStep, totpCode } from "../../services/user-pools/sign-in/totp";
import { TOKEN_MESSAGES } from "../../tokens/verify";
import { hasPassword } from "../../services/user-pools/sign-in/passwords";
import { version } from "../../version";
import { AUTH_EVENT_ORDER, authEventsEnabled, eventsOfUser } from "../../services/user-pools/sign-in/auth-events";
import { pageInOrder } from "../../services/user-pools/directory/list-users";

/** An identity pool lists this many identities, newest first. */
export const IDENTITY_PAGE = 200;
/** A user's details show this many of their latest messages. */
const USER_MESSAGES = 10;
const TOTP_STEP_SECONDS = 30;

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

/**
 * What the console shows of one user beyond the list: the codes they can use now (the authenticator
 * app's, and those sent), their signed-in sessions, and the last tokens handed to them.
 */
export function userDetail(services: Services, pool: PoolRecord, user: UserRecord) {
  const { tables, clock } = services;
  const now = clock.nowSeconds();
  const clientName = (clientId: string) => tables.clients.get(clientId)?.ClientName;
  let totp: { code: string; secondsLeft: number; used: boolean } | undefined;
  if (user.TotpSecret) {
    const step = timeStep(clock.now());
    const lastUsed = softwareTokens.open(services).get(userRefOf(user))?.LastUsedStep;
    // A code is good once: after a sign-in used it, the next step's code is the one that works.
    totp = { code: totpCode(user.TotpSecret, step), secondsLeft: TOTP_STEP_SECONDS - (now % TOTP_STEP_SECONDS), used: lastUsed !== undefined && lastUsed >= step };
  }
  const sessions = tables.refreshTokens
    .findBy("byUser", userRefOf(user))
    .sort((a, b) => b.IssuedAt - a.IssuedAt)
    .map((session) => ({
      clientId: session.ClientId,
      clientName: clientName(session.ClientId),
      authTime: iso(session.AuthTime),
      issuedAt: iso(session.IssuedAt),
      expiresAt: iso(session.ExpiresAt),
      scopes: session.Scopes,
      deviceKey: session.DeviceKey,
      revoked: tables.revokedTokens.has(session.OriginJti) || (user.TokensValidAfter !== undefined && session.IssuedAt < user.TokensValidAfter),
      expired: session.ExpiresAt <= now,
    }));
  const tokens = services.tokens.recent.find(pool.Id, { sub: user.Sub }).map((issued) => {
    const check = services.tokens.checkToken(issued.AccessToken, "access");
    return {
      source: issued.source,
      clientId: issued.clientId,
      clientName: clientName(issued.clientId),
      issuedAt: iso(issued.issuedAt),
      expiresAt: iso(issued.issuedAt + issued.ExpiresIn),
      // What the emulator answers to the access token now: expiry follows its clock, revocation its sign-outs.
      status: check.ok ? "valid" : TOKEN_MESSAGES.access[check.reason],
      IdToken: issued.IdToken,
      AccessToken: issued.AccessToken,
      RefreshToken: issued.RefreshToken,
    };
  });
  return {
    user: userView(services, pool, user),
    totp,
    sessions,
    tokens,
    messages: services.outbox.list({ userPoolId: pool.Id, username: user.Username }).slice(-USER_MESSAGES).reverse(),
  };
}

/** An identity pool's identities, newest first, with the logins linked to each. */
export function identityPoolDetail(services: Services, identityPoolId: string) {
  const { identities } = identityPoolTables(services);
  const all = identities.findBy("byPool", identityPoolId).sort((a, b) => b.CreationDate - a.CreationDate);
  return {
    total: all.length,
    identities: all.slice(0, IDENTITY_PAGE).map((identity) => ({
      IdentityId: identity.IdentityId,
      Logins: identity.Logins.map((login) => login.Provider),
      Subjects: identity.Logins.map((login) => `${login.Provider} · ${login.Subject}`),
      CreationDate: new Date(identity.CreationDate).toISOString(),
      LastModifiedDate: new Date(identity.LastModifiedDate).toISOString(),
      MergedInto: identity.MergedInto,
    })),
  };
}

function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
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
      /** What the attribute editor offers: the schema's mutable attributes, sub and the like left out. */
      WritableAttributes: [...schemaOf(pool).values()].filter((a) => a.Mutable !== false && a.Name !== "sub").map((a) => a.Name!),
    },
    clients: tables.clients.findBy("byPool", pool.Id).map(clientView),
    groups: tables.groups.findBy("byPool", pool.Id).map((group) => ({
      GroupName: group.GroupName,
      Description: group.Description,
      Precedence: group.Precedence,
      RoleArn: group.RoleArn,
      members: tables.users.countBy("byGroup", tables.groupKey(pool.Id, group.GroupName)),
    })),
    users: users.map((user) => userView(services, pool, user)),
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

/** A user's latest auth events with threat protection's verdicts, when the pool logs them. */
const EVENTS_SHOWN = 5;

function recentEvents(services: Services, pool: PoolRecord, user: UserRecord) {
  if (!authEventsEnabled(pool)) return undefined;
  return pageInOrder(eventsOfUser(services, user), AUTH_EVENT_ORDER, EVENTS_SHOWN).items.map((event) => ({
    EventType: event.EventType,
    EventResponse: event.EventResponse,
    CreationDate: new Date(event.CreationDate).toISOString(),
    RiskDecision: event.EventRisk?.RiskDecision ?? "NoRisk",
    RiskLevel: event.EventRisk?.RiskLevel,
    CompromisedCredentialsDetected: event.EventRisk?.CompromisedCredentialsDetected ?? false,
    IpAddress: event.EventContextData?.IpAddress,
    Feedback: event.EventFeedback?.FeedbackValue,
  }));
}

/** What the user record holds, less its secrets: the console never shows a hash or a TOTP secret. */
function userView(services: Services, pool: PoolRecord, user: UserRecord) {
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
    AuthEvents: recentEvents(services, pool, user),
  };
}
