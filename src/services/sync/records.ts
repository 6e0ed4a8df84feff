import type { CognitoStreams, PushSync } from "@aws-sdk/client-cognito-sync";

/**
 * A dataset of an identity: a row of `syncDatasets`, keyed by `<identityId>\n<datasetName>`. Dates are
 * epoch ms. A deleted dataset keeps its row (flagged, without records) so devices that synced before
 * the deletion learn of it, and so its SyncCount keeps growing if it is written again.
 */
export interface DatasetRecord {
  IdentityPoolId: string;
  IdentityId: string;
  DatasetName: string;
  CreationDate: number;
  LastModifiedDate: number;
  LastModifiedBy?: string;
  /** Bumped once per UpdateRecords that changes something, and by DeleteDataset. */
  SyncCount: number;
  /** Bytes of the live records' keys and values. */
  DataStorage: number;
  NumRecords: number;
  Deleted?: boolean;
  /** The SyncCount the last deletion left: devices that synced before it must drop their copy. */
  DeletedSyncCount?: number;
  /** A dataset brought in by an identity merge: the name of the dataset whose ListRecords reports it. */
  MergedInto?: string;
}

/**
 * A record of a dataset: a row of `syncRecords`, keyed by `<identityId>\n<datasetName>\n<key>`. A removed
 * record stays as a tombstone without Value, so ListRecords tells other devices of the removal.
 */
export interface SyncRecordRow {
  IdentityId: string;
  DatasetName: string;
  Key: string;
  Value?: string;
  SyncCount: number;
  LastModifiedDate: number;
  LastModifiedBy?: string;
  DeviceLastModifiedDate?: number;
}

/** What Cognito Sync keeps per identity pool: a row of `syncPools`, keyed by pool id. */
export interface SyncPoolRecord {
  IdentityPoolId: string;
  PushSync?: PushSync;
  CognitoStreams?: CognitoStreams;
  /** SetCognitoEvents: event type -> Lambda function ARN; UpdateRecords invokes the SyncTrigger one. */
  Events?: Record<string, string>;
  /** Sync sessions started (ListRecords calls), for DescribeIdentityPoolUsage. */
  SyncSessionsCount?: number;
  /** Epoch ms of the last BulkPublish request. */
  BulkPublishStartTime?: number;
  /** Where the last bulk publish is; absent on rows written before bulk publishes ran (read as SUCCEEDED). */
  BulkPublishStatus?: "IN_PROGRESS" | "SUCCEEDED" | "FAILED";
  /** Epoch ms the last bulk publish had put every dataset to the stream. */
  BulkPublishCompleteTime?: number;
  BulkPublishFailureMessage?: string;
}

/** A device registered for push sync: a row of `syncDevices`, keyed by device id. */
export interface SyncDeviceRecord {
  DeviceId: string;
  IdentityPoolId: string;
  IdentityId: string;
  Platform: string;
  Token: string;
}

/** A device's subscription to a dataset: a row of `syncSubscriptions`, keyed by `<identityId>\n<datasetName>\n<deviceId>`. */
export interface SyncSubscriptionRecord {
  IdentityId: string;
  DatasetName: string;
  DeviceId: string;
}

/** One change of a record, as a Cognito Streams record lists it (epoch ms dates; no value for a removal). */
export interface KinesisSyncRecord {
  key: string;
  value: string | null;
  syncCount: number;
  lastModifiedDate: number;
  deviceLastModifiedDate: number;
  op: "replace" | "remove";
}

/**
 * What Cognito puts to the stream for one synchronization (the developer guide's "Implementing Amazon
 * Cognito Sync streams"): the changed records inline, or, past Kinesis's 1 MB record size, a URL that
 * serves them. A dataset deletion ("remove") carries neither.
 */
export interface CognitoStreamRecord {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  operation: "replace" | "remove";
  kinesisSyncRecords?: KinesisSyncRecord[];
  lastModifiedDate: number;
  kinesisSyncRecordsURL?: string;
  payloadType: "Inline" | "S3Url";
  syncCount: number;
}

/** Where a stream record is with the Kinesis API of --kinesis-endpoint. */
export interface KinesisDelivery {
  status: "PENDING" | "DELIVERED" | "FAILED";
  shardId?: string;
  sequenceNumber?: string;
  error?: string;
}

/** A Cognito Streams record produced: a row of `syncStreamRecords`, as /_emu/streams lists it. */
export interface StreamRecordRow {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  streamName: string;
  partitionKey: string;
  /** Produced by a bulk publish rather than by a change. */
  bulkPublish: boolean;
  record: CognitoStreamRecord;
  /** The records a URL-form record points to. */
  payload?: KinesisSyncRecord[];
  createdAt: string;
  /** Present when --kinesis-endpoint is set. */
  kinesis?: KinesisDelivery;
}
