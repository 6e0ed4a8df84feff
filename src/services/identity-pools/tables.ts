import { declareTable, ownedBy, type StoreHolder } from "../../store/schema";
import type { Table } from "../../store/table";
import type { OpenIdKeyRecord } from "./openid";
import type { IdentityPoolRecord, IdentityRecord, PrincipalTagMapRecord } from "./records";

/**
 * The identity-pool tables. Pools are keyed by id, identities by id, and principal tag maps by
 * `<poolId>\n<provider>`. A login is unique per pool: `byLogin` finds its identity.
 */

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

export const identityPools = declareTable<IdentityPoolRecord>({
  name: "identityPools",
  key: (pool) => pool.IdentityPoolId,
  indexes: { byRegion: (pool) => regionOf(pool.IdentityPoolId) },
});

export const identities = declareTable<IdentityRecord>({
  name: "identities",
  key: (identity) => identity.IdentityId,
  indexes: {
    byPool: (identity) => identity.IdentityPoolId,
    byLogin: (identity) => identity.Logins.map((login) => loginKey(identity.IdentityPoolId, login.Provider, login.Subject)),
  },
  owners: [ownedBy(identityPools, { index: "byPool", by: (pool) => pool.IdentityPoolId })],
});

export const principalTags = declareTable<PrincipalTagMapRecord>({
  name: "identityPoolPrincipalTags",
  key: (map) => principalTagKey(map.IdentityPoolId, map.IdentityProviderName),
  indexes: { byPool: (map) => map.IdentityPoolId },
  owners: [ownedBy(identityPools, { index: "byPool", by: (pool) => pool.IdentityPoolId })],
});

/** Each region's OpenID signing key, keyed by region. */
export const openIdKeys = declareTable<OpenIdKeyRecord>({ name: "identityOpenIdKeys" });

export interface IdentityPoolTables {
  pools: Table<IdentityPoolRecord>;
  identities: Table<IdentityRecord>;
  principalTags: Table<PrincipalTagMapRecord>;
}

/** The identity-pool tables of this emulator's store. */
export function identityPoolTables(holder: StoreHolder): IdentityPoolTables {
  return { pools: identityPools.open(holder), identities: identities.open(holder), principalTags: principalTags.open(holder) };
}
