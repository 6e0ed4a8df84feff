import type { GetBulkPublishDetailsResponse } from "@aws-sdk/client-cognito-sync";
import type { Services } from "../services";
import { AlreadyStreamed, DuplicateRequest, InvalidParameter } from "./errors";
import { poolSettings, updatePoolSettings } from "./pool-settings";
import { deliver, publishDataset } from "./streams";
import { datasetKey, syncTables } from "./tables";

/** A bulk publish shows IN_PROGRESS for at least this long by the emulator's clock, so tests can see it running. */
export const BULK_PUBLISH_SECONDS = 1;
/** Cognito Sync allows one successful bulk publish per 24 hours. */
export const BULK_PUBLISH_INTERVAL_SECONDS = 24 * 3600;
/** Datasets published per turn of the event loop: a large pool never blocks other requests. */
const DATASETS_PER_TURN = 200;

/**
 * The bulk publishes running in this process, by pool: one marked IN_PROGRESS but not here was cut
 * short by a restart.
 */
const running = new WeakMap<Services, Map<string, Promise<void>>>();

function runningIn(services: Services): Map<string, Promise<void>> {
  let jobs = running.get(services);
  if (!jobs) running.set(services, (jobs = new Map()));
  return jobs;
}

/** Settles once every bulk publish started so far has. */
export async function bulkPublishesIdle(services: Services): Promise<void> {
  const jobs = running.get(services);
  while (jobs?.size) await Promise.allSettled([...jobs.values()]);
}

/**
 * NOT_STARTED; IN_PROGRESS while every dataset is put to the stream (and for at least
 * BULK_PUBLISH_SECONDS); then SUCCEEDED, or FAILED with the reason when the stream could not be written.
 */
export function bulkPublishDetails(services: Services, identityPoolId: string): GetBulkPublishDetailsResponse {
  const settings = poolSettings(services, identityPoolId);
  const started = settings.BulkPublishStartTime;
  if (started === undefined) return { IdentityPoolId: identityPoolId, BulkPublishStatus: "NOT_STARTED" };
  const base = { IdentityPoolId: identityPoolId, BulkPublishStartTime: new Date(started) };
  if (settings.BulkPublishStatus === "IN_PROGRESS") {
    if (runningIn(services).has(identityPoolId)) return { ...base, BulkPublishStatus: "IN_PROGRESS" };
    return { ...base, BulkPublishStatus: "FAILED", FailureMessage: "The bulk publish was interrupted by a restart of the emulator." };
  }
  if (settings.BulkPublishStatus === "FAILED") return { ...base, BulkPublishStatus: "FAILED", FailureMessage: settings.BulkPublishFailureMessage };
  const completes = Math.max(started + BULK_PUBLISH_SECONDS * 1000, settings.BulkPublishCompleteTime ?? 0);
  if (services.clock.now() < completes) return { ...base, BulkPublishStatus: "IN_PROGRESS" };
  return { ...base, BulkPublishCompleteTime: new Date(completes), BulkPublishStatus: "SUCCEEDED" };
}

/**
 * Publishing needs an enabled stream; one runs at a time, and a success holds for 24 hours. The
 * datasets are published once the request commits, in the background, as Cognito's asynchronous bulk
 * publish does.
 */
export function startBulkPublish(services: Services, identityPoolId: string): void {
  const streams = poolSettings(services, identityPoolId).CognitoStreams;
  if (!streams?.StreamName) throw InvalidParameter(`Cognito Streams is not configured for identity pool '${identityPoolId}'.`);
  if (streams.StreamingStatus === "DISABLED") throw InvalidParameter(`Cognito Streams is disabled for identity pool '${identityPoolId}'.`);
  const details = bulkPublishDetails(services, identityPoolId);
  if (details.BulkPublishStatus === "IN_PROGRESS") throw DuplicateRequest(`A bulk publish is already in progress for identity pool '${identityPoolId}'.`);
  const completed = details.BulkPublishCompleteTime?.getTime();
  if (completed !== undefined && services.clock.now() < completed + BULK_PUBLISH_INTERVAL_SECONDS * 1000) {
    throw AlreadyStreamed(`A bulk publish completed successfully less than 24 hours ago for identity pool '${identityPoolId}'.`);
  }
  const started = services.clock.now();
  updatePoolSettings(services, identityPoolId, {
    BulkPublishStartTime: started,
    BulkPublishStatus: "IN_PROGRESS",
    BulkPublishCompleteTime: undefined,
    BulkPublishFailureMessage: undefined,
  });
  services.store.whenCommitted(() => {
    const jobs = runningIn(services);
    const job: Promise<void> = publishAll(services, identityPoolId, streams.StreamName!, started)
      .catch((error: Error) => services.log.error(`bulk publish of identity pool ${identityPoolId} failed: ${error.message}`))
      .finally(() => {
        // A reset may have let a newer bulk publish of the pool start meanwhile.
        if (jobs.get(identityPoolId) === job) jobs.delete(identityPoolId);
      });
    jobs.set(identityPoolId, job);
  });
}

/** Every live dataset of the pool, each as one stream record of all its live records. */
async function publishAll(services: Services, identityPoolId: string, streamName: string, started: number): Promise<void> {
  const tables = syncTables(services);
  const keys = tables.datasets.keysBy("byPool", identityPoolId);
  // A reset (or a later bulk publish) supersedes this one: stop without writing its outcome.
  const current = () => poolSettings(services, identityPoolId).BulkPublishStartTime === started;
  let failure: string | undefined;
  let count = 0;
  for (let i = 0; i < keys.length && !failure; i += DATASETS_PER_TURN) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!current()) return;
    const published: string[] = [];
    for (const key of keys.slice(i, i + DATASETS_PER_TURN)) {
      const dataset = tables.datasets.get(key);
      if (!dataset || dataset.Deleted) continue;
      published.push(publishDataset(services, dataset, streamName, tables.records.findBy("byDataset", datasetKey(dataset.IdentityId, dataset.DatasetName))));
    }
    count += published.length;
    failure = await deliver(services, published);
  }
  if (!current()) return;
  updatePoolSettings(
    services,
    identityPoolId,
    failure ? { BulkPublishStatus: "FAILED", BulkPublishFailureMessage: failure } : { BulkPublishStatus: "SUCCEEDED", BulkPublishCompleteTime: services.clock.now() },
  );
  services.log.info(`bulk publish to stream ${streamName}: ${failure ? `failed (${failure})` : `${count} dataset(s) published`}`, { identityPoolId });
}
