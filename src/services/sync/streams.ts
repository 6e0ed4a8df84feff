import type { Services } from "../services";
import { type PutResult, putRecords } from "./kinesis";
import { describeFailure } from "./outbound";
import { poolSettings, updatePoolSettings } from "./pool-settings";
import type { CognitoStreamRecord, DatasetRecord, KinesisSyncRecord, StreamRecordRow, SyncRecordRow } from "./records";
import { syncTables } from "./tables";

/** Kinesis takes records of up to 1 MiB, partition key included; past that Cognito sends a URL to the records. */
export const MAX_KINESIS_RECORD_BYTES = 1024 * 1024;
/** PutRecords takes at most 500 records and 5 MiB per call. */
const MAX_BATCH_RECORDS = 500;
const MAX_BATCH_BYTES = 5 * 1024 * 1024;

/** A record before it is numbered: the URL form needs the row's key. */
interface StreamDraft {
  row: Omit<StreamRecordRow, "record" | "payload" | "createdAt" | "kinesis">;
  record: Omit<CognitoStreamRecord, "kinesisSyncRecords" | "kinesisSyncRecordsURL" | "payloadType">;
  records?: KinesisSyncRecord[];
}

/** Per emulator: the sequence of stream records and the queue that delivers them to Kinesis in order. */
interface StreamState {
  sequence: number;
  queue: Promise<unknown>;
  pending: Set<Promise<unknown>>;
}
const states = new WeakMap<Services, StreamState>();

function state(services: Services): StreamState {
  let current = states.get(services);
  if (!current) {
    let sequence = 0;
    for (const [key] of syncTables(services).streamRecords.entries()) sequence = Math.max(sequence, Number(key));
    current = { sequence, queue: Promise.resolve(), pending: new Set() };
    states.set(services, current);
  }
  return current;
}

/** The stream a pool's changes go to, when Cognito Streams is configured and not disabled. */
export function activeStream(services: Services, identityPoolId: string): string | undefined {
  const streams = poolSettings(services, identityPoolId).CognitoStreams;
  return streams?.StreamName && streams.StreamingStatus !== "DISABLED" ? streams.StreamName : undefined;
}

export function kinesisSyncRecord(row: SyncRecordRow): KinesisSyncRecord {
  return {
    key: row.Key,
    value: row.Value ?? null,
    syncCount: row.SyncCount,
    lastModifiedDate: row.LastModifiedDate,
    deviceLastModifiedDate: row.DeviceLastModifiedDate ?? row.LastModifiedDate,
    op: row.Value === undefined ? "remove" : "replace",
  };
}

/**
 * The record of one dataset change, or of one dataset in a bulk publish. Its field is `datasetName`,
 * as Cognito sends it: the developer guide's sample spells it `dataSetName`, but AWS's own stream
 * consumer (amazon-cognito-streams-sample's AmazonCognitoStreamsEventBean) reads `datasetName`. AWS
 * does not document Cognito's partition key; the identity id keeps one identity's changes in order on
 * one shard and spreads identities over the shards.
 */
function draft(dataset: DatasetRecord, streamName: string, operation: "replace" | "remove", rows: SyncRecordRow[] | undefined, bulkPublish: boolean): StreamDraft {
  return {
    row: { identityPoolId: dataset.IdentityPoolId, identityId: dataset.IdentityId, datasetName: dataset.DatasetName, streamName, partitionKey: dataset.IdentityId, bulkPublish },
    record: {
      identityPoolId: dataset.IdentityPoolId,
      identityId: dataset.IdentityId,
      datasetName: dataset.DatasetName,
      operation,
      lastModifiedDate: dataset.LastModifiedDate,
      syncCount: dataset.SyncCount,
    },
    records: rows?.map(kinesisSyncRecord),
  };
}

/**
 * A committed change of a dataset goes to its pool's stream: `changed` are the records an UpdateRecords
 * wrote; a deletion has none. Nothing is produced until the request commits, and nothing when it fails.
 */
export function streamDatasetChange(services: Services, dataset: DatasetRecord, change: { deleted: true } | { changed: SyncRecordRow[] }): void {
  const streamName = activeStream(services, dataset.IdentityPoolId);
  if (!streamName) return;
  const pending = "deleted" in change ? draft(dataset, streamName, "remove", undefined, false) : draft(dataset, streamName, "replace", change.changed, false);
  services.store.whenCommitted(() => void deliver(services, [append(services, pending)]));
}

/** A bulk publish's record of one dataset: every live record. */
export function publishDataset(services: Services, dataset: DatasetRecord, streamName: string, rows: SyncRecordRow[]): string {
  return append(services, draft(dataset, streamName, "replace", rows.filter((row) => row.Value !== undefined), true));
}

/** Numbers and keeps the record; past Kinesis's record size it becomes the URL form, served by /_emu/streams/payloads/<key>. */
function append(services: Services, pending: StreamDraft): string {
  const current = state(services);
  const key = String(++current.sequence).padStart(12, "0");
  let record: CognitoStreamRecord = { ...pending.record, kinesisSyncRecords: pending.records, payloadType: "Inline" };
  let payload: KinesisSyncRecord[] | undefined;
  if (Buffer.byteLength(JSON.stringify(record)) + Buffer.byteLength(pending.row.partitionKey) > MAX_KINESIS_RECORD_BYTES) {
    const { kinesisSyncRecords: _, ...rest } = record;
    record = { ...rest, kinesisSyncRecordsURL: `${services.baseUrl()}/_emu/streams/payloads/${key}`, payloadType: "S3Url" };
    payload = pending.records;
  }
  const row: StreamRecordRow = {
    ...pending.row,
    record,
    ...(payload ? { payload } : {}),
    createdAt: services.clock.date().toISOString(),
    ...(services.options.kinesisEndpoint ? { kinesis: { status: "PENDING" as const } } : {}),
  };
  syncTables(services).streamRecords.put(key, row);
  return key;
}

/** /_emu/streams: oldest first, without the payloads of URL-form records (their URL serves them). */
export function listStreamRecords(services: Services, filter: { identityPoolId?: string; identityId?: string; datasetName?: string } = {}): StreamRecordRow[] {
  const table = syncTables(services).streamRecords;
  const keys = filter.identityPoolId
    ? table.keysBy("byPool", filter.identityPoolId)
    : filter.datasetName
      ? table.keysBy("byDatasetName", filter.datasetName)
      : [...table.entries()].map(([key]) => key);
  return keys
    .sort()
    .map((key) => table.get(key)!)
    .filter((row) => (!filter.datasetName || row.datasetName === filter.datasetName) && (!filter.identityId || row.identityId === filter.identityId))
    .map(({ payload: _, ...row }) => row);
}

export function streamPayload(services: Services, key: string): KinesisSyncRecord[] | undefined {
  return syncTables(services).streamRecords.get(key)?.payload;
}

/**
 * Puts records to the Kinesis API of --kinesis-endpoint, one call at a time so the stream sees them in
 * the order they were produced. A stream that cannot be written turns Cognito Streams off for the pool
 * (StreamingStatus DISABLED, as Cognito does when the stream is gone or the role broken); the records
 * stay at /_emu/streams, marked FAILED. Resolves to the first failure, if any.
 */
export function deliver(services: Services, keys: string[]): Promise<string | undefined> {
  const endpoint = services.options.kinesisEndpoint;
  if (!endpoint || keys.length === 0) return Promise.resolve(undefined);
  const current = state(services);
  const run = current.queue
    .then(() => deliverNow(services, endpoint, keys))
    .catch((error: Error) => {
      services.log.error(`Cognito Streams delivery failed: ${error.message}`);
      return error.message;
    });
  current.queue = run;
  current.pending.add(run);
  void run.finally(() => current.pending.delete(run));
  return run;
}

/** Settles once every delivery started so far has (the emulator waits for it on stop). */
export async function streamsIdle(services: Services): Promise<void> {
  const current = states.get(services);
  while (current?.pending.size) await Promise.allSettled([...current.pending]);
}

async function deliverNow(services: Services, endpoint: string, keys: string[]): Promise<string | undefined> {
  const table = syncTables(services).streamRecords;
  let firstFailure: string | undefined;
  for (const batch of batches(services, keys)) {
    const { identityPoolId, streamName } = batch[0].row;
    const mark = (key: string, kinesis: StreamRecordRow["kinesis"]) => {
      // A reset may have dropped the row meanwhile: nothing to mark then.
      const row = table.get(key);
      if (row) table.put(key, { ...row, kinesis });
    };
    if (activeStream(services, identityPoolId) !== streamName) {
      const error = `Cognito Streams is disabled for identity pool '${identityPoolId}'`;
      for (const { key } of batch) mark(key, { status: "FAILED", error });
      firstFailure ??= error;
      continue;
    }
    let results: PutResult[];
    try {
      results = await putRecords(endpoint, identityPoolId.split(":")[0], streamName, batch.map(({ row }) => ({ data: JSON.stringify(row.record), partitionKey: row.partitionKey })));
    } catch (error) {
      const message = describeFailure(error);
      results = batch.map(() => ({ error: message }));
    }
    let failure: string | undefined;
    batch.forEach(({ key }, i) => {
      const result = results[i];
      if ("error" in result) {
        failure ??= result.error;
        mark(key, { status: "FAILED", error: result.error });
      } else {
        mark(key, { status: "DELIVERED", shardId: result.shardId, sequenceNumber: result.sequenceNumber });
      }
    });
    if (failure) {
      firstFailure ??= failure;
      disableStream(services, identityPoolId, streamName, failure);
    }
  }
  return firstFailure;
}

/** The rows still there, grouped by pool and stream, within PutRecords' limits. */
function* batches(services: Services, keys: string[]): Generator<Array<{ key: string; row: StreamRecordRow }>> {
  const table = syncTables(services).streamRecords;
  let batch: Array<{ key: string; row: StreamRecordRow }> = [];
  let bytes = 0;
  for (const key of keys) {
    const row = table.get(key);
    if (!row) continue;
    const size = Buffer.byteLength(JSON.stringify(row.record)) + Buffer.byteLength(row.partitionKey);
    const first = batch[0]?.row;
    if (first && (first.identityPoolId !== row.identityPoolId || first.streamName !== row.streamName || batch.length === MAX_BATCH_RECORDS || bytes + size > MAX_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push({ key, row });
    bytes += size;
  }
  if (batch.length) yield batch;
}

function disableStream(services: Services, identityPoolId: string, streamName: string, reason: string): void {
  const streams = poolSettings(services, identityPoolId).CognitoStreams;
  if (!streams || streams.StreamName !== streamName || streams.StreamingStatus === "DISABLED") return;
  // The API reference documents a DisabledReason, but the service model (and so every SDK) lacks it:
  // the status is what clients see; the reason goes to the log and to each FAILED record.
  updatePoolSettings(services, identityPoolId, { CognitoStreams: { ...streams, StreamingStatus: "DISABLED" } });
  services.log.warn(
    `Cognito Streams could not put records to Kinesis stream '${streamName}' (${reason}); streaming is disabled until SetIdentityPoolConfiguration enables it again`,
    { identityPoolId },
  );
}
