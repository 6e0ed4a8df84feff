import DeleteIdentities from "../identity-pools/operations/DeleteIdentities";
import { createIdentity } from "../identity-pools/identities";
import { deleteIdentityPool } from "../identity-pools/pools";
import { identityTestbed } from "../identity-pools/testing";
import { datasetsOf } from "./datasets";
import { registerDevice, subscribe } from "./devices";
import { poolSettings, updatePoolSettings } from "./pool-settings";
import { applyRecordPatches } from "./sync-records";
import { syncTables } from "./tables";
import { identityPoolUsage } from "./usage";

function bed() {
  const testbed = identityTestbed();
  const pool = testbed.putPool();
  const { services } = testbed;
  /** An identity with a dataset of one record, a push device and a subscription. */
  const identityWithData = () => {
    const identity = createIdentity(services, pool);
    applyRecordPatches(services, { identityPoolId: pool.IdentityPoolId, identityId: identity.IdentityId, datasetName: "d", patches: [{ Op: "replace", Key: "k", Value: "v", SyncCount: 0 }], modifiedBy: "device" });
    const device = registerDevice(services, pool.IdentityPoolId, identity.IdentityId, "GCM", `token-${identity.IdentityId}`);
    subscribe(services, identity.IdentityId, "d", device.DeviceId);
    return identity;
  };
  const rows = () => Object.fromEntries(Object.entries(syncTables(services)).map(([name, table]) => [name, table.size]));
  return { ...testbed, pool, identityWithData, rows };
}

describe("sync data", () => {
  it("goes with its identity", async () => {
    const { services, pool, identityWithData, rows, ctx } = bed();
    const gone = identityWithData();
    const kept = identityWithData();
    await DeleteIdentities({ IdentityIdsToDelete: [gone.IdentityId] }, ctx());
    expect(datasetsOf(services, gone.IdentityId)).toEqual([]);
    expect(datasetsOf(services, kept.IdentityId)).toHaveLength(1);
    expect(rows()).toEqual({ datasets: 1, records: 1, pools: 0, devices: 1, subscriptions: 1, streamRecords: 0 });
    expect(identityPoolUsage(services, pool.IdentityPoolId).DataStorage).toBe(2);
  });

  it("goes with its identity pool, and so do the pool's sync settings", () => {
    const { services, pool, identityWithData, rows } = bed();
    identityWithData();
    updatePoolSettings(services, pool.IdentityPoolId, { Events: { SyncTrigger: "arn:aws:lambda:us-east-1:123456789012:function:sync" } });
    deleteIdentityPool(services, pool);
    expect(rows()).toEqual({ datasets: 0, records: 0, pools: 0, devices: 0, subscriptions: 0, streamRecords: 0 });
    expect(poolSettings(services, pool.IdentityPoolId)).toEqual({ IdentityPoolId: pool.IdentityPoolId });
  });
});
