import type { _Record as SyncRecord, RecordPatch } from "@aws-sdk/client-cognito-sync";
import type { Services } from "../services";
import { datasetForWrite, liveDataset } from "./datasets";
import { LimitExceeded, ResourceConflict } from "./errors";
import type { SyncRecordRow } from "./records";
import { datasetKey, recordKey, syncTables } from "./tables";

/** Cognito Sync's documented limits. */
export const MAX_RECORDS_PER_DATASET = 1024;
export const MAX_DATASET_BYTES = 1024 * 1024;

export function describeRecord(row: SyncRecordRow): SyncRecord {
  return {
    Key: row.Key,
    Value: row.Value,
    SyncCount: row.SyncCount,
    LastModifiedDate: new Date(row.LastModifiedDate),
    LastModifiedBy: row.LastModifiedBy,
    DeviceLastModifiedDate: row.DeviceLastModifiedDate === undefined ? undefined : new Date(row.DeviceLastModifiedDate),
  };
}

/** The dataset's records (tombstones included) changed after `lastSyncCount`, in the order they changed. */
export function recordsChangedAfter(services: Services, identityId: string, datasetName: string, lastSyncCount: number): SyncRecordRow[] {
  return syncTables(services)
    .records.findBy("byDataset", datasetKey(identityId, datasetName))
    .filter((r) => r.SyncCount > lastSyncCount)
    .sort((a, b) => a.SyncCount - b.SyncCount || (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
}

export interface RecordUpdate {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  patches: RecordPatch[];
  modifiedBy: string;
}

/** Each patch names the SyncCount its device last saw (0 for a new record); a stale one is a conflict. */
export function checkRecordPatches(services: Services, identityId: string, datasetName: string, patches: RecordPatch[]): void {
  const { records } = syncTables(services);
  for (const patch of patches) {
    const current = records.get(recordKey(identityId, datasetName, patch.Key!))?.SyncCount ?? 0;
    if (patch.SyncCount !== current) throw ResourceConflict(`Current SyncCount for: ${patch.Key} is: ${current} not: ${patch.SyncCount}`);
  }
}

/**
 * Applies UpdateRecords' patches all or nothing. Each patch names the SyncCount its device last saw
 * (0 for a new record); a stale one is a conflict. Changed records take the dataset's next SyncCount.
 */
export function applyRecordPatches(services: Services, update: RecordUpdate): SyncRecordRow[] {
  const { identityId, datasetName, patches, modifiedBy } = update;
  const tables = syncTables(services);
  const created = !liveDataset(services, identityId, datasetName);
  const dataset = datasetForWrite(services, update.identityPoolId, identityId, datasetName);
  checkRecordPatches(services, identityId, datasetName, patches);

  const now = services.clock.now();
  const syncCount = patches.length ? dataset.SyncCount + 1 : dataset.SyncCount;
  const changed = new Map<string, SyncRecordRow>();
  for (const patch of patches) {
    changed.set(patch.Key!, {
      IdentityId: identityId,
      DatasetName: datasetName,
      Key: patch.Key!,
      Value: patch.Op === "replace" ? (patch.Value ?? "") : undefined,
      SyncCount: syncCount,
      LastModifiedDate: now,
      LastModifiedBy: modifiedBy,
      DeviceLastModifiedDate: patch.DeviceLastModifiedDate === undefined ? now : toEpochMs(patch.DeviceLastModifiedDate),
    });
  }

  const live = new Map<string, SyncRecordRow>();
  for (const row of tables.records.findBy("byDataset", datasetKey(identityId, datasetName))) if (row.Value !== undefined) live.set(row.Key, row);
  for (const [key, row] of changed) {
    if (row.Value === undefined) live.delete(key);
    else live.set(key, row);
  }
  let bytes = 0;
  for (const row of live.values()) bytes += Buffer.byteLength(row.Key) + Buffer.byteLength(row.Value!);
  if (live.size > MAX_RECORDS_PER_DATASET) throw LimitExceeded(`A dataset can hold at most ${MAX_RECORDS_PER_DATASET} records.`);
  if (bytes > MAX_DATASET_BYTES) throw LimitExceeded(`A dataset can hold at most ${MAX_DATASET_BYTES} bytes.`);

  for (const row of changed.values()) tables.records.put(recordKey(identityId, datasetName, row.Key), row);
  const touched = patches.length > 0 || created;
  tables.datasets.put(datasetKey(identityId, datasetName), {
    ...dataset,
    SyncCount: syncCount,
    NumRecords: live.size,
    DataStorage: bytes,
    ...(touched ? { LastModifiedDate: now, LastModifiedBy: modifiedBy } : {}),
  });
  return [...changed.values()];
}

/** Timestamps arrive as epoch seconds (restJson) or as dates (handlers called directly). */
function toEpochMs(value: Date | number | string): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number") return Math.round(value * 1000);
  return Date.parse(value);
}
