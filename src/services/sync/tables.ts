import type { Store } from "../../store/store";
import type { Table } from "../../store/table";
import type { Services } from "../services";
import type { DatasetRecord, StreamRecordRow, SyncDeviceRecord, SyncPoolRecord, SyncRecordRow, SyncSubscriptionRecord } from "./records";

/** Cognito Sync's tables, indexed so that a dataset's records, an identity's datasets and a pool's datasets are lookups. */
export class SyncTables {
  readonly datasets: Table<DatasetRecord>;
  readonly records: Table<SyncRecordRow>;
  readonly pools: Table<SyncPoolRecord>;
  readonly devices: Table<SyncDeviceRecord>;
  readonly subscriptions: Table<SyncSubscriptionRecord>;
  /** Cognito Streams records produced, for /_emu/streams; keyed by a zero-padded sequence number. */
  readonly streamRecords: Table<StreamRecordRow>;

  constructor(store: Store) {
    this.datasets = store
      .table<DatasetRecord>("syncDatasets")
      .index("byIdentity", (d) => d.IdentityId)
      .index("byPool", (d) => d.IdentityPoolId);
    this.records = store.table<SyncRecordRow>("syncRecords").index("byDataset", (r) => datasetKey(r.IdentityId, r.DatasetName));
    this.pools = store.table<SyncPoolRecord>("syncPools");
    this.devices = store.table<SyncDeviceRecord>("syncDevices").index("byToken", (d) => deviceTokenKey(d.IdentityId, d.Platform, d.Token));
    this.subscriptions = store
      .table<SyncSubscriptionRecord>("syncSubscriptions")
      .index("byDataset", (s) => datasetKey(s.IdentityId, s.DatasetName));
    this.streamRecords = store
      .table<StreamRecordRow>("syncStreamRecords")
      .index("byPool", (r) => r.identityPoolId)
      .index("byDatasetName", (r) => r.datasetName);
  }
}

const byStore = new WeakMap<Store, SyncTables>();

export function syncTables(services: Pick<Services, "store">): SyncTables {
  let tables = byStore.get(services.store);
  if (!tables) byStore.set(services.store, (tables = new SyncTables(services.store)));
  return tables;
}

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
