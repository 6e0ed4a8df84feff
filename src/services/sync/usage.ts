import type { IdentityPoolUsage, IdentityUsage } from "@aws-sdk/client-cognito-sync";
import type { Services } from "../services";
import { datasetsOf } from "./datasets";
import { poolSettings, updatePoolSettings } from "./pool-settings";
import type { DatasetRecord } from "./records";
import { syncTables } from "./tables";

/** Storage and last change over some datasets (deleted ones count as a change, not as storage). */
function summarize(datasets: DatasetRecord[]): { DataStorage: number; LastModifiedDate?: Date } {
  let storage = 0;
  let last: number | undefined;
  for (const dataset of datasets) {
    if (!dataset.Deleted) storage += dataset.DataStorage;
    if (last === undefined || dataset.LastModifiedDate > last) last = dataset.LastModifiedDate;
  }
  return { DataStorage: storage, LastModifiedDate: last === undefined ? undefined : new Date(last) };
}

export function identityUsage(services: Services, identityPoolId: string, identityId: string): IdentityUsage {
  const { DataStorage, LastModifiedDate } = summarize(syncTables(services).datasets.findBy("byIdentity", identityId));
  return { IdentityId: identityId, IdentityPoolId: identityPoolId, LastModifiedDate, DatasetCount: datasetsOf(services, identityId).length, DataStorage };
}

export function identityPoolUsage(services: Services, identityPoolId: string): IdentityPoolUsage {
  const { DataStorage, LastModifiedDate } = summarize(syncTables(services).datasets.findBy("byPool", identityPoolId));
  return { IdentityPoolId: identityPoolId, SyncSessionsCount: poolSettings(services, identityPoolId).SyncSessionsCount ?? 0, DataStorage, LastModifiedDate };
}

/** ListRecords starts a sync session: counted for the pool's usage. */
export function countSyncSession(services: Services, identityPoolId: string): void {
  updatePoolSettings(services, identityPoolId, { SyncSessionsCount: (poolSettings(services, identityPoolId).SyncSessionsCount ?? 0) + 1 });
}
