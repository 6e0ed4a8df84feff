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
  /** SetCognitoEvents: event type -> Lambda function ARN. Stored only; no trigger is invoked. */
  Events?: Record<string, string>;
  /** Sync sessions started (ListRecords calls), for DescribeIdentityPoolUsage. */
  SyncSessionsCount?: number;
  /** Epoch ms of the last BulkPublish request; its status follows from the clock. */
  BulkPublishStartTime?: number;
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
