import type { Store } from "../../../store/store";
import { type IdentityProviderRecord, identityProvidersTable } from "./identity-providers";
import type { Table } from "../../../store/table";
import type { ClientRecord, DeviceRecord, DomainRecord, GroupRecord, PoolRecord, RefreshTokenRecord, ResourceServerRecord, UserRecord } from "./records";

/** Attributes a user can also sign in with, when the pool makes them aliases or usernames. */
export const ALIAS_ATTRIBUTES = ["email", "phone_number", "preferred_username"] as const;

/**
 * The user-pool tables and their indexes. Keys: pools by id, clients by client id (unique across
 * pools, which is how InitiateAuth finds the pool), groups and users by `<poolId>/<name>`.
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
  readonly domains: Table<DomainRecord>;
  /** Keyed `<poolId>/<sub>/<deviceKey>`. */
  readonly devices: Table<DeviceRecord>;
  /** External identity providers, keyed `<poolId>/<ProviderName>`. */
  readonly identityProviders: Table<IdentityProviderRecord>;
  /** Revoked token ids (jti or origin_jti) -> expiry, epoch seconds. */
  readonly revokedTokens: Table<{ ExpiresAt: number }>;
  /** Whether each pool compares usernames case-insensitively, cached for the hot path. */
  private readonly caseInsensitive = new Map<string, boolean>();

  constructor(store: Store) {
    this.pools = store.table<PoolRecord>("userPools").index("byRegion", (p) => p.Region);
    this.clients = store.table<ClientRecord>("userPoolClients").index("byPool", (c) => c.UserPoolId);
    this.groups = store.table<GroupRecord>("groups").index("byPool", (g) => g.UserPoolId);
    this.users = store
      .table<UserRecord>("users")
      .index("byPool", (u) => u.UserPoolId)
      .index("bySub", (u) => `${u.UserPoolId}/${u.Sub}`)
      .index("byGroup", (u) => u.Groups.map((g) => `${u.UserPoolId}/${g}`))
      .index("byAlias", (u) => this.aliasKeys(u));
    this.refreshTokens = store
      .table<RefreshTokenRecord>("refreshTokens")
      .index("byUser", (t) => `${t.UserPoolId}/${t.Sub}`)
      .index("byOrigin", (t) => t.OriginJti);
    this.devices = store
      .table<DeviceRecord>("devices")
      .index("byUser", (d) => `${d.UserPoolId}/${d.Sub}`)
      .index("byPool", (d) => d.UserPoolId);
    this.revokedTokens = store.table<{ ExpiresAt: number }>("revokedTokens");
    this.resourceServers = store.table<ResourceServerRecord>("resourceServers").index("byPool", (r) => r.UserPoolId);
    this.domains = store.table<DomainRecord>("userPoolDomains").index("byPool", (d) => d.UserPoolId);
    this.identityProviders = identityProvidersTable(store);
  }

  isCaseInsensitive(poolId: string): boolean {
    let cached = this.caseInsensitive.get(poolId);
    if (cached === undefined) {
      cached = this.pools.get(poolId)?.UsernameConfiguration?.CaseSensitive === false;
      this.caseInsensitive.set(poolId, cached);
    }
    return cached;
  }

  /** Forgets cached pool settings after a pool is written. */
  poolChanged(poolId: string): void {
    this.caseInsensitive.delete(poolId);
  }

  userKey(poolId: string, username: string): string {
    return `${poolId}/${this.isCaseInsensitive(poolId) ? username.toLowerCase() : username}`;
  }

  groupKey(poolId: string, groupName: string): string {
    return `${poolId}/${groupName}`;
  }

  /**
   * Index key of an alias value. Email is always folded, since ListUsers searches it without case;
   * sign-in names then compare exactly unless the pool is case-insensitive (users.ts aliasHolders).
   */
  aliasKey(poolId: string, attribute: string, value: string): string {
    const folded = attribute === "email" || this.isCaseInsensitive(poolId) ? value.toLowerCase() : value;
    return `${poolId}/${attribute}/${folded}`;
  }

  private aliasKeys(user: UserRecord): string[] {
    // A federated user's email must never stand in for a native user who signs in with it.
    if (user.UserStatus === "EXTERNAL_PROVIDER") return [];
    const keys: string[] = [];
    for (const attribute of ALIAS_ATTRIBUTES) {
      const value = user.Attributes[attribute];
      if (value) keys.push(this.aliasKey(user.UserPoolId, attribute, value));
    }
    return keys;
  }
}
