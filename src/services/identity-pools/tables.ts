import type { Store } from "../../store/store";
import type { Table } from "../../store/table";
import type { Services } from "../services";
import type { IdentityPoolRecord, IdentityRecord, PrincipalTagMapRecord } from "./records";

/**
 * The identity-pool tables. Pools are keyed by id (the table fixtures write too), identities by id, and
 * principal tag maps by `<poolId> <provider>`. A login is unique per pool: `byLogin` finds its identity.
 */
export class IdentityPoolTables {
  readonly pools: Table<IdentityPoolRecord>;
  readonly identities: Table<IdentityRecord>;
  readonly principalTags: Table<PrincipalTagMapRecord>;

  constructor(store: Store) {
    this.pools = store.table<IdentityPoolRecord>("identityPools").index("byRegion", (p) => regionOf(p.IdentityPoolId));
    this.identities = store
      .table<IdentityRecord>("identities")
      .index("byPool", (i) => i.IdentityPoolId)
      .index("byLogin", (i) => i.Logins.map((l) => loginKey(i.IdentityPoolId, l.Provider, l.Subject)));
    this.principalTags = store.table<PrincipalTagMapRecord>("identityPoolPrincipalTags").index("byPool", (m) => m.IdentityPoolId);
  }
}

const byStore = new WeakMap<Store, IdentityPoolTables>();

/** The tables of this emulator's store, indexed once. */
export function identityPoolTables(services: Pick<Services, "store">): IdentityPoolTables {
  let tables = byStore.get(services.store);
  if (!tables) byStore.set(services.store, (tables = new IdentityPoolTables(services.store)));
  return tables;
}

/** Identity pool and identity ids are `<region>:<uuid>`. */
export function regionOf(id: string): string {
  return id.slice(0, id.indexOf(":"));
}

export function loginKey(poolId: string, provider: string, subject: string): string {
  return `${poolId}\n${provider}\n${subject}`;
}

export function principalTagKey(poolId: string, provider: string): string {
  return `${poolId}\n${provider}`;
}
