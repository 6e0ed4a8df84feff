import { randomUUID } from "node:crypto";
import type { Services } from "../services";
import { InvalidConfiguration, ResourceNotFound } from "./errors";
import { poolSettings } from "./pool-settings";
import type { SyncDeviceRecord } from "./records";
import { deviceTokenKey, subscriptionKey, syncTables } from "./tables";

/**
 * Push sync needs the pool's SNS platform application for the device's platform
 * (`arn:aws:sns:<region>:<account>:app/<PLATFORM>/<name>`); pushes go through it (see push.ts).
 */
export function requirePushSync(services: Services, identityPoolId: string, platform?: string): void {
  const arns = poolSettings(services, identityPoolId).PushSync?.ApplicationArns ?? [];
  if (!arns.length) throw InvalidConfiguration(`Push sync is not configured for identity pool '${identityPoolId}'.`);
  if (platform && !arns.some((arn) => arn.includes(`:app/${platform}/`))) {
    throw InvalidConfiguration(`No platform application for ${platform} is configured for identity pool '${identityPoolId}'.`);
  }
}

/** One device per identity, platform and push token: registering again answers the same DeviceId. */
export function registerDevice(services: Services, identityPoolId: string, identityId: string, platform: string, token: string): SyncDeviceRecord {
  const { devices } = syncTables(services);
  const existing = devices.findOneBy("byToken", deviceTokenKey(identityId, platform, token));
  if (existing) return existing;
  const device = { DeviceId: randomUUID(), IdentityPoolId: identityPoolId, IdentityId: identityId, Platform: platform, Token: token };
  devices.put(device.DeviceId, device);
  return device;
}

export function requireDevice(services: Services, identityId: string, deviceId: string): SyncDeviceRecord {
  const device = syncTables(services).devices.get(deviceId);
  if (!device || device.IdentityId !== identityId) throw ResourceNotFound(`Device '${deviceId}' not found.`);
  return device;
}

export function subscribe(services: Services, identityId: string, datasetName: string, deviceId: string): void {
  syncTables(services).subscriptions.put(subscriptionKey(identityId, datasetName, deviceId), { IdentityId: identityId, DatasetName: datasetName, DeviceId: deviceId });
}

export function unsubscribe(services: Services, identityId: string, datasetName: string, deviceId: string): void {
  syncTables(services).subscriptions.delete(subscriptionKey(identityId, datasetName, deviceId));
}
