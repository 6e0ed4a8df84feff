import type { GetBulkPublishDetailsResponse } from "@aws-sdk/client-cognito-sync";
import type { Services } from "../services";
import { AlreadyStreamed, DuplicateRequest, InvalidParameter } from "./errors";
import { poolSettings, updatePoolSettings } from "./pool-settings";

/** A bulk publish runs this long by the emulator's clock (nothing is streamed): long enough to be seen IN_PROGRESS. */
export const BULK_PUBLISH_SECONDS = 1;
/** Cognito Sync allows one successful bulk publish per 24 hours. */
export const BULK_PUBLISH_INTERVAL_SECONDS = 24 * 3600;

/** NOT_STARTED, then IN_PROGRESS for BULK_PUBLISH_SECONDS, then SUCCEEDED: read from the clock, no timer runs. */
export function bulkPublishDetails(services: Services, identityPoolId: string): GetBulkPublishDetailsResponse {
  const started = poolSettings(services, identityPoolId).BulkPublishStartTime;
  if (started === undefined) return { IdentityPoolId: identityPoolId, BulkPublishStatus: "NOT_STARTED" };
  const completes = started + BULK_PUBLISH_SECONDS * 1000;
  const done = services.clock.now() >= completes;
  return {
    IdentityPoolId: identityPoolId,
    BulkPublishStartTime: new Date(started),
    BulkPublishCompleteTime: done ? new Date(completes) : undefined,
    BulkPublishStatus: done ? "SUCCEEDED" : "IN_PROGRESS",
  };
}

/** Publishing needs a stream to publish to; one runs at a time, and a success holds for 24 hours. */
export function startBulkPublish(services: Services, identityPoolId: string): void {
  if (!poolSettings(services, identityPoolId).CognitoStreams?.StreamName) {
    throw InvalidParameter(`Cognito Streams is not configured for identity pool '${identityPoolId}'.`);
  }
  const details = bulkPublishDetails(services, identityPoolId);
  if (details.BulkPublishStatus === "IN_PROGRESS") throw DuplicateRequest(`A bulk publish is already in progress for identity pool '${identityPoolId}'.`);
  const completed = details.BulkPublishCompleteTime?.getTime();
  if (completed !== undefined && services.clock.now() < completed + BULK_PUBLISH_INTERVAL_SECONDS * 1000) {
    throw AlreadyStreamed(`A bulk publish completed successfully less than 24 hours ago for identity pool '${identityPoolId}'.`);
  }
  updatePoolSettings(services, identityPoolId, { BulkPublishStartTime: services.clock.now() });
}
