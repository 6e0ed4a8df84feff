import { randomInt, randomUUID } from "node:crypto";
import type { AttributeType, DeviceType, NewDeviceMetadataType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, ResourceNotFound, ServiceError } from "../../../errors";
import type { Services } from "../../services";
import { pageOf } from "../directory/pools";
import type { DeviceRecord, DeviceRememberedStatus, PoolRecord, UserRecord } from "../directory/records";
import type { NextChallenge } from "./result";
import { challenge, type SignInState } from "./state";
import { N, toBigInt } from "./srp";
import { deviceKey as keyOf, userRefOf } from "../directory/tables";

/** Keys issued at sign-in that no ConfirmDevice followed; the oldest go beyond this many per user. */
const MAX_UNCONFIRMED_PER_USER = 10;

/** "When you provide a value for any property of DeviceConfiguration, you activate device remembering." */
export function tracksDevices(pool: PoolRecord): boolean {
  return Object.values(pool.DeviceConfiguration ?? {}).some((value) => value !== undefined);
}

function findDevice(services: Services, user: UserRecord, deviceKey: string): DeviceRecord | undefined {
  return services.tables.devices.get(keyOf(user.UserPoolId, user.Sub, deviceKey));
}

/** A device of the user that ConfirmDevice registered, or Cognito's "Device does not exist." */
export function requireDevice(services: Services, user: UserRecord, deviceKey: string): DeviceRecord {
  const device = findDevice(services, user, deviceKey);
  if (!device?.Verifier) throw ResourceNotFound("Device does not exist.");
  return device;
}

/** Whether the device is the user's, confirmed, and remembered: what lets it stand in for MFA. */
export function isRememberedDevice(services: Services, user: UserRecord, deviceKey: string): boolean {
  const device = findDevice(services, user, deviceKey);
  return Boolean(device?.Verifier) && device!.RememberedStatus === "remembered";
}

/**
 * The device a sign-in names with DEVICE_KEY, when the pool tracks devices: it must be one of the
 * user's confirmed devices (clients that get "Device does not exist." retry without it).
 */
export function claimedDevice(services: Services, pool: PoolRecord, user: UserRecord, deviceKey: string | null | undefined): string | undefined {
  if (!deviceKey || !tracksDevices(pool)) return undefined;
  return requireDevice(services, user, deviceKey).DeviceKey;
}

/** A sign-in whose device has just passed DEVICE_PASSWORD_VERIFIER. */
export interface DeviceProvenState extends SignInState {
  deviceProven: true;
}

/**
 * Before tokens, a sign-in that names a device proves it holds the device's secret: DEVICE_SRP_AUTH,
 * then DEVICE_PASSWORD_VERIFIER, which completes the sign-in.
 */
export function deviceChallenge(services: Services, state: SignInState): NextChallenge | undefined {
  if (!state.deviceKey || !tracksDevices(state.pool) || (state as Partial<DeviceProvenState>).deviceProven) return undefined;
  return challenge(services, state, "DEVICE_SRP_AUTH", {});
}

/**
 * A new device key for the sign-in when the pool tracks devices (DeviceConfiguration) and the user did
 * not sign in from a known device; undefined otherwise.
 */
export function rememberDevice(services: Services, state: SignInState): NewDeviceMetadataType | undefined {
  if (!tracksDevices(state.pool) || state.deviceKey) return undefined;
  const device = issueDevice(services, state.pool, state.user);
  return { DeviceKey: device.DeviceKey, DeviceGroupKey: device.DeviceGroupKey };
}

function issueDevice(services: Services, pool: PoolRecord, user: UserRecord): DeviceRecord {
  const table = services.tables.devices;
  const owned = table.findBy("byUser", userRefOf(user));
  const unconfirmed = owned.filter((d) => !d.Verifier).sort((a, b) => a.CreateDate - b.CreateDate);
  for (const stale of unconfirmed.slice(0, Math.max(0, unconfirmed.length - MAX_UNCONFIRMED_PER_USER + 1))) {
    table.delete(keyOf(pool.Id, user.Sub, stale.DeviceKey));
  }
  const now = services.clock.now();
  const device: DeviceRecord = {
    UserPoolId: pool.Id,
    Sub: user.Sub,
    DeviceKey: `${pool.Region}_${randomUUID()}`,
    // One group per user, as the devices of a user share their SRP "pool name".
    DeviceGroupKey: owned[0]?.DeviceGroupKey ?? newGroupKey(),
    RememberedStatus: "not_remembered",
    CreateDate: now,
    LastModifiedDate: now,
    LastAuthenticatedDate: now,
  };
  table.put(keyOf(pool.Id, user.Sub, device.DeviceKey), device);
  return device;
}

const GROUP_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function newGroupKey(): string {
  let key = "-";
  for (let i = 0; i < 9; i++) key += GROUP_KEY_ALPHABET[randomInt(GROUP_KEY_ALPHABET.length)];
  return key;
}

export interface DeviceConfirmation {
  deviceKey: string;
  salt?: string;
  verifier?: string;
  name?: string;
  sourceIp?: string;
}

/**
 * ConfirmDevice: the device's SRP salt and verifier (base64), which make it able to sign in. A pool
 * that remembers devices only on the user's prompt starts them not remembered and says so.
 */
export function confirmDevice(services: Services, pool: PoolRecord, user: UserRecord, input: DeviceConfirmation): { UserConfirmationNecessary: boolean } {
  const device = findDevice(services, user, input.deviceKey);
  if (!device) throw ResourceNotFound("Device does not exist.");
  if (device.Verifier) throw new ServiceError("DeviceKeyExistsException", "Device key already exists.");
  const salt = decodeBase64(input.salt, "Salt");
  const verifier = decodeBase64(input.verifier, "PasswordVerifier");
  if (toBigInt(verifier) % N === 0n) throw InvalidParameter("Invalid device secret verifier.");
  const promptFirst = pool.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
  saveDevice(services, device, {
    Salt: salt.toString("hex"),
    Verifier: verifier.toString("hex"),
    DeviceName: input.name,
    RememberedStatus: promptFirst ? "not_remembered" : "remembered",
    LastIp: input.sourceIp ?? device.LastIp,
  });
  return { UserConfirmationNecessary: promptFirst };
}

function decodeBase64(value: string | undefined, member: string): Buffer {
  const bytes = value ? Buffer.from(value, "base64") : Buffer.alloc(0);
  if (bytes.length === 0) throw InvalidParameter(`DeviceSecretVerifierConfig.${member} is required to confirm a device.`);
  return bytes;
}

function saveDevice(services: Services, device: DeviceRecord, changes: Partial<DeviceRecord>): DeviceRecord {
  const next = { ...device, ...changes, LastModifiedDate: services.clock.now() };
  services.tables.devices.put(keyOf(device.UserPoolId, device.Sub, device.DeviceKey), next);
  return next;
}

/** A successful device sign-in. */
export function deviceSignedIn(services: Services, device: DeviceRecord): void {
  services.tables.devices.put(keyOf(device.UserPoolId, device.Sub, device.DeviceKey), { ...device, LastAuthenticatedDate: services.clock.now() });
}

/** UpdateDeviceStatus and its admin twin; no status given leaves it as it is. */
export function updateDeviceStatus(services: Services, user: UserRecord, deviceKey: string, status: string | undefined): void {
  const device = requireDevice(services, user, deviceKey);
  if (status === undefined || status === device.RememberedStatus) return;
  saveDevice(services, device, { RememberedStatus: status as DeviceRememberedStatus });
}

/** ForgetDevice and its admin twin: the device can no longer sign in or skip MFA. */
export function forgetDevice(services: Services, user: UserRecord, deviceKey: string): void {
  const device = findDevice(services, user, deviceKey);
  if (!device) throw ResourceNotFound("Device does not exist.");
  services.tables.devices.delete(keyOf(user.UserPoolId, user.Sub, deviceKey));
}

/** Creation order, as pageOf's tokens compare keys. */
const sortKey = (d: DeviceRecord) => `${String(d.CreateDate).padStart(16, "0")}|${d.DeviceKey}`;

/** ListDevices and AdminListDevices: the user's remembered devices, oldest first, a page at a time. */
export function listDevices(services: Services, pool: PoolRecord, user: UserRecord, limit: number | undefined, paginationToken: string | undefined) {
  const remembered = services.tables.devices
    .findBy("byUser", userRefOf(user))
    .filter((d) => d.Verifier && d.RememberedStatus === "remembered")
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
  const page = pageOf(remembered, sortKey, limit || 60, paginationToken);
  return { Devices: page.items.map((d) => deviceType(services, pool, user, d)), PaginationToken: page.nextToken };
}

/** GetDevice's view, with the attributes Cognito reports. */
export function deviceType(services: Services, pool: PoolRecord, user: UserRecord, device: DeviceRecord): DeviceType {
  const owner = `${user.Username}.${pool.Id}`;
  const attributes: AttributeType[] = [
    { Name: "device_status", Value: "valid" },
    ...(device.DeviceName ? [{ Name: "device_name", Value: device.DeviceName }] : []),
    { Name: "dev:device_arn", Value: `arn:aws:cognito-idp:${pool.Region}:${services.options.accountId}:owner/${owner}/device/${device.DeviceKey}` },
    { Name: "dev:device_owner", Value: owner },
    ...(device.LastIp ? [{ Name: "last_ip_used", Value: device.LastIp }] : []),
    { Name: "dev:device_remembered_status", Value: device.RememberedStatus },
    { Name: "dev:device_sdk", Value: "aws-sdk" },
  ];
  return {
    DeviceKey: device.DeviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: new Date(device.CreateDate),
    DeviceLastModifiedDate: new Date(device.LastModifiedDate),
    DeviceLastAuthenticatedDate: new Date(device.LastAuthenticatedDate),
  };
}

/** The device of a DEVICE_* challenge must be the one the sign-in named. */
export function requireSignInDevice(services: Services, state: SignInState, given: string | null | undefined): DeviceRecord {
  if (!state.deviceKey || (given && given !== state.deviceKey)) throw InvalidParameter("Invalid device key given.");
  return requireDevice(services, state.user, state.deviceKey);
}
