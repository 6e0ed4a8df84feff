import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import {
  BulkPublishCommand,
  CognitoSyncClient,
  DeleteDatasetCommand,
  DescribeDatasetCommand,
  DescribeIdentityPoolUsageCommand,
  DescribeIdentityUsageCommand,
  GetBulkPublishDetailsCommand,
  GetCognitoEventsCommand,
  GetIdentityPoolConfigurationCommand,
  ListDatasetsCommand,
  ListIdentityPoolUsageCommand,
  ListRecordsCommand,
  RegisterDeviceCommand,
  SetCognitoEventsCommand,
  SetIdentityPoolConfigurationCommand,
  SubscribeToDatasetCommand,
  UnsubscribeFromDatasetCommand,
  UpdateRecordsCommand,
  type RecordPatch,
} from "@aws-sdk/client-cognito-sync";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator } from "../support/emulator";

const REGION = "us-east-1";
const POOL = "us-east-1:00000000-0000-4000-8000-0000000000a1";
const OTHER_POOL = "us-east-1:00000000-0000-4000-8000-0000000000a2";
const GCM_APP = "arn:aws:sns:us-east-1:123456789012:app/GCM/notes";
const fixture = {
  IdentityPools: [
    { IdentityPoolId: POOL, IdentityPoolName: "notes", AllowUnauthenticatedIdentities: true, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Guest" } },
    { IdentityPoolId: OTHER_POOL, IdentityPoolName: "other", AllowUnauthenticatedIdentities: true },
  ],
};
const DEVELOPER: AwsCredentialIdentity = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const sync = (credentials = DEVELOPER) => new CognitoSyncClient({ endpoint: emu.url, region: REGION, credentials, maxAttempts: 1 });
const identityClient = () => new CognitoIdentityClient({ endpoint: emu.url, region: REGION, credentials: DEVELOPER, maxAttempts: 1 });

async function newIdentity(poolId = POOL): Promise<string> {
  return (await identityClient().send(new GetIdCommand({ IdentityPoolId: poolId }))).IdentityId!;
}

async function identityCredentials(identityId: string): Promise<AwsCredentialIdentity> {
  const { Credentials } = await identityClient().send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }));
  return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken };
}

/** One sync as the mobile SDKs run it: list changes since `lastSyncCount`, then push patches with the session token. */
async function push(identityId: string, datasetName: string, patches: RecordPatch[], client = sync()) {
  const { SyncSessionToken } = await client.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: datasetName }));
  return client.send(new UpdateRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: datasetName, SyncSessionToken, RecordPatches: patches, DeviceId: "device-1" }));
}

const replace = (Key: string, Value: string, SyncCount = 0): RecordPatch => ({ Op: "replace", Key, Value, SyncCount, DeviceLastModifiedDate: new Date(1_700_000_000_000) });

describe("Cognito Sync records", () => {
  it("starts from a dataset that does not exist yet, with a session token", async () => {
    const identityId = await newIdentity();
    const listed = await sync().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "settings" }));
    expect(listed).toMatchObject({ Records: [], Count: 0, DatasetExists: false, DatasetSyncCount: 0, DatasetDeletedAfterRequestedSyncCount: false });
    expect(listed.SyncSessionToken).toEqual(expect.any(String));
  });

  it("writes records at the dataset's next SyncCount and lists what changed since a sync count", async () => {
    const identityId = await newIdentity();
    const first = await push(identityId, "settings", [replace("theme", "dark"), replace("lang", "en")]);
    expect(first.Records).toEqual([
      expect.objectContaining({ Key: "theme", Value: "dark", SyncCount: 1, LastModifiedBy: "device-1", DeviceLastModifiedDate: new Date(1_700_000_000_000) }),
      expect.objectContaining({ Key: "lang", Value: "en", SyncCount: 1, LastModifiedDate: expect.any(Date) }),
    ]);
    await push(identityId, "settings", [replace("theme", "light", 1), { Op: "remove", Key: "lang", SyncCount: 1 }]);

    const all = await sync().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "settings" }));
    expect(all).toMatchObject({ DatasetExists: true, DatasetSyncCount: 2, LastModifiedBy: "device-1", Count: 2 });
    const since1 = await sync().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "settings", LastSyncCount: 1 }));
    expect(since1.Records!.map((r) => [r.Key, r.Value, r.SyncCount])).toEqual([
      ["lang", undefined, 2],
      ["theme", "light", 2],
    ]);
    const { Dataset } = await sync().send(new DescribeDatasetCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "settings" }));
    expect(Dataset).toMatchObject({ IdentityId: identityId, DatasetName: "settings", NumRecords: 1, DataStorage: "theme".length + "light".length, LastModifiedBy: "device-1" });

    await expect(sync().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "settings", LastSyncCount: 9 }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "No such SyncCount: 9 exists for this Dataset",
    });
  });

  it("refuses a patch with a stale SyncCount with ResourceConflictException (409), writing nothing", async () => {
    const identityId = await newIdentity();
    await push(identityId, "game", [replace("highScore", "10")]);
    await push(identityId, "game", [replace("highScore", "20", 1)]);
    await expect(push(identityId, "game", [replace("level", "3"), replace("highScore", "15", 1)])).rejects.toMatchObject({
      name: "ResourceConflictException",
      message: "Current SyncCount for: highScore is: 2 not: 1",
      $metadata: { httpStatusCode: 409 },
    });
    const { Records } = await sync().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "game" }));
    expect(Records!.map((r) => r.Key)).toEqual(["highScore"]);
  });

  it("takes only a live session token of the same identity", async () => {
    const [mine, theirs] = [await newIdentity(), await newIdentity()];
    const { SyncSessionToken } = await sync().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: theirs, DatasetName: "d" }));
    const update = (token: string) => sync().send(new UpdateRecordsCommand({ IdentityPoolId: POOL, IdentityId: mine, DatasetName: "d", SyncSessionToken: token, RecordPatches: [replace("k", "v")] }));
    const invalid = { name: "InvalidParameterException", message: "SyncSessionToken not valid for these inputs", $metadata: { httpStatusCode: 400 } };
    await expect(update(SyncSessionToken!)).rejects.toMatchObject(invalid);
    await expect(update("garbage")).rejects.toMatchObject(invalid);

    const own = await sync().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: mine, DatasetName: "d" }));
    await emu.clock.advance(3600);
    await expect(update(own.SyncSessionToken!)).rejects.toMatchObject(invalid);
  });
});

describe("Cognito Sync datasets", () => {
  it("lists, describes and deletes datasets; devices that synced before a deletion are told", async () => {
    const identityId = await newIdentity();
    await push(identityId, "b-dataset", [replace("k", "v")]);
    await push(identityId, "a-dataset", [replace("k", "v")]);
    const { Datasets, Count } = await sync().send(new ListDatasetsCommand({ IdentityPoolId: POOL, IdentityId: identityId }));
    expect(Count).toBe(2);
    expect(Datasets!.map((d) => d.DatasetName)).toEqual(["a-dataset", "b-dataset"]);
    expect(Datasets![0]).toMatchObject({ NumRecords: 1, DataStorage: 2, CreationDate: expect.any(Date) });

    const deleted = await sync().send(new DeleteDatasetCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "a-dataset" }));
    expect(deleted.Dataset).toMatchObject({ DatasetName: "a-dataset", NumRecords: 1 });
    await expect(sync().send(new DescribeDatasetCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "a-dataset" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
    const afterDeletion = await sync().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "a-dataset", LastSyncCount: 1 }));
    expect(afterDeletion).toMatchObject({ DatasetExists: false, DatasetDeletedAfterRequestedSyncCount: true, DatasetSyncCount: 2, Records: [] });

    // Written again, the dataset comes back and its SyncCount carries on.
    const again = await push(identityId, "a-dataset", [replace("k", "w")]);
    expect(again.Records![0].SyncCount).toBe(3);
    expect((await sync().send(new ListDatasetsCommand({ IdentityPoolId: POOL, IdentityId: identityId }))).Count).toBe(2);
  });

  it("keeps Cognito Sync's limits: 20 datasets per identity, 1024 records and 1 MB per dataset", async () => {
    const identityId = await newIdentity();
    for (let i = 0; i < 20; i++) await push(identityId, `ds-${i}`, []);
    await expect(push(identityId, "ds-20", [replace("k", "v")])).rejects.toMatchObject({ name: "LimitExceededException" });

    const many = Array.from({ length: 1025 }, (_, i) => replace(`key-${i}`, "v"));
    await expect(push(identityId, "ds-0", many)).rejects.toMatchObject({ name: "LimitExceededException" });
    await push(identityId, "ds-0", many.slice(0, 1024));

    const big = "x".repeat(600 * 1024);
    await push(identityId, "ds-1", [replace("big-1", big)]);
    await expect(push(identityId, "ds-1", [replace("big-2", big)])).rejects.toMatchObject({ name: "LimitExceededException" });

    await expect(push(identityId, "not/valid", [])).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "1 validation error detected: Value 'not/valid' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+",
    });
    await expect(push(identityId, "x".repeat(129), [])).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("answers ResourceNotFoundException (404) for an unknown identity pool or identity", async () => {
    const identityId = await newIdentity();
    const list = (poolId: string, id: string) => sync().send(new ListDatasetsCommand({ IdentityPoolId: poolId, IdentityId: id }));
    await expect(list("us-east-1:00000000-0000-4000-8000-0000000000ff", identityId)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "IdentityPool 'us-east-1:00000000-0000-4000-8000-0000000000ff' not found.",
      $metadata: { httpStatusCode: 404 },
    });
    await expect(list(POOL, "us-east-1:00000000-0000-4000-8000-00000000dead")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(list(OTHER_POOL, identityId)).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    const raw = await fetch(`${emu.url}/identitypools/${encodeURIComponent(POOL)}/identities/${encodeURIComponent("us-east-1:00000000-0000-4000-8000-00000000dead")}/datasets`);
    expect(raw.status).toBe(404);
    expect(raw.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
    expect(await raw.json()).toEqual({ __type: "ResourceNotFoundException", message: "Identity 'us-east-1:00000000-0000-4000-8000-00000000dead' not found." });
  });

  it("lets identity credentials reach only their own identity, and not the pool-wide operations", async () => {
    const [mine, theirs] = [await newIdentity(), await newIdentity()];
    const asIdentity = sync(await identityCredentials(mine));
    await push(mine, "notes", [replace("k", "v")], asIdentity);
    expect((await asIdentity.send(new ListDatasetsCommand({ IdentityPoolId: POOL, IdentityId: mine }))).Count).toBe(1);
    const denied = { name: "NotAuthorizedException", message: "These credentials are not valid for accessing this resource", $metadata: { httpStatusCode: 403 } };
    await expect(asIdentity.send(new ListDatasetsCommand({ IdentityPoolId: POOL, IdentityId: theirs }))).rejects.toMatchObject(denied);
    await expect(asIdentity.send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: POOL }))).rejects.toMatchObject(denied);
  });
});

describe("Cognito Sync usage", () => {
  it("reports storage and datasets per identity and per pool", async () => {
    const identityId = await newIdentity();
    await push(identityId, "a", [replace("key", "value")]);
    await push(identityId, "b", [replace("k", "v")]);
    const { IdentityUsage } = await sync().send(new DescribeIdentityUsageCommand({ IdentityPoolId: POOL, IdentityId: identityId }));
    expect(IdentityUsage).toMatchObject({ IdentityId: identityId, IdentityPoolId: POOL, DatasetCount: 2, DataStorage: 10, LastModifiedDate: expect.any(Date) });

    const { IdentityPoolUsage } = await sync().send(new DescribeIdentityPoolUsageCommand({ IdentityPoolId: POOL }));
    expect(IdentityPoolUsage).toMatchObject({ IdentityPoolId: POOL, DataStorage: 10, SyncSessionsCount: 2 });
    const listed = await sync().send(new ListIdentityPoolUsageCommand({}));
    expect(listed.IdentityPoolUsages!.map((u) => [u.IdentityPoolId, u.DataStorage])).toEqual([
      [POOL, 10],
      [OTHER_POOL, 0],
    ]);
    expect(listed).toMatchObject({ Count: 2, MaxResults: 60 });
    const paged = await sync().send(new ListIdentityPoolUsageCommand({ MaxResults: 1 }));
    expect(paged.NextToken).toBeDefined();
  });
});

describe("Cognito Sync configuration", () => {
  it("stores push sync, Cognito Streams and events", async () => {
    expect(await sync().send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId: POOL }))).toMatchObject({ IdentityPoolId: POOL });
    const PushSync = { ApplicationArns: [GCM_APP], RoleArn: "arn:aws:iam::123456789012:role/Push" };
    const set = await sync().send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: POOL, PushSync }));
    expect(set).toMatchObject({ IdentityPoolId: POOL, PushSync });
    const CognitoStreams = { StreamName: "changes", RoleArn: "arn:aws:iam::123456789012:role/Streams", StreamingStatus: "ENABLED" as const };
    await sync().send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: POOL, CognitoStreams }));
    expect(await sync().send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId: POOL }))).toMatchObject({ PushSync, CognitoStreams });

    expect((await sync().send(new GetCognitoEventsCommand({ IdentityPoolId: POOL }))).Events).toEqual({});
    const Events = { SyncTrigger: "arn:aws:lambda:us-east-1:123456789012:function:onSync" };
    await sync().send(new SetCognitoEventsCommand({ IdentityPoolId: POOL, Events }));
    expect((await sync().send(new GetCognitoEventsCommand({ IdentityPoolId: POOL }))).Events).toEqual(Events);
    await expect(sync().send(new SetCognitoEventsCommand({ IdentityPoolId: POOL, Events: { OnSomething: "arn" } }))).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("runs a bulk publish through its statuses, one at a time, one success per 24 hours", async () => {
    await expect(sync().send(new BulkPublishCommand({ IdentityPoolId: POOL }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    expect(await sync().send(new GetBulkPublishDetailsCommand({ IdentityPoolId: POOL }))).toMatchObject({ BulkPublishStatus: "NOT_STARTED" });
    await sync().send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: POOL, CognitoStreams: { StreamName: "changes", StreamingStatus: "ENABLED" } }));

    expect(await sync().send(new BulkPublishCommand({ IdentityPoolId: POOL }))).toEqual(expect.objectContaining({ IdentityPoolId: POOL }));
    expect(await sync().send(new GetBulkPublishDetailsCommand({ IdentityPoolId: POOL }))).toMatchObject({ BulkPublishStatus: "IN_PROGRESS", BulkPublishStartTime: expect.any(Date) });
    await expect(sync().send(new BulkPublishCommand({ IdentityPoolId: POOL }))).rejects.toMatchObject({ name: "DuplicateRequestException" });

    await emu.clock.advance(1);
    const done = await sync().send(new GetBulkPublishDetailsCommand({ IdentityPoolId: POOL }));
    expect(done).toMatchObject({ BulkPublishStatus: "SUCCEEDED", BulkPublishCompleteTime: expect.any(Date) });
    await expect(sync().send(new BulkPublishCommand({ IdentityPoolId: POOL }))).rejects.toMatchObject({ name: "AlreadyStreamedException" });
    await emu.clock.advance(24 * 3600);
    await sync().send(new BulkPublishCommand({ IdentityPoolId: POOL }));
  });

  it("registers devices and their dataset subscriptions once push sync is configured", async () => {
    const identityId = await newIdentity();
    const register = () => sync().send(new RegisterDeviceCommand({ IdentityPoolId: POOL, IdentityId: identityId, Platform: "GCM", Token: "push-token" }));
    await expect(register()).rejects.toMatchObject({ name: "InvalidConfigurationException" });
    await sync().send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: POOL, PushSync: { ApplicationArns: [GCM_APP] } }));
    await expect(sync().send(new RegisterDeviceCommand({ IdentityPoolId: POOL, IdentityId: identityId, Platform: "APNS", Token: "t" }))).rejects.toMatchObject({
      name: "InvalidConfigurationException",
    });

    const { DeviceId } = await register();
    expect(DeviceId).toEqual(expect.any(String));
    expect((await register()).DeviceId).toBe(DeviceId);
    const subscription = { IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "notes", DeviceId };
    await sync().send(new SubscribeToDatasetCommand(subscription));
    await sync().send(new UnsubscribeFromDatasetCommand(subscription));
    await expect(sync().send(new SubscribeToDatasetCommand({ ...subscription, DeviceId: "unknown" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("without --kinesis-endpoint or --sns-endpoint, keeps stream records at /_emu/streams and pushes in /_emu/messages only", async () => {
    const identityId = await newIdentity();
    await sync().send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: POOL, CognitoStreams: { StreamName: "changes", StreamingStatus: "ENABLED" }, PushSync: { ApplicationArns: [GCM_APP] } }));
    const { DeviceId } = await sync().send(new RegisterDeviceCommand({ IdentityPoolId: POOL, IdentityId: identityId, Platform: "GCM", Token: "other-device" }));
    await sync().send(new SubscribeToDatasetCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "notes", DeviceId }));
    await push(identityId, "notes", [replace("k", "v")]);

    const { records } = (await (await fetch(`${emu.url}/_emu/streams?identityPoolId=${encodeURIComponent(POOL)}`)).json()) as { records: any[] };
    expect(records).toEqual([
      expect.objectContaining({ identityId, datasetName: "notes", streamName: "changes", record: expect.objectContaining({ operation: "replace", syncCount: 1 }) }),
    ]);
    expect(records[0]).not.toHaveProperty("kinesis");
    const pushed = (await emu.messages({ userPoolId: POOL })).filter((m) => m.deliveryMedium === "PUSH");
    expect(pushed).toEqual([expect.objectContaining({ destination: "other-device", deviceId: DeviceId, platform: "GCM", datasetName: "notes" })]);
  });
});
