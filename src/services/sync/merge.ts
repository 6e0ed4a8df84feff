import type { Services } from "../services";
import type { DatasetRecord } from "./records";
import { datasetKey, recordKey, syncTables } from "./tables";

/** The longest dataset name the API accepts. */
const MAX_DATASET_NAME = 128;

/**
 * When identity `from` is merged into `to`, its Cognito Sync data goes with it: each of its datasets
 * moves to `to` as `<dataset>.<from identity id>`, which ListRecords of `<dataset>` then reports in
 * MergedDatasetNames until the app has folded it in and deleted it. The Sync SDKs find merged datasets
 * by that `"<dataset>."` prefix (amazon-cognito-js getLocalMergedDatasets, the mobile SDKs'
 * onDatasetsMerged). Nothing stays on the merged-away identity, which can no longer be used.
 */
export function moveSyncDataOnMerge(services: Services, from: string, to: string): void {
  const tables = syncTables(services);
  for (const dataset of tables.datasets.findBy("byIdentity", from)) {
    const sourceKey = datasetKey(from, dataset.DatasetName);
    const rows = tables.records.findBy("byDataset", sourceKey);
    for (const key of tables.records.keysBy("byDataset", sourceKey)) tables.records.delete(key);
    tables.datasets.delete(sourceKey);
    if (dataset.Deleted) continue;

    const name = `${dataset.DatasetName}.${from}`.slice(0, MAX_DATASET_NAME);
    const merged: DatasetRecord = { ...dataset, IdentityId: to, DatasetName: name, MergedInto: dataset.DatasetName, LastModifiedDate: services.clock.now() };
    tables.datasets.put(datasetKey(to, name), merged);
    for (const row of rows) tables.records.put(recordKey(to, name, row.Key), { ...row, IdentityId: to, DatasetName: name });
  }
}

/** The datasets of the identity that were merged into `datasetName` and not yet deleted. */
export function mergedDatasetNames(services: Services, identityId: string, datasetName: string): string[] {
  return syncTables(services)
    .datasets.findBy("byIdentity", identityId)
    .filter((d) => !d.Deleted && d.MergedInto === datasetName)
    .map((d) => d.DatasetName)
    .sort();
}
