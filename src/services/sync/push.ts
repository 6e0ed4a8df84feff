import type { Services } from "../services";
import { publishToDevice } from "./sns";
import { poolSettings } from "./pool-settings";
import type { DatasetRecord, SyncDeviceRecord } from "./records";
import { datasetKey, syncTables } from "./tables";

/** What the Sync SDKs read from a push sync notification (the developer guide's "Push sync" page; Android's PushSyncUpdate). */
export interface PushSyncData {
  source: "cognito-sync";
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  /** A string: GCM data values are strings, and Android's PushSyncUpdate parses it with Long.parseLong. */
  syncCount: string;
}

/** The pool's SNS platform application for a platform (`arn:aws:sns:<region>:<account>:app/<PLATFORM>/<name>`). */
export function platformApplication(services: Services, identityPoolId: string, platform: string): string | undefined {
  return poolSettings(services, identityPoolId).PushSync?.ApplicationArns?.find((arn) => arn.includes(`:app/${platform}/`));
}

/**
 * What the device receives, per platform: a data message for GCM and ADM (Android's PushSyncUpdate
 * reads the extras), a silent notification (`content-available`) with the same `data` for APNs (the
 * iOS SDK's samples read `userInfo["data"]`).
 */
export function platformMessage(platform: string, data: PushSyncData): string {
  return platform === "APNS" || platform === "APNS_SANDBOX" ? JSON.stringify({ aps: { "content-available": 1 }, data }) : JSON.stringify({ data });
}

/**
 * After a committed change of a dataset, every device subscribed to it gets a silent push, except the
 * device that wrote the change (UpdateRecords' DeviceId). Each push is recorded in the outbox
 * (/_emu/messages, deliveryMedium PUSH) and, with --sns-endpoint, published through that SNS API.
 */
export function pushDatasetChange(services: Services, dataset: DatasetRecord, writerDeviceId?: string): void {
  const { subscriptions, devices } = syncTables(services);
  const data: PushSyncData = {
    source: "cognito-sync",
    identityPoolId: dataset.IdentityPoolId,
    identityId: dataset.IdentityId,
    datasetName: dataset.DatasetName,
    syncCount: String(dataset.SyncCount),
  };
  const pushes: Array<{ device: SyncDeviceRecord; applicationArn: string }> = [];
  for (const subscription of subscriptions.findBy("byDataset", datasetKey(dataset.IdentityId, dataset.DatasetName))) {
    if (subscription.DeviceId === writerDeviceId) continue;
    const device = devices.get(subscription.DeviceId);
    const applicationArn = device && platformApplication(services, dataset.IdentityPoolId, device.Platform);
    if (device && applicationArn) pushes.push({ device, applicationArn });
  }
  if (pushes.length === 0) return;
  services.store.whenCommitted(() => {
    for (const { device, applicationArn } of pushes) {
      const message = platformMessage(device.Platform, data);
      services.outbox.send({
        userPoolId: dataset.IdentityPoolId,
        username: dataset.IdentityId,
        destination: device.Token,
        deliveryMedium: "PUSH",
        message,
        reason: "PushSync",
        deviceId: device.DeviceId,
        platform: device.Platform,
        datasetName: dataset.DatasetName,
      });
      if (services.options.snsEndpoint) track(services, publish(services, services.options.snsEndpoint, applicationArn, device, message, data));
    }
  });
}

async function publish(services: Services, endpoint: string, applicationArn: string, device: SyncDeviceRecord, message: string, data: PushSyncData): Promise<void> {
  // SNS requires a "default" text beside the per-platform ones.
  const structured = JSON.stringify({ default: JSON.stringify(data), [device.Platform]: message });
  try {
    const { endpointArn } = await publishToDevice(endpoint, applicationArn, device.Token, structured);
    services.log.info(`push sync -> ${endpointArn} (${data.datasetName}, sync count ${data.syncCount})`, { identityPoolId: data.identityPoolId });
  } catch (error) {
    services.log.warn(`push sync to device ${device.DeviceId} through ${applicationArn} failed: ${(error as Error).message}`, { identityPoolId: data.identityPoolId });
  }
}

const pending = new WeakMap<Services, Set<Promise<void>>>();

function track(services: Services, work: Promise<void>): void {
  let set = pending.get(services);
  if (!set) pending.set(services, (set = new Set()));
  set.add(work);
  void work.finally(() => set.delete(work));
}

/** Settles once every SNS publish started so far has (the emulator waits for it on stop). */
export async function pushesIdle(services: Services): Promise<void> {
  const set = pending.get(services);
  while (set?.size) await Promise.allSettled([...set]);
}
