import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RecordPatch } from "@aws-sdk/client-cognito-sync";
import { IDENTITY_POOL_ID, identityTestbed } from "../identity-pools/testing";
import { bulkPublishDetails } from "./bulk-publish";
import { updatePoolSettings } from "./pool-settings";
import { applyRecordPatches } from "./sync-records";
import { runSyncTrigger, syncTriggerEvent } from "./sync-trigger";

const IDENTITY = "us-east-1:11111111-2222-4333-8444-555555555555";
const target = { identityPoolId: IDENTITY_POOL_ID, identityId: IDENTITY, datasetName: "profile" };

/** Services with a dataset holding `kept`, `gone` (removed: a tombstone) and `__proto__`, and the function `answer` as a local module. */
function setUp(answer: string) {
  const { services } = identityTestbed();
  const write = (patches: RecordPatch[]) => applyRecordPatches(services, { ...target, patches, modifiedBy: "device" });
  write([
    { Op: "replace", Key: "kept", Value: "1", SyncCount: 0 },
    { Op: "replace", Key: "gone", Value: "x", SyncCount: 0 },
    { Op: "replace", Key: "__proto__", Value: "p", SyncCount: 0 },
  ]);
  write([{ Op: "remove", Key: "gone", SyncCount: 1 }]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-sync-trigger-")), "fn.js");
  fs.writeFileSync(file, `exports.handler = async (event) => { const records = event.datasetRecords; ${answer}; return event; };`);
  services.store.table<string>("functions").put("fn", file);
  const run = (patches: RecordPatch[]) => runSyncTrigger(services, "fn", { ...target, patches });
  return { services, run };
}

describe("SyncTrigger event", () => {
  it("holds every live record, the device's changes applied; a record key such as __proto__ is an ordinary field", () => {
    const { services } = setUp("");
    const event = syncTriggerEvent(services, { ...target, patches: [{ Op: "replace", Key: "kept", Value: "2", SyncCount: 1 }, { Op: "remove", Key: "__proto__", SyncCount: 1 }] });
    expect(JSON.parse(JSON.stringify(event.datasetRecords))).toEqual({
      kept: { oldValue: "1", newValue: "2", op: "replace" },
      ["__proto__"]: { oldValue: "p", newValue: null, op: "remove" },
    });
    expect(Object.getPrototypeOf(event.datasetRecords)).toBe(Object.prototype);
  });
});

describe("SyncTrigger answer", () => {
  it("becomes patches: changed and added records, removals by op or null value; omitted and unchanged records are not written", async () => {
    const { run } = setUp(`records.kept.newValue = "one"; records.added = { newValue: "new", op: "replace" }; records.__proto__ = { newValue: null, op: "replace" }; delete records.fresh`);
    const patches = await run([{ Op: "replace", Key: "fresh", Value: "f", SyncCount: 0 }]);
    expect(patches).toEqual([
      { Op: "replace", Key: "kept", Value: "one", SyncCount: 1, DeviceLastModifiedDate: undefined },
      { Op: "remove", Key: "__proto__", Value: undefined, SyncCount: 1, DeviceLastModifiedDate: undefined },
      { Op: "replace", Key: "added", Value: "new", SyncCount: 0, DeviceLastModifiedDate: undefined },
    ]);

    // The event sent back unchanged writes exactly the device's patches.
    const { run: echo } = setUp("");
    const deviceTime = new Date(1_700_000_000_000);
    expect(await echo([{ Op: "replace", Key: "kept", Value: "1", SyncCount: 1, DeviceLastModifiedDate: deviceTime }])).toEqual([
      { Op: "replace", Key: "kept", Value: "1", SyncCount: 1, DeviceLastModifiedDate: deviceTime },
    ]);
  });

  it.each([
    ["an op that is neither replace nor remove", `records.kept.op = "delete"`, "record kept has op \"delete\""],
    ["a value that is not a string", `records.kept.newValue = 42`, "record kept has a newValue that is not a string"],
    ["a record that is not an object", `records.kept = "1"`, "record kept is not an object"],
    ["a key longer than 1024 characters", `records["k".repeat(1025)] = { newValue: "v", op: "replace" }`, "is not 1 to 1024 characters long"],
    ["no datasetRecords", `delete event.datasetRecords`, "datasetRecords is not an object"],
    ["a changed read-only field", `event.datasetName = "other"`, "datasetName was changed; only datasetRecords may be"],
  ])("refuses %s with InvalidLambdaFunctionOutputException", async (_, answer, message) => {
    const { run } = setUp(answer);
    await expect(run([])).rejects.toMatchObject({ code: "InvalidLambdaFunctionOutputException", statusCode: 400, message: expect.stringContaining(message) });
  });
});

describe("bulk publish status", () => {
  it("reports a publish cut short by a restart as FAILED, and a row from before statuses were kept as SUCCEEDED", () => {
    const { services } = identityTestbed();
    const started = services.clock.now() - 10_000;
    updatePoolSettings(services, IDENTITY_POOL_ID, { BulkPublishStartTime: started, BulkPublishStatus: "IN_PROGRESS" });
    expect(bulkPublishDetails(services, IDENTITY_POOL_ID)).toMatchObject({ BulkPublishStatus: "FAILED", FailureMessage: expect.stringContaining("interrupted") });

    updatePoolSettings(services, IDENTITY_POOL_ID, { BulkPublishStatus: undefined });
    expect(bulkPublishDetails(services, IDENTITY_POOL_ID)).toEqual({
      IdentityPoolId: IDENTITY_POOL_ID,
      BulkPublishStartTime: new Date(started),
      BulkPublishCompleteTime: new Date(started + 1000),
      BulkPublishStatus: "SUCCEEDED",
    });
  });
});
