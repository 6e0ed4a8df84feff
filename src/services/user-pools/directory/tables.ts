import { declareTable, ownedBy, type StoreHolder } from "../../../store/schema";
import type { Store } from "../../../store/store";
import type { Table } from "../../../store/table";
import type { Services } from "../../services";
import type { PendingCode } from "./codes";
import type { StoredDomain } from "./domains";
import type { IdentityProviderRecord } from "./identity-providers";
import type { ClientRecord, DeviceRecord, GroupRecord, PoolRecord, RefreshTokenRecord, ResourceServerRecord, UserRecord } from "./records";
import type { TermsRecord } from "./terms";
import type { BrandingRecord, UiCustomizationRecord } from "./ui-customization";
import type { ImportFileRecord, UserImportJobRecord } from "./user-import";
import type { LogDeliveryRecord } from "./log-delivery";

/** Attributes a user can also sign in with, when the pool makes them aliases or usernames. */
export const ALIAS_ATTRIBUTES = ["email", "phone_number", "preferred_username"] as const;

/** The user-pool directory's tables: pools, and what lives in a pool, deleted with it. */

/** `<poolId>/<sub>`: how the rows a user owns are filed under that user. */
export const userRef = (poolId: string, sub: string) => `${poolId}/${sub}`;
export const userRefOf = (user: { UserPoolId: string; Sub: string }) => userRef(user.UserPoolId, user.Sub);

/** Whether the pool compares usernames (and aliases) without case. */
export function isCaseInsensitive(holder: StoreHolder, poolId: string): boolean {
  return userPools.open(holder).get(poolId)?.UsernameConfiguration?.CaseSensitive === false;
}

/** A user's key: `<poolId>/<username>`, the username folded when the pool ignores case. */
export function userKey(holder: StoreHolder, poolId: string, username: string): string {
  return poolPrefix(poolId) + (isCaseInsensitive(holder, poolId) ? username.toLowerCase() : username);
}

const prefixes = new Map<string, string>();

/**
 * `<poolId>/`, one string per pool: a key made of it and a name is then one small rope over two strings
 * the emulator holds anyway, where spelling the key out each time made a chain of three (100,000 users'
 * keys are megabytes).
 */
export function poolPrefix(poolId: string): string {
  let prefix = prefixes.get(poolId);
  if (prefix === undefined) {
    if (prefixes.size >= 10_000) prefixes.clear();
    prefixes.set(poolId, (prefix = `${poolId}/`));
  }
  return prefix;
}

export const groupKey = (poolId: string, groupName: string) => `${poolId}/${groupName}`;

/**
 * Index key of an alias value: the value itself, folded as the pool compares it (email always without
 * case, as Cognito does). Pool and attribute are checked on the rows found (aliasHolders): the key then is
 * the record's own string for most values, instead of one more string per user.
 */
export function aliasKey(holder: StoreHolder, poolId: string, attribute: string, value: string): string {
  return attribute === "email" || isCaseInsensitive(holder, poolId) ? value.toLowerCase() : value;
}

function aliasKeys(store: Store, user: UserRecord): string | string[] | undefined {
  // A federated user's email must never stand in for a native user who signs in with it.
  if (user.UserStatus === "EXTERNAL_PROVIDER") return undefined;
  let keys: string | string[] | undefined;
  for (const attribute of ALIAS_ATTRIBUTES) {
    const value = user.Attributes[attribute];
    if (!value) continue;
    const key = aliasKey(store, user.UserPoolId, attribute, value);
    keys = keys === undefined ? key : typeof keys === "string" ? [keys, key] : [...keys, key];
  }
  return keys;
}

/** The users of the pool whose `attribute`, folded as aliasKey folds it, is `folded`. */
export function usersByAlias(holder: StoreHolder, poolId: string, attribute: string, folded: string): UserRecord[] {
  return users
    .open(holder)
    .findBy("byAlias", folded)
    .filter((user) => user.UserPoolId === poolId && user.Attributes[attribute] !== undefined && aliasKey(holder, poolId, attribute, user.Attributes[attribute]) === folded);
}

const byPool = (pool: PoolRecord) => pool.Id;

/** Pools by id. Their signing keys go with them, through the key ring (which also drops its parsed copy). */
export const userPools = declareTable<PoolRecord, Services>({
  name: "userPools",
  key: (pool) => pool.Id,
  indexes: { byRegion: (pool) => pool.Region },
  onDelete: (services, pool) => services.tokens.deleteKeys(pool.Id),
});

export const users = declareTable<UserRecord>({
  name: "users",
  key: (user, store) => userKey(store, user.UserPoolId, user.Username),
  indexes: {
    byPool: (user) => user.UserPoolId,
    // The sub alone, the record's own string; the pool is checked on the rows found (usersWithSub).
    bySub: (user) => user.Sub,
    byGroup: (user) => user.Groups.map((group) => groupKey(user.UserPoolId, group)),
    byAlias: (user, store) => aliasKeys(store, user),
  },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
});

/** Groups keyed `<poolId>/<name>`; a deleted group leaves its members' group lists. */
export const groups = declareTable<GroupRecord, StoreHolder>({
  name: "groups",
  key: (group) => groupKey(group.UserPoolId, group.GroupName),
  indexes: { byPool: (group) => group.UserPoolId },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
  onDelete: (ctx, group, key) => {
    // Membership is not a profile change: UserLastModifiedDate stays, as in Cognito.
    for (const member of users.open(ctx).findBy("byGroup", key)) {
      users.save(ctx, { ...member, Groups: member.Groups.filter((name) => name !== group.GroupName) });
    }
  },
});

/** App clients by client id, which is unique across pools (how InitiateAuth finds the pool). */
export const clients = declareTable<ClientRecord>({
  name: "userPoolClients",
  key: (client) => client.ClientId,
  indexes: { byPool: (client) => client.UserPoolId },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
});

/** A signed-in session, keyed by the refresh token's SHA-256; expiry in epoch seconds, as in the tokens. */
export const refreshTokens = declareTable<RefreshTokenRecord, Services>({
  name: "refreshTokens",
  indexes: { byUser: (token) => userRefOf(token), byOrigin: (token) => token.OriginJti },
  expiry: { field: "ExpiresAt", unit: "seconds" },
  owners: [ownedBy(users, { index: "byUser", by: userRefOf })],
  // A deleted user's tokens are revoked, not forgotten: a later use says "revoked", as Cognito's does.
  onDelete: (services, token, id) => services.tokens.refreshTokens.rememberRevoked(id, token),
});

/** Revoked token ids (jti, origin_jti or refresh-token hash) -> until when it matters, epoch seconds. */
export const revokedTokens = declareTable<{ ExpiresAt: number }>({
  name: "revokedTokens",
  expiry: { field: "ExpiresAt", unit: "seconds" },
});

export const deviceKey = (poolId: string, sub: string, key: string) => `${poolId}/${sub}/${key}`;

/** A user's devices (sign-in's, opened with the user-pool tables), keyed `<poolId>/<sub>/<deviceKey>`. */
export const devices = declareTable<DeviceRecord>({
  name: "devices",
  key: (device) => deviceKey(device.UserPoolId, device.Sub, device.DeviceKey),
  indexes: { byUser: (device) => userRefOf(device) },
  owners: [ownedBy(users, { index: "byUser", by: userRefOf })],
});

export const resourceServerKey = (poolId: string, identifier: string) => `${poolId}/${identifier}`;

/** Keyed `<poolId>/<Identifier>`. */
export const resourceServers = declareTable<ResourceServerRecord>({
  name: "resourceServers",
  key: (server) => resourceServerKey(server.UserPoolId, server.Identifier),
  indexes: { byPool: (server) => server.UserPoolId },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
});

/** Hosted-UI domains, keyed by prefix (or custom domain name): each is taken once across pools. */
export const domains = declareTable<StoredDomain>({
  name: "userPoolDomains",
  key: (domain) => domain.Domain,
  indexes: { byPool: (domain) => domain.UserPoolId },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
});

export const identityProviderKey = (poolId: string, providerName: string) => `${poolId}/${providerName}`;
/** Index key of one of a provider's IdP identifiers (each is unique in its pool). */
export const idpIdentifierRef = (poolId: string, identifier: string) => `${poolId}/${identifier}`;

/** External identity providers, keyed `<poolId>/<ProviderName>`, found also by IdP identifier. */
export const identityProviders = declareTable<IdentityProviderRecord>({
  name: "identityProviders",
  key: (provider) => identityProviderKey(provider.UserPoolId, provider.ProviderName),
  indexes: {
    byPool: (provider) => provider.UserPoolId,
    byIdentifier: (provider) => provider.IdpIdentifiers.map((id) => idpIdentifierRef(provider.UserPoolId, id)),
  },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
});

/** What a code confirms: a sign-up, a password reset, or one attribute's new value. */
export type CodePurpose = "SignUp" | "ForgotPassword" | `VerifyAttribute:${string}`;
const CODE_PURPOSES: CodePurpose[] = ["SignUp", "ForgotPassword", "VerifyAttribute:email", "VerifyAttribute:phone_number"];
export const codeKey = (user: Pick<UserRecord, "UserPoolId" | "Sub">, purpose: CodePurpose) => `${userRefOf(user)}/${purpose}`;

/** Outstanding codes, keyed `<poolId>/<sub>/<purpose>`: a user created again with the same sub starts clean. */
export const verificationCodes = declareTable<PendingCode>({
  name: "verificationCodes",
  owners: [ownedBy(users, { keys: (user) => CODE_PURPOSES.map((purpose) => codeKey(user, purpose)) })],
});

export const termsKey = (poolId: string, termsId: string) => `${poolId}/${termsId}`;
export const termsNameKey = (poolId: string, clientId: string, name: string) => `${poolId}/${clientId}/${name}`;
/** `<poolId>/<clientId>`: how rows that belong to a client are filed under it. */
export const clientRef = (client: Pick<ClientRecord, "UserPoolId" | "ClientId">) => `${client.UserPoolId}/${client.ClientId}`;

/** Terms documents of an app client, keyed `<poolId>/<TermsId>`; one per TermsName and client. */
export const termsDocuments = declareTable<TermsRecord>({
  name: "terms",
  key: (doc) => termsKey(doc.UserPoolId, doc.TermsId),
  indexes: {
    byPool: (doc) => doc.UserPoolId,
    byClient: (doc) => clientRef(doc),
    byClientAndName: (doc) => termsNameKey(doc.UserPoolId, doc.ClientId, doc.TermsName),
  },
  owners: [ownedBy(clients, { index: "byClient", by: clientRef })],
});

export const uiCustomizationKey = (poolId: string, clientId: string) => `${poolId}/${clientId}`;

/** The classic hosted UI's look, per pool (`ALL`) or per client; keyed `<poolId>/<clientId>`. */
export const uiCustomizations = declareTable<UiCustomizationRecord>({
  name: "uiCustomizations",
  key: (look) => uiCustomizationKey(look.UserPoolId, look.ClientId),
  indexes: { byPool: (look) => look.UserPoolId },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
});

/** Managed login's look, one per client, keyed by id. */
export const managedLoginBrandings = declareTable<BrandingRecord>({
  name: "managedLoginBrandings",
  key: (branding) => branding.ManagedLoginBrandingId,
  indexes: { byPool: (branding) => branding.UserPoolId, byClient: (branding) => clientRef(branding) },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
});

/** User import jobs, keyed by JobId (unique across pools: the upload URL names only it). */
export const userImportJobs = declareTable<UserImportJobRecord>({
  name: "userImportJobs",
  key: (job) => job.JobId,
  indexes: { byPool: (job) => job.UserPoolId },
  owners: [ownedBy(userPools, { index: "byPool", by: byPool })],
});

/** The CSV uploaded for a job, under the job's id. */
export const userImportFiles = declareTable<ImportFileRecord>({
  name: "userImportFiles",
  owners: [ownedBy(userImportJobs, { keys: (job) => [job.JobId] })],
});

/** A pool's log destinations, keyed by pool id. */
export const logDelivery = declareTable<LogDeliveryRecord>({
  name: "logDelivery",
  key: (record) => record.UserPoolId,
  owners: [ownedBy(userPools, { keys: (pool) => [pool.Id] })],
});

/** The user with this sub, in this pool. */
export function userBySub(holder: StoreHolder, poolId: string, sub: string): UserRecord | undefined {
  const table = users.open(holder);
  // Subs are unique but for copies of one state in several pools: the first row found is nearly always it.
  const first = table.findOneBy("bySub", sub);
  if (first === undefined || first.UserPoolId === poolId) return first;
  return table.findBy("bySub", sub).find((user) => user.UserPoolId === poolId);
}

/**
 * The user-pool tables most operations use, opened from their declarations. Keys: pools by id,
 * clients by client id, groups and users by `<poolId>/<name>`.
 */
export class UserPoolTables {
  readonly pools: Table<PoolRecord>;
  readonly clients: Table<ClientRecord>;
  readonly groups: Table<GroupRecord>;
  readonly users: Table<UserRecord>;
  readonly refreshTokens: Table<RefreshTokenRecord>;
  /** Keyed `<poolId>/<Identifier>`. */
  readonly resourceServers: Table<ResourceServerRecord>;
  /** Keyed by domain prefix. */
  readonly domains: Table<StoredDomain>;
  /** Keyed `<poolId>/<sub>/<deviceKey>`. */
  readonly devices: Table<DeviceRecord>;
  /** External identity providers, keyed `<poolId>/<ProviderName>`. */
  readonly identityProviders: Table<IdentityProviderRecord>;
  /** Revoked token ids (jti or origin_jti) -> expiry, epoch seconds. */
  readonly revokedTokens: Table<{ ExpiresAt: number }>;

  constructor(readonly store: Store) {
    this.pools = userPools.open(store);
    this.clients = clients.open(store);
    this.groups = groups.open(store);
    this.users = users.open(store);
    this.refreshTokens = refreshTokens.open(store);
    this.resourceServers = resourceServers.open(store);
    this.domains = domains.open(store);
    this.devices = devices.open(store);
    this.identityProviders = identityProviders.open(store);
    this.revokedTokens = revokedTokens.open(store);
  }

  isCaseInsensitive(poolId: string): boolean {
    return this.pools.get(poolId)?.UsernameConfiguration?.CaseSensitive === false;
  }

  userKey(poolId: string, username: string): string {
    return poolPrefix(poolId) + (this.isCaseInsensitive(poolId) ? username.toLowerCase() : username);
  }

  groupKey(poolId: string, groupName: string): string {
    return groupKey(poolId, groupName);
  }

  /**
   * The users holding an alias value (email, phone_number, preferred_username). Email is always folded,
   * since ListUsers searches it without case; sign-in names then compare exactly unless the pool is
   * case-insensitive (users.ts aliasHolders).
   */
  usersByAlias(poolId: string, attribute: string, value: string): UserRecord[] {
    return usersByAlias(this.store, poolId, attribute, aliasKey(this.store, poolId, attribute, value));
  }

  /** The user with this sub, in this pool. */
  userBySub(poolId: string, sub: string): UserRecord | undefined {
    // As userBySub() does, without opening the table again: token checks and fixture reloads ask often.
    const first = this.users.findOneBy("bySub", sub);
    if (first === undefined || first.UserPoolId === poolId) return first;
    return this.users.findBy("bySub", sub).find((user) => user.UserPoolId === poolId);
  }
}
