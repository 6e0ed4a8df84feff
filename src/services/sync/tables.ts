import { identities, identityPools } from "../identity-pools/tables";
import { declareTable, ownedBy, type StoreHolder } from "../../store/schema";
import type { Table } from "../../store/table";
import type { DatasetRecord, StreamRecordRow, SyncDeviceRecord, SyncPoolRecord, SyncRecordRow, SyncSubscriptionRecord } from "./records";

/**
 * Cognito Sync's tables, indexed so that a dataset's records, an identity's datasets and a pool's
 * datasets are lookups. An identity's data goes with the identity, a pool's settings with the pool.
 */

export function datasetKey(identityId: string, datasetName: string): string {
  return `${identityId}\n${datasetName}`;
}

export function recordKey(identityId: string, datasetName: string, key: string): string {
  return `${identityId}\n${datasetName}\n${key}`;
}

export function subscriptionKey(identityId: string, datasetName: string, deviceId: string): string {
  return `${identityId}\n${datasetName}\n${deviceId}`;
}

export function deviceTokenKey(identityId: string, platform: string, token: string): string {
  return `${identityId}\n${platform}\n${token}`;
}

const byIdentity = ownedBy(identities, { index: "byIdentity", by: (identity) => identity.IdentityId });

export const datasets = declareTable<DatasetRecord>({
  name: "syncDatasets",
  key: (dataset) => datasetKey(dataset.IdentityId, dataset.DatasetName),
  indexes: { byIdentity: (dataset) => dataset.IdentityId, byPool: (dataset) => dataset.IdentityPoolId },
  owners: [byIdentity],
});

export const records = declareTable<SyncRecordRow>({
  name: "syncRecords",
  key: (record) => recordKey(record.IdentityId, record.DatasetName, record.Key),
  indexes: { byDataset: (record) => datasetKey(record.IdentityId, record.DatasetName) },
  owners: [ownedBy(datasets, { index: "byDataset", by: (dataset) => datasetKey(dataset.IdentityId, dataset.DatasetName) })],
});

/** Sync's settings of an identity pool, keyed by its id. */
export const syncPools = declareTable<SyncPoolRecord>({
  name: "syncPools",
  key: (pool) => pool.IdentityPoolId,
  owners: [ownedBy(identityPools, { keys: (pool) => [pool.IdentityPoolId] })],
});

export const syncDevices = declareTable<SyncDeviceRecord>({
  name: "syncDevices",
  key: (device) => device.DeviceId,
  indexes: { byToken: (device) => deviceTokenKey(device.IdentityId, device.Platform, device.Token), byIdentity: (device) => device.IdentityId },
  owners: [byIdentity],
});

export const subscriptions = declareTable<SyncSubscriptionRecord>({
  name: "syncSubscriptions",
  key: (subscription) => subscriptionKey(subscription.IdentityId, subscription.DatasetName, subscription.DeviceId),
  indexes: { byDevice: (subscription) => subscription.DeviceId, byDataset: (subscription) => datasetKey(subscription.IdentityId, subscription.DatasetName) },
  owners: [ownedBy(syncDevices, { index: "byDevice", by: (device) => device.DeviceId })],
});

/** Cognito Streams records produced, for /_emu/streams; keyed by a zero-padded sequence number. */
export const streamRecords = declareTable<StreamRecordRow>({
  name: "syncStreamRecords",
  indexes: { byPool: (record) => record.identityPoolId, byDatasetName: (record) => record.datasetName },
  owners: [ownedBy(identityPools, { index: "byPool", by: (pool) => pool.IdentityPoolId })],
});

export interface SyncTables {
  datasets: Table<DatasetRecord>;
  records: Table<SyncRecordRow>;
  pools: Table<SyncPoolRecord>;
  devices: Table<SyncDeviceRecord>;
  subscriptions: Table<SyncSubscriptionRecord>;
  streamRecords: Table<StreamRecordRow>;
}

/** Sync's tables of this emulator's store. */
export function syncTables(holder: StoreHolder): SyncTables {
  return {
    datasets: datasets.open(holder),
    records: records.open(holder),
    pools: syncPools.open(holder),
    devices: syncDevices.open(holder),
    subscriptions: subscriptions.open(holder),
    streamRecords: streamRecords.open(holder),
  };
}
