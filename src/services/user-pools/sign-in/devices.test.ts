import { servicesTestbed } from "../../testing";
import {
  claimedDevice,
  confirmDevice,
  isRememberedDevice,
  listDevices,
  rememberDevice,
  tracksDevices,
  updateDeviceStatus,
} from "./devices";
import { createPool, deletePool } from "../directory/pools";
import type { PoolRecord, UserRecord } from "../directory/records";
import type { SignInState } from "./pipeline";
import { createUser, removeUser } from "../directory/users";

const VERIFIER = Buffer.from("0a1b2c3d", "hex").toString("base64");
const SALT = Buffer.from("5eed", "hex").toString("base64");

describe("devices", () => {
  const { services } = servicesTestbed();
  const tracking = createPool(services, "us-east-1", { PoolName: "tracking", DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } });
  const promptFirst = createPool(services, "us-east-1", { PoolName: "prompt", DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: true } });
  const untracked = createPool(services, "us-east-1", { PoolName: "untracked" });
  const userIn = (pool: PoolRecord, Username: string) => createUser(services, pool, { Username, Attributes: {}, UserStatus: "CONFIRMED" });
  const state = (pool: PoolRecord, user: UserRecord, deviceKey?: string) => ({ pool, user, deviceKey }) as SignInState;
  const newConfirmedDevice = (pool: PoolRecord, user: UserRecord) => {
    const { DeviceKey } = rememberDevice(services, state(pool, user))!;
    confirmDevice(services, pool, user, { deviceKey: DeviceKey!, salt: SALT, verifier: VERIFIER });
    return DeviceKey!;
  };

  it("tracks devices once any DeviceConfiguration property is given", () => {
    expect(tracksDevices(tracking)).toBe(true);
    expect(tracksDevices(promptFirst)).toBe(true);
    expect(tracksDevices(untracked)).toBe(false);
    expect(tracksDevices({ ...untracked, DeviceConfiguration: {} })).toBe(false);
  });

  it("issues device keys only where devices are tracked and the sign-in named none", () => {
    const user = userIn(tracking, "ann");
    const issued = rememberDevice(services, state(tracking, user))!;
    expect(issued.DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
    expect(issued.DeviceGroupKey).toMatch(/^-[A-Za-z0-9]{9}$/);
    expect(rememberDevice(services, state(tracking, user))!.DeviceGroupKey).toBe(issued.DeviceGroupKey);
    expect(rememberDevice(services, state(tracking, user, issued.DeviceKey))).toBeUndefined();
    expect(rememberDevice(services, state(untracked, userIn(untracked, "ann")))).toBeUndefined();
  });

  it("keeps a bounded number of keys that were never confirmed", () => {
    const user = userIn(tracking, "hoarder");
    const confirmed = newConfirmedDevice(tracking, user);
    for (let i = 0; i < 25; i++) rememberDevice(services, state(tracking, user));
    const owned = [...services.tables.devices.values()].filter((d) => d.Sub === user.Sub);
    expect(owned.filter((d) => !d.Verifier)).toHaveLength(10);
    expect(isRememberedDevice(services, user, confirmed)).toBe(true);
  });

  it("remembers confirmed devices unless the pool waits for the user's prompt", () => {
    const ann = userIn(promptFirst, "ann");
    const { DeviceKey } = rememberDevice(services, state(promptFirst, ann))!;
    expect(isRememberedDevice(services, ann, DeviceKey!)).toBe(false);
    expect(confirmDevice(services, promptFirst, ann, { deviceKey: DeviceKey!, salt: SALT, verifier: VERIFIER })).toEqual({ UserConfirmationNecessary: true });
    expect(isRememberedDevice(services, ann, DeviceKey!)).toBe(false);
    expect(listDevices(services, promptFirst, ann, undefined, undefined).Devices).toEqual([]);
    updateDeviceStatus(services, ann, DeviceKey!, "remembered");
    expect(isRememberedDevice(services, ann, DeviceKey!)).toBe(true);
    expect(listDevices(services, promptFirst, ann, undefined, undefined).Devices!.map((d) => d.DeviceKey)).toEqual([DeviceKey]);
  });

  it("accepts a named device only when it is a confirmed device of the user", () => {
    const bob = userIn(tracking, "bob");
    const eve = userIn(tracking, "eve");
    const key = newConfirmedDevice(tracking, bob);
    const pending = rememberDevice(services, state(tracking, bob))!.DeviceKey!;
    expect(claimedDevice(services, tracking, bob, key)).toBe(key);
    expect(claimedDevice(services, tracking, bob, undefined)).toBeUndefined();
    expect(claimedDevice(services, tracking, bob, null)).toBeUndefined();
    expect(() => claimedDevice(services, tracking, eve, key)).toThrow(expect.objectContaining({ code: "ResourceNotFoundException", message: "Device does not exist." }));
    expect(() => claimedDevice(services, tracking, bob, pending)).toThrow(expect.objectContaining({ code: "ResourceNotFoundException" }));
    expect(claimedDevice(services, { ...tracking, DeviceConfiguration: undefined }, bob, key)).toBeUndefined();
  });

  it("refuses verifiers that are missing or 0 mod N", () => {
    const cid = userIn(tracking, "cid");
    const { DeviceKey } = rememberDevice(services, state(tracking, cid))!;
    expect(() => confirmDevice(services, tracking, cid, { deviceKey: DeviceKey!, salt: SALT })).toThrow(expect.objectContaining({ code: "InvalidParameterException" }));
    expect(() => confirmDevice(services, tracking, cid, { deviceKey: DeviceKey!, salt: SALT, verifier: Buffer.alloc(4).toString("base64") })).toThrow(
      expect.objectContaining({ code: "InvalidParameterException" }),
    );
  });

  it("drops the devices of a deleted user or pool", () => {
    const gone = userIn(tracking, "gone");
    const kept = userIn(tracking, "kept");
    const goneKey = newConfirmedDevice(tracking, gone);
    const keptKey = newConfirmedDevice(tracking, kept);
    removeUser(services, gone);
    expect(isRememberedDevice(services, gone, goneKey)).toBe(false);
    expect(isRememberedDevice(services, kept, keptKey)).toBe(true);
    deletePool(services, tracking);
    expect(isRememberedDevice(services, kept, keptKey)).toBe(false);
  });
});
