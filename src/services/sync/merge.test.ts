import { IDENTITY_POOL_ID, identityTestbed } from "../identity-pools/testing";
import { datasetsOf, deleteDataset, liveDataset } from "./datasets";
import { mergedDatasetNames, moveSyncDataOnMerge } from "./merge";
import { applyRecordPatches, recordsChangedAfter } from "./sync-records";

const FROM = "us-east-1:11111111-2222-4333-8444-555555555555";
const TO = "us-east-1:66666666-7777-4888-8999-000000000000";

describe("Sync data of a merged identity", () => {
  const setUp = () => {
    const { services } = identityTestbed();
    const write = (identityId: string, datasetName: string, patches: Parameters<typeof applyRecordPatches>[1]["patches"]) =>
      applyRecordPatches(services, { identityPoolId: IDENTITY_POOL_ID, identityId, datasetName, patches, modifiedBy: "device" });
    return { services, write };
  };

  it("moves each live dataset, records and tombstones alike, under `<name>.<from>` and reports it on `<name>`", () => {
    const { services, write } = setUp();
    write(FROM, "cart", [{ Op: "replace", Key: "pears", Value: "3", SyncCount: 0 }, { Op: "replace", Key: "figs", Value: "1", SyncCount: 0 }]);
    write(FROM, "cart", [{ Op: "remove", Key: "figs", SyncCount: 1 }]);
    write(FROM, "gone", [{ Op: "replace", Key: "k", Value: "v", SyncCount: 0 }]);
    deleteDataset(services, liveDataset(services, FROM, "gone")!, "device");

    moveSyncDataOnMerge(services, FROM, TO);

    const name = `cart.${FROM}`;
    expect(datasetsOf(services, FROM)).toEqual([]);
    expect(datasetsOf(services, TO).map((d) => d.DatasetName)).toEqual([name]);
    expect(liveDataset(services, TO, name)).toMatchObject({ SyncCount: 2, NumRecords: 1, MergedInto: "cart" });
    expect(recordsChangedAfter(services, TO, name, 0).map((r) => [r.Key, r.Value])).toEqual([
      ["pears", "3"],
      ["figs", undefined],
    ]);
    expect(recordsChangedAfter(services, FROM, "cart", 0)).toEqual([]);
    expect(mergedDatasetNames(services, TO, "cart")).toEqual([name]);

    deleteDataset(services, liveDataset(services, TO, name)!, "device");
    expect(mergedDatasetNames(services, TO, "cart")).toEqual([]);
  });
});
