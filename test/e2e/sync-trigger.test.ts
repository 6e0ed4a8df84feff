import fs from "node:fs";
import path from "node:path";
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { CognitoSyncClient, ListRecordsCommand, type RecordPatch, SetCognitoEventsCommand, UpdateRecordsCommand } from "@aws-sdk/client-cognito-sync";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import AWS from "aws-sdk";
import type { RunningEmulator } from "../../src/server/emulator";
import { triggerSettings } from "../../src/triggers";
import { startTestEmulator, tempDir } from "../support/emulator";
import { type LambdaServer, startLambdaServer } from "../support/lambda-server";

/**
 * Cognito Sync's SyncTrigger event (the developer guide's "Amazon Cognito Events"): UpdateRecords
 * invokes the function set with SetCognitoEvents, with the whole dataset and the device's changes; the
 * function's answer is what gets written. Run through both invokers: a local module from the fixtures'
 * Functions map and the Lambda Invoke API.
 */
const REGION = "us-east-1";
const POOL = "us-east-1:00000000-0000-4000-8000-0000000000c1";
const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:onSync";
const DEVELOPER: AwsCredentialIdentity = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

/** One source text, run by both invokers; what it does depends on the dataset. */
const ON_SYNC = `async (event) => {
  const records = event.datasetRecords;
  switch (event.datasetName) {
    case "locked":
      throw new Error("locked datasets cannot be changed");
    case "tamper":
      event.identityId = "us-east-1:00000000-0000-4000-8000-00000000beef";
      return event;
    case "garbage":
      return "not an event";
    case "slow":
      await new Promise((resolve) => setTimeout(resolve, 700));
      return event;
    default:
      if (records.name && records.name.newValue) records.name.newValue = records.name.newValue.toUpperCase();
      delete records.draft;
      records.updatedBy = { newValue: "trigger", op: "replace" };
      return event;
  }
}`;

interface Invoker {
  start(): Promise<RunningEmulator>;
  events(): any[];
  stop(): Promise<void>;
}

function localModule(): Invoker {
  const dir = tempDir("cognito-emu-sync-trigger-");
  const file = path.join(dir, "on-sync.js");
  const log = path.join(dir, "events.log");
  fs.writeFileSync(
    file,
    `const fs = require("node:fs");
const run = ${ON_SYNC};
exports.handler = async (event) => {
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(event) + "\\n");
  return run(event);
};`,
  );
  return {
    start: () => startTestEmulator(fixture({ onSync: file })),
    events: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)) : []),
    stop: async () => {},
  };
}

function lambdaApi(): Invoker {
  let lambda: LambdaServer;
  return {
    start: async () => {
      lambda = await startLambdaServer();
      lambda.define("onSync", new Function(`return (${ON_SYNC});`)());
      return startTestEmulator(fixture(), { lambdaEndpoint: lambda.url });
    },
    events: () => lambda.eventsOf("onSync"),
    stop: () => lambda.close(),
  };
}

function fixture(functions?: Record<string, string>) {
  return {
    IdentityPools: [{ IdentityPoolId: POOL, IdentityPoolName: "synced", AllowUnauthenticatedIdentities: true, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Guest" } }],
    ...(functions ? { Functions: functions } : {}),
  };
}

describe.each([
  ["a local module", localModule],
  ["the Lambda Invoke API", lambdaApi],
])("SyncTrigger through %s", (_, makeInvoker) => {
  const invoker = makeInvoker();
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await invoker.start();
  });
  afterAll(async () => {
    await emu.stop();
    await invoker.stop();
  });
  beforeEach(async () => {
    await emu.reset();
    triggerSettings(emu.services).timeoutMs = 5000;
    await developerSync().send(new SetCognitoEventsCommand({ IdentityPoolId: POOL, Events: { SyncTrigger: FUNCTION_ARN } }));
  });

  const developerSync = () => new CognitoSyncClient({ endpoint: emu.url, region: REGION, credentials: DEVELOPER, maxAttempts: 1 });

  /** A new identity and a Sync client signed with its own credentials: Cognito runs Sync triggers only for those. */
  async function device(): Promise<{ identityId: string; sync: CognitoSyncClient; legacy: AWS.CognitoSync }> {
    const identity = new CognitoIdentityClient({ endpoint: emu.url, region: REGION, credentials: DEVELOPER, maxAttempts: 1 });
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: POOL }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const credentials = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken };
    const legacy = new AWS.CognitoSync({
      endpoint: emu.url,
      region: REGION,
      credentials: new AWS.Credentials(credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken),
      maxRetries: 0,
    });
    return { identityId: IdentityId!, sync: new CognitoSyncClient({ endpoint: emu.url, region: REGION, credentials, maxAttempts: 1 }), legacy };
  }

  async function push(sync: CognitoSyncClient, identityId: string, datasetName: string, patches: RecordPatch[]) {
    const { SyncSessionToken } = await sync.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: datasetName }));
    return sync.send(new UpdateRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: datasetName, SyncSessionToken, RecordPatches: patches }));
  }

  async function stored(sync: CognitoSyncClient, identityId: string, datasetName: string) {
    const listed = await sync.send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: datasetName }));
    return { exists: listed.DatasetExists, records: Object.fromEntries(listed.Records!.filter((r) => r.Value !== undefined).map((r) => [r.Key, r.Value])) };
  }

  it("sends the whole dataset with the device's changes, and writes what the function answers: changed, added, dropped", async () => {
    const { identityId, sync, legacy } = await device();
    const first = await push(sync, identityId, "profile", [
      { Op: "replace", Key: "name", Value: "ada", SyncCount: 0 },
      { Op: "replace", Key: "draft", Value: "unsaved", SyncCount: 0 },
    ]);
    expect(first.Records!.map((r) => [r.Key, r.Value, r.SyncCount])).toEqual([
      ["name", "ADA", 1],
      ["updatedBy", "trigger", 1],
    ]);
    expect(invoker.events().at(-1)).toEqual({
      version: 2,
      eventType: "SyncTrigger",
      region: REGION,
      identityPoolId: POOL,
      identityId,
      datasetName: "profile",
      datasetRecords: {
        name: { oldValue: null, newValue: "ada", op: "replace" },
        draft: { oldValue: null, newValue: "unsaved", op: "replace" },
      },
    });

    // The legacy SDK's client, as older apps sync: the function sees every record, touched or not.
    const token = (await legacy.listRecords({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "profile" }).promise()).SyncSessionToken!;
    const second = await legacy
      .updateRecords({
        IdentityPoolId: POOL,
        IdentityId: identityId,
        DatasetName: "profile",
        SyncSessionToken: token,
        RecordPatches: [
          { Op: "replace", Key: "city", Value: "paris", SyncCount: 0 },
          { Op: "remove", Key: "name", SyncCount: 1 },
        ],
      })
      .promise();
    expect(invoker.events().at(-1).datasetRecords).toEqual({
      name: { oldValue: "ADA", newValue: null, op: "remove" },
      updatedBy: { oldValue: "trigger", newValue: "trigger", op: "replace" },
      city: { oldValue: null, newValue: "paris", op: "replace" },
    });
    // updatedBy came back unchanged: not written again.
    expect(second.Records!.map((r) => [r.Key, r.Value ?? null, r.SyncCount])).toEqual([
      ["name", null, 2],
      ["city", "paris", 2],
    ]);
    expect(await stored(sync, identityId, "profile")).toEqual({ exists: true, records: { updatedBy: "trigger", city: "paris" } });
  });

  it("refuses the update with InvalidLambdaFunctionOutputException when the function throws, writing nothing", async () => {
    const { identityId, sync, legacy } = await device();
    await expect(push(sync, identityId, "locked", [{ Op: "replace", Key: "k", Value: "v", SyncCount: 0 }])).rejects.toMatchObject({
      name: "InvalidLambdaFunctionOutputException",
      message: expect.stringContaining("locked datasets cannot be changed"),
      $metadata: { httpStatusCode: 400 },
    });
    expect(await stored(sync, identityId, "locked")).toEqual({ exists: false, records: {} });

    const token = (await legacy.listRecords({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "locked" }).promise()).SyncSessionToken!;
    const refused = legacy
      .updateRecords({ IdentityPoolId: POOL, IdentityId: identityId, DatasetName: "locked", SyncSessionToken: token, RecordPatches: [{ Op: "replace", Key: "k", Value: "v", SyncCount: 0 }] })
      .promise();
    await expect(refused).rejects.toMatchObject({ code: "InvalidLambdaFunctionOutputException", statusCode: 400 });
  });

  it("refuses an answer that changes a read-only field or is not an event, and a function that does not answer in time", async () => {
    const { identityId, sync } = await device();
    const patch: RecordPatch[] = [{ Op: "replace", Key: "k", Value: "v", SyncCount: 0 }];
    await expect(push(sync, identityId, "tamper", patch)).rejects.toMatchObject({
      name: "InvalidLambdaFunctionOutputException",
      message: "The Lambda function returned invalid output: identityId was changed; only datasetRecords may be.",
    });
    await expect(push(sync, identityId, "garbage", patch)).rejects.toMatchObject({ name: "InvalidLambdaFunctionOutputException" });
    triggerSettings(emu.services).timeoutMs = 200;
    await expect(push(sync, identityId, "slow", patch)).rejects.toMatchObject({ name: "LambdaSocketTimeoutException", $metadata: { httpStatusCode: 400 } });
    for (const name of ["tamper", "garbage", "slow"]) expect((await stored(sync, identityId, name)).exists).toBe(false);
  });

  it("is not invoked for developer credentials, nor once the event is cleared", async () => {
    const { identityId } = await device();
    const before = invoker.events().length;
    const asDeveloper = developerSync();
    await push(asDeveloper, identityId, "locked", [{ Op: "replace", Key: "k", Value: "v", SyncCount: 0 }]);
    expect(await stored(asDeveloper, identityId, "locked")).toEqual({ exists: true, records: { k: "v" } });

    await asDeveloper.send(new SetCognitoEventsCommand({ IdentityPoolId: POOL, Events: {} }));
    const { identityId: other, sync } = await device();
    await push(sync, other, "locked", [{ Op: "replace", Key: "k", Value: "v", SyncCount: 0 }]);
    expect(invoker.events().length).toBe(before);
  });
});
