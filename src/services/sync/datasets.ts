import type { Dataset } from "@aws-sdk/client-cognito-sync";
import type { Services } from "../services";
import { LimitExceeded, ResourceNotFound } from "./errors";
import type { DatasetRecord } from "./records";
import { datasetKey, syncTables } from "./tables";

/** Cognito Sync's documented limit. */
export const MAX_DATASETS_PER_IDENTITY = 20;

export function describeDataset(dataset: DatasetRecord): Dataset {
  return {
    IdentityId: dataset.IdentityId,
    DatasetName: dataset.DatasetName,
    CreationDate: new Date(dataset.CreationDate),
    LastModifiedDate: new Date(dataset.LastModifiedDate),
    LastModifiedBy: dataset.LastModifiedBy,
    DataStorage: dataset.DataStorage,
    NumRecords: dataset.NumRecords,
  };
}

/** The dataset's row, deleted or not. */
export function datasetRow(services: Services, identityId: string, datasetName: string): DatasetRecord | undefined {
  return syncTables(services).datasets.get(datasetKey(identityId, datasetName));
}

export function liveDataset(services: Services, identityId: string, datasetName: string): DatasetRecord | undefined {
  const dataset = datasetRow(services, identityId, datasetName);
  return dataset && !dataset.Deleted ? dataset : undefined;
}

export function requireDataset(services: Services, identityId: string, datasetName: string): DatasetRecord {
  const dataset = liveDataset(services, identityId, datasetName);
  if (!dataset) throw ResourceNotFound(`Dataset '${datasetName}' not found.`);
  return dataset;
}

/** The identity's datasets, by name. */
export function datasetsOf(services: Services, identityId: string): DatasetRecord[] {
  return syncTables(services)
    .datasets.findBy("byIdentity", identityId)
    .filter((d) => !d.Deleted)
    .sort((a, b) => (a.DatasetName < b.DatasetName ? -1 : a.DatasetName > b.DatasetName ? 1 : 0));
}

/**
 * The dataset a write goes to: datasets are created by their first write (a deleted one comes back,
 * its SyncCount carrying on), within the identity's 20.
 */
export function datasetForWrite(services: Services, identityPoolId: string, identityId: string, datasetName: string): DatasetRecord {
  const existing = datasetRow(services, identityId, datasetName);
  if (existing && !existing.Deleted) return existing;
  if (datasetsOf(services, identityId).length >= MAX_DATASETS_PER_IDENTITY) {
    throw LimitExceeded(`Identity '${identityId}' already has the maximum of ${MAX_DATASETS_PER_IDENTITY} datasets.`);
  }
  const now = services.clock.now();
  return {
    ...existing,
    IdentityPoolId: identityPoolId,
    IdentityId: identityId,
    DatasetName: datasetName,
    CreationDate: now,
    LastModifiedDate: now,
    SyncCount: existing?.SyncCount ?? 0,
    DataStorage: 0,
    NumRecords: 0,
    Deleted: undefined,
  };
}

/** Drops the records and keeps a flagged row: the deletion is itself a change devices sync. */
export function deleteDataset(services: Services, dataset: DatasetRecord, modifiedBy: string | undefined): void {
  const tables = syncTables(services);
  const key = datasetKey(dataset.IdentityId, dataset.DatasetName);
  for (const recordKey of tables.records.keysBy("byDataset", key)) tables.records.delete(recordKey);
  const syncCount = dataset.SyncCount + 1;
  tables.datasets.put(key, {
    ...dataset,
    SyncCount: syncCount,
    DeletedSyncCount: syncCount,
    Deleted: true,
    DataStorage: 0,
    NumRecords: 0,
    LastModifiedDate: services.clock.now(),
    LastModifiedBy: modifiedBy ?? dataset.LastModifiedBy,
  });
}
