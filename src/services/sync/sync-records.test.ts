import { errorOf, IDENTITY_POOL_ID, identityTestbed } from "../identity-pools/testing";
import { deleteDataset, liveDataset } from "./datasets";
import { checkSyncSessionToken, issueSyncSessionToken } from "./session-tokens";
import { applyRecordPatches, recordsChangedAfter } from "./sync-records";

const IDENTITY = "us-east-1:11111111-2222-4333-8444-555555555555";

function bed() {
  const testbed = identityTestbed();
  const update = (patches: Parameters<typeof applyRecordPatches>[1]["patches"], datasetName = "d") =>
    applyRecordPatches(testbed.services, { identityPoolId: IDENTITY_POOL_ID, identityId: IDENTITY, datasetName, patches, modifiedBy: "device" });
  return { ...testbed, update, dataset: (name = "d") => liveDataset(testbed.services, IDENTITY, name) };
}

describe("record patches", () => {
  it("count storage and records over live records only, tombstones aside", () => {
    const { update, dataset, services } = bed();
    update([{ Op: "replace", Key: "a", Value: "1234", SyncCount: 0 }, { Op: "replace", Key: "bb", Value: "5", SyncCount: 0 }]);
    update([{ Op: "remove", Key: "a", SyncCount: 1 }]);
    expect(dataset()).toMatchObject({ SyncCount: 2, NumRecords: 1, DataStorage: 3, LastModifiedBy: "device" });
    expect(recordsChangedAfter(services, IDENTITY, "d", 1)).toEqual([expect.objectContaining({ Key: "a", Value: undefined, SyncCount: 2 })]);
  });

  it("take DeviceLastModifiedDate as epoch seconds, as restJson sends it", () => {
    const { update } = bed();
    const [row] = update([{ Op: "replace", Key: "k", Value: "v", SyncCount: 0, DeviceLastModifiedDate: 1_600_000_000.5 as unknown as Date }]);
    expect(row.DeviceLastModifiedDate).toBe(1_600_000_000_500);
  });

  it("create an empty dataset without moving its SyncCount", () => {
    const { update, dataset } = bed();
    expect(update([])).toEqual([]);
    expect(dataset()).toMatchObject({ SyncCount: 0, NumRecords: 0, LastModifiedBy: "device" });
  });

  it("bring a deleted dataset back empty, its SyncCount carrying on", () => {
    const { update, dataset, services } = bed();
    update([{ Op: "replace", Key: "k", Value: "v", SyncCount: 0 }]);
    deleteDataset(services, dataset()!, "device");
    expect(dataset()).toBeUndefined();
    update([{ Op: "replace", Key: "k", Value: "w", SyncCount: 0 }]);
    expect(dataset()).toMatchObject({ SyncCount: 3, DeletedSyncCount: 2, NumRecords: 1 });
  });
});

describe("sync session tokens", () => {
  it("hold for an hour, for their identity", async () => {
    const { services, clock } = bed();
    const token = issueSyncSessionToken(services, IDENTITY_POOL_ID, IDENTITY);
    expect(() => checkSyncSessionToken(services, token, IDENTITY_POOL_ID, IDENTITY)).not.toThrow();
    expect(await errorOf(() => checkSyncSessionToken(services, token, "us-east-1:00000000-0000-4000-8000-000000000009", IDENTITY))).toMatchObject({
      code: "InvalidParameterException",
      statusCode: 400,
    });
    clock.advance(3600);
    expect(await errorOf(() => checkSyncSessionToken(services, token, IDENTITY_POOL_ID, IDENTITY))).toMatchObject({ code: "InvalidParameterException" });
  });
});
