import fs from "node:fs";
import path from "node:path";
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import {
  BulkPublishCommand,
  CognitoSyncClient,
  DeleteDatasetCommand,
  GetBulkPublishDetailsCommand,
  GetIdentityPoolConfigurationCommand,
  ListRecordsCommand,
  type RecordPatch,
  SetCognitoEventsCommand,
  UpdateRecordsCommand,
} from "@aws-sdk/client-cognito-sync";
import { CreateStreamCommand, DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { CreatePlatformApplicationCommand, ListEndpointsByPlatformApplicationCommand, SNSClient } from "@aws-sdk/client-sns";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import AWS from "aws-sdk";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator, tempDir } from "../support/emulator";
import { type MotoServer, motoModels, startMoto } from "../support/moto";

/**
 * Cognito Streams and push sync against real Kinesis and SNS APIs (moto's server). The stream record's
 * shape is the developer guide's ("Implementing Amazon Cognito Sync streams"), read the way AWS's
 * amazon-cognito-streams-sample consumer reads it (`datasetName`); the push payload is the keys the
 * developer guide's "Push sync" page lists and Android's PushSyncUpdate parses (source "cognito-sync",
 * identityPoolId, identityId, datasetName, syncCount).
 */
const REGION = "us-east-1";
const POOL = "us-east-1:00000000-0000-4000-8000-0000000000d1";
const STREAM = "sync-changes";
const ROLE = "arn:aws:iam::123456789012:role/CognitoStreams";
const DEVELOPER: AwsCredentialIdentity = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const AWS_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };
const DEVICE_TIME = new Date(1_700_000_000_000);

let moto: MotoServer;
let emu: RunningEmulator;
let kinesis: KinesisClient;
let sns: SNSClient;

beforeAll(async () => {
  moto = await startMoto();
  // Kinesis' client speaks HTTP/2 by default; moto serves HTTP/1.1.
  kinesis = new KinesisClient({ endpoint: moto.url, region: REGION, credentials: AWS_CREDENTIALS, requestHandler: new NodeHttpHandler() });
  sns = new SNSClient({ endpoint: moto.url, region: REGION, credentials: AWS_CREDENTIALS });
  await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 1 }));
  const dir = tempDir("cognito-emu-sync-outbound-");
  const refuse = path.join(dir, "refuse.js");
  fs.writeFileSync(refuse, `exports.handler = async (event) => { if (event.datasetName === "locked") throw new Error("locked"); return event; };`);
  emu = await startTestEmulator(
    {
      IdentityPools: [{ IdentityPoolId: POOL, IdentityPoolName: "outbound", AllowUnauthenticatedIdentities: true, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Guest" } }],
      Functions: { refuse },
    },
    { kinesisEndpoint: moto.url, snsEndpoint: moto.url },
  );
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  kinesis?.destroy();
  sns?.destroy();
  await moto?.stop();
});
beforeEach(() => emu.reset());

const sync = (credentials = DEVELOPER) => new CognitoSyncClient({ endpoint: emu.url, region: REGION, credentials, maxAttempts: 1 });
const legacy = () => new AWS.CognitoSync({ endpoint: emu.url, region: REGION, credentials: new AWS.Credentials(DEVELOPER.accessKeyId, DEVELOPER.secretAccessKey), maxRetries: 0 });

async function newIdentity(): Promise<{ identityId: string; credentials: AwsCredentialIdentity }> {
  const identity = new CognitoIdentityClient({ endpoint: emu.url, region: REGION, credentials: DEVELOPER, maxAttempts: 1 });
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: POOL }));
  const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
  return { identityId: IdentityId!, credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken } };
}

async function push(identityId: string, datasetName: string, patches: RecordPatch[], options: { deviceId?: string; client?: CognitoSyncClient } = {}) {
  const client = options.client ?? sync();
  const { SyncSessionToken } = await client.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: datasetName }));
  return client.send(
    new UpdateRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: datasetName, SyncSessionToken, RecordPatches: patches, DeviceId: options.deviceId }),
  );
}

const replace = (Key: string, Value: string, SyncCount = 0): RecordPatch => ({ Op: "replace", Key, Value, SyncCount, DeviceLastModifiedDate: DEVICE_TIME });

async function enableStream(StreamName = STREAM): Promise<void> {
  await legacy().setIdentityPoolConfiguration({ IdentityPoolId: POOL, CognitoStreams: { StreamName, RoleArn: ROLE, StreamingStatus: "ENABLED" } }).promise();
}

async function controlRecords(query: Record<string, string> = {}): Promise<any[]> {
  const response = await fetch(`${emu.url}/_emu/streams?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { records: any[] }).records;
}

/** The control endpoint's records once none is still on its way to Kinesis. */
async function settledRecords(query: Record<string, string> = {}): Promise<any[]> {
  for (let i = 0; i < 100; i++) {
    const records = await controlRecords(query);
    if (records.every((r) => r.kinesis?.status !== "PENDING")) return records;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("stream records still PENDING");
}

/** Everything moto's stream holds for one identity (tests share the stream), in order. */
async function kinesisRecords(identityId: string): Promise<Array<{ partitionKey: string; data: any }>> {
  const { StreamDescription } = await kinesis.send(new DescribeStreamCommand({ StreamName: STREAM }));
  const out: Array<{ partitionKey: string; data: any }> = [];
  for (const shard of StreamDescription!.Shards!) {
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: STREAM, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    for (const record of Records ?? []) out.push({ partitionKey: record.PartitionKey!, data: JSON.parse(Buffer.from(record.Data!).toString("utf8")) });
  }
  return out.filter((r) => r.data.identityId === identityId);
}

describe("Cognito Streams", () => {
  it("puts each committed change to the Kinesis stream as Cognito's stream record, and keeps it at /_emu/streams", async () => {
    await enableStream();
    const { identityId } = await newIdentity();
    await push(identityId, "settings", [replace("theme", "dark"), replace("lang", "en")], { deviceId: "phone" });
    await push(identityId, "settings", [{ Op: "remove", Key: "lang", SyncCount: 1 }]);
    // A refused update leaves no record.
    await expect(push(identityId, "settings", [replace("theme", "light", 0)])).rejects.toMatchObject({ name: "ResourceConflictException" });
    await sync().send(new DeleteDatasetCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "settings" }));

    const records = await settledRecords({ identityPoolId: POOL, datasetName: "settings" });
    expect(records.map((r) => r.record)).toEqual([
      {
        identityPoolId: POOL,
        identityId,
        datasetName: "settings",
        operation: "replace",
        kinesisSyncRecords: [
          { key: "theme", value: "dark", syncCount: 1, lastModifiedDate: expect.any(Number), deviceLastModifiedDate: DEVICE_TIME.getTime(), op: "replace" },
          { key: "lang", value: "en", syncCount: 1, lastModifiedDate: expect.any(Number), deviceLastModifiedDate: DEVICE_TIME.getTime(), op: "replace" },
        ],
        lastModifiedDate: expect.any(Number),
        payloadType: "Inline",
        syncCount: 1,
      },
      expect.objectContaining({
        operation: "replace",
        kinesisSyncRecords: [{ key: "lang", value: null, syncCount: 2, lastModifiedDate: expect.any(Number), deviceLastModifiedDate: expect.any(Number), op: "remove" }],
        syncCount: 2,
      }),
      { identityPoolId: POOL, identityId, datasetName: "settings", operation: "remove", lastModifiedDate: expect.any(Number), payloadType: "Inline", syncCount: 3 },
    ]);
    for (const row of records) {
      expect(row).toMatchObject({ identityPoolId: POOL, identityId, datasetName: "settings", streamName: STREAM, partitionKey: identityId, bulkPublish: false, createdAt: expect.any(String) });
      expect(row.kinesis).toEqual({ status: "DELIVERED", shardId: "shardId-000000000000", sequenceNumber: expect.any(String) });
    }

    // The same records, in order, partitioned by identity, are what a Kinesis consumer reads.
    const delivered = await kinesisRecords(identityId);
    expect(delivered.map((r) => r.partitionKey)).toEqual([identityId, identityId, identityId]);
    expect(delivered.map((r) => r.data)).toEqual(records.map((r) => r.record));
  });

  it("publishes every existing dataset on BulkPublish, and GetBulkPublishDetails follows it to completion", async () => {
    const [a, b] = [await newIdentity(), await newIdentity()];
    await push(a.identityId, "scores", [replace("level", "3"), replace("stars", "12")]);
    await push(a.identityId, "scores", [{ Op: "remove", Key: "stars", SyncCount: 1 }]);
    await push(a.identityId, "gone", [replace("k", "v")]);
    await sync().send(new DeleteDatasetCommand({ IdentityPoolId: POOL, IdentityId: a.identityId, DatasetName: "gone" }));
    await push(b.identityId, "prefs", [replace("theme", "dark")]);
    // Streaming starts after the data was written: only the bulk publish puts it to the stream.
    await enableStream();
    expect(await controlRecords()).toEqual([]);

    expect(await legacy().bulkPublish({ IdentityPoolId: POOL }).promise()).toEqual({ IdentityPoolId: POOL });
    expect(await sync().send(new GetBulkPublishDetailsCommand({ IdentityPoolId: POOL }))).toMatchObject({ BulkPublishStatus: "IN_PROGRESS" });
    await emu.clock.advance(1);
    const details = await until(
      () => legacy().getBulkPublishDetails({ IdentityPoolId: POOL }).promise(),
      (d) => d.BulkPublishStatus !== "IN_PROGRESS",
    );
    expect(details).toMatchObject({ BulkPublishStatus: "SUCCEEDED", BulkPublishStartTime: expect.any(Date), BulkPublishCompleteTime: expect.any(Date) });

    const records = await settledRecords({ identityPoolId: POOL });
    expect(records.every((r) => r.bulkPublish && r.kinesis.status === "DELIVERED")).toBe(true);
    const byDataset = Object.fromEntries(records.map((r) => [`${r.identityId}/${r.datasetName}`, r.record]));
    expect(Object.keys(byDataset).sort()).toEqual([`${a.identityId}/scores`, `${b.identityId}/prefs`].sort());
    expect(byDataset[`${a.identityId}/scores`]).toMatchObject({
      operation: "replace",
      syncCount: 2,
      payloadType: "Inline",
      kinesisSyncRecords: [expect.objectContaining({ key: "level", value: "3", syncCount: 1, op: "replace" })],
    });
    expect((await kinesisRecords(a.identityId)).map((r) => r.data)).toEqual([byDataset[`${a.identityId}/scores`]]);
    expect((await kinesisRecords(b.identityId)).map((r) => r.data)).toEqual([byDataset[`${b.identityId}/prefs`]]);
  });

  it("turns streaming off when the stream cannot be written, keeping the record at /_emu/streams; a bulk publish then fails", async () => {
    await enableStream("no-such-stream");
    const { identityId } = await newIdentity();
    await push(identityId, "notes", [replace("a", "1")]);
    const [failed] = await settledRecords({ identityPoolId: POOL });
    expect(failed).toMatchObject({ streamName: "no-such-stream", kinesis: { status: "FAILED", error: expect.stringContaining("ResourceNotFoundException") } });
    const config = await sync().send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId: POOL }));
    expect(config.CognitoStreams).toMatchObject({ StreamName: "no-such-stream", StreamingStatus: "DISABLED" });

    // Disabled: changes are not streamed, and a bulk publish is refused.
    await push(identityId, "notes", [replace("b", "2")]);
    expect(await controlRecords()).toHaveLength(1);
    await expect(sync().send(new BulkPublishCommand({ IdentityPoolId: POOL }))).rejects.toMatchObject({ name: "InvalidParameterException" });

    // Enabled again with a stream that still cannot be written: the bulk publish fails, saying why.
    await enableStream("no-such-stream");
    await sync().send(new BulkPublishCommand({ IdentityPoolId: POOL }));
    const details = await until(
      () => sync().send(new GetBulkPublishDetailsCommand({ IdentityPoolId: POOL })),
      (d) => d.BulkPublishStatus !== "IN_PROGRESS",
    );
    expect(details).toMatchObject({ BulkPublishStatus: "FAILED", FailureMessage: expect.stringContaining("ResourceNotFoundException") });

    // A stream that exists brings it back.
    await enableStream();
    await push(identityId, "notes", [replace("c", "3")]);
    expect((await settledRecords({ identityPoolId: POOL })).at(-1)).toMatchObject({ streamName: STREAM, kinesis: { status: "DELIVERED" } });
  });

  it("sends a change past Kinesis's 1 MB record size as a URL to its records", async () => {
    await enableStream();
    const { identityId } = await newIdentity();
    // 1000 records of 930 characters: about 1,022,000 bytes as UpdateRecords' request, within the
    // emulator's 1 MiB request limit and the dataset's 1 MB; about 1,058,000 as a stream record.
    const value = "x".repeat(930);
    const patches = Array.from({ length: 1000 }, (_, i) => replace(`k${String(i).padStart(4, "0")}`, value));
    await push(identityId, "blob", patches);
    const [row] = await settledRecords({ identityPoolId: POOL });
    expect(row.record).toEqual({
      identityPoolId: POOL,
      identityId,
      datasetName: "blob",
      operation: "replace",
      lastModifiedDate: expect.any(Number),
      kinesisSyncRecordsURL: expect.stringMatching(new RegExp(`^${emu.url}/_emu/streams/payloads/\\d+$`)),
      payloadType: "S3Url",
      syncCount: 1,
    });
    const payload = (await (await fetch(row.record.kinesisSyncRecordsURL)).json()) as any[];
    expect(payload).toHaveLength(1000);
    expect(payload[999]).toEqual({ key: "k0999", value, syncCount: 1, lastModifiedDate: expect.any(Number), deviceLastModifiedDate: DEVICE_TIME.getTime(), op: "replace" });
    expect(row.kinesis.status).toBe("DELIVERED");
    expect((await kinesisRecords(identityId)).map((r) => r.data)).toEqual([row.record]);
    expect((await fetch(`${emu.url}/_emu/streams/payloads/999999`)).status).toBe(404);
  });

  it("filters /_emu/streams by identity pool, identity and dataset; a reset clears it", async () => {
    await enableStream();
    const [a, b] = [await newIdentity(), await newIdentity()];
    await push(a.identityId, "one", [replace("k", "v")]);
    await push(a.identityId, "two", [replace("k", "v")]);
    await push(b.identityId, "one", [replace("k", "v")]);
    await settledRecords();
    const names = (records: any[]) => records.map((r) => `${r.identityId === a.identityId ? "a" : "b"}/${r.datasetName}`);
    expect(names(await controlRecords())).toEqual(["a/one", "a/two", "b/one"]);
    expect(names(await controlRecords({ datasetName: "one" }))).toEqual(["a/one", "b/one"]);
    expect(names(await controlRecords({ identityPoolId: POOL, identityId: b.identityId }))).toEqual(["b/one"]);
    expect(await controlRecords({ identityPoolId: "us-east-1:00000000-0000-4000-8000-0000000000ff" })).toEqual([]);
    await emu.reset();
    expect(await controlRecords()).toEqual([]);
  });
});

describe("Push sync", () => {
  let gcm: string;
  let apns: string;
  beforeAll(async () => {
    gcm = (await sns.send(new CreatePlatformApplicationCommand({ Name: "notes-android", Platform: "GCM", Attributes: { PlatformCredential: "server-key" } }))).PlatformApplicationArn!;
    apns = (
      await sns.send(new CreatePlatformApplicationCommand({ Name: "notes-ios", Platform: "APNS", Attributes: { PlatformCredential: "key", PlatformPrincipal: "cert" } }))
    ).PlatformApplicationArn!;
  });

  async function setUp() {
    await legacy().setIdentityPoolConfiguration({ IdentityPoolId: POOL, PushSync: { ApplicationArns: [gcm, apns], RoleArn: "arn:aws:iam::123456789012:role/Push" } }).promise();
    const { identityId, credentials } = await newIdentity();
    const client = legacy();
    const register = async (Platform: string, Token: string) =>
      (await client.registerDevice({ IdentityPoolId: POOL, IdentityId: identityId, Platform, Token }).promise()).DeviceId!;
    const devices = { phone: await register("GCM", `phone-${identityId}`), tablet: await register("GCM", `tablet-${identityId}`), ipad: await register("APNS", `ipad-${identityId}`) };
    for (const DeviceId of Object.values(devices)) await client.subscribeToDataset({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "notes", DeviceId }).promise();
    return { identityId, credentials, devices };
  }

  async function pushes(identityId: string): Promise<any[]> {
    const { messages } = (await (await fetch(`${emu.url}/_emu/messages?${new URLSearchParams({ userPoolId: POOL, username: identityId })}`)).json()) as { messages: any[] };
    return messages.filter((m) => m.deliveryMedium === "PUSH");
  }

  it("sends every other subscribed device a silent push when one device writes, through the SNS platform endpoint", async () => {
    const { identityId, credentials, devices } = await setUp();
    await push(identityId, "notes", [replace("todo", "milk")], { deviceId: devices.phone, client: sync(credentials) });

    const data = { source: "cognito-sync", identityPoolId: POOL, identityId, datasetName: "notes", syncCount: "1" };
    const sent = await pushes(identityId);
    expect(sent.map((m) => [m.destination, m.platform, m.deviceId])).toEqual([
      [`tablet-${identityId}`, "GCM", devices.tablet],
      [`ipad-${identityId}`, "APNS", devices.ipad],
    ]);
    expect(sent[0]).toMatchObject({ userPoolId: POOL, username: identityId, deliveryMedium: "PUSH", reason: "PushSync", datasetName: "notes", createdAt: expect.any(String) });
    expect(JSON.parse(sent[0].message)).toEqual({ data });
    expect(JSON.parse(sent[1].message)).toEqual({ aps: { "content-available": 1 }, data });

    // Through SNS: the tablet's token became an endpoint of the GCM application, and got the GCM message.
    const endpoints = await until(
      () => sns.send(new ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn: gcm })),
      (listed) => (listed.Endpoints ?? []).some((e) => e.Attributes?.Token === `tablet-${identityId}`),
    );
    expect(endpoints.Endpoints!.map((e) => e.Attributes?.Token)).not.toContain(`phone-${identityId}`);
    const published = await until(
      async () => ((await motoModels(moto)).sns?.PlatformEndpoint ?? []).filter((e) => e.token === `tablet-${identityId}` || e.token === `ipad-${identityId}`),
      (found) => found.length === 2 && found.every((e) => Object.keys(e.messages).length === 1),
    );
    const byToken = Object.fromEntries(published.map((e) => [e.token, JSON.parse(Object.values(e.messages)[0] as string)]));
    expect(JSON.parse(byToken[`tablet-${identityId}`].GCM)).toEqual({ data });
    expect(JSON.parse(byToken[`ipad-${identityId}`].APNS)).toEqual({ aps: { "content-available": 1 }, data });
    expect(JSON.parse(byToken[`tablet-${identityId}`].default)).toEqual(data);
  });

  it("pushes nothing, and streams nothing, for an update that fails", async () => {
    const { identityId, credentials, devices } = await setUp();
    await enableStream();
    await sync().send(new SetCognitoEventsCommand({ IdentityPoolId: POOL, Events: { SyncTrigger: "arn:aws:lambda:us-east-1:123456789012:function:refuse" } }));
    await legacy().subscribeToDataset({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "locked", DeviceId: devices.tablet }).promise();
    await expect(push(identityId, "locked", [replace("k", "v")], { deviceId: devices.phone, client: sync(credentials) })).rejects.toMatchObject({
      name: "InvalidLambdaFunctionOutputException",
    });
    await expect(push(identityId, "notes", [replace("k", "v", 5)], { deviceId: devices.phone, client: sync(credentials) })).rejects.toMatchObject({
      name: "ResourceConflictException",
    });
    expect(await pushes(identityId)).toEqual([]);
    expect(await controlRecords()).toEqual([]);

    // The same device writing successfully: its subscribers hear of it, and the stream has it.
    await push(identityId, "notes", [replace("k", "v")], { deviceId: devices.phone, client: sync(credentials) });
    expect((await pushes(identityId)).map((m) => m.deviceId)).toEqual([devices.tablet, devices.ipad]);
    expect(await controlRecords()).toHaveLength(1);
  });
});

/** Calls `fetch` until `done` holds of its answer (at most 5 s). */
async function until<T>(fetch: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await fetch();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
