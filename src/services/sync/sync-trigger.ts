import type { RecordPatch } from "@aws-sdk/client-cognito-sync";
import { type Invocation, isObject, TIMED_OUT } from "../../triggers/invocation";
import { functionInvoker, summarize } from "../../triggers/invoke";
import { triggerSettings } from "../../triggers/settings";
import type { Services } from "../services";
import { InvalidLambdaFunctionOutput, InvalidParameter, LambdaSocketTimeout, LambdaThrottled } from "./errors";
import { datasetKey, recordKey, syncTables } from "./tables";

/** The one event type SetCognitoEvents accepts. */
export const SYNC_TRIGGER = "SyncTrigger";
/** Cognito Sync has one event. */
const COGNITO_EVENT_TYPES: readonly string[] = [SYNC_TRIGGER];

/** SetCognitoEvents' check of an event type. */
export function checkCognitoEventType(event: string): void {
  if (!COGNITO_EVENT_TYPES.includes(event)) throw InvalidParameter(`Unsupported event type: ${event}. Supported: ${COGNITO_EVENT_TYPES.join(", ")}`);
}

/** Lambda's answers to a throttled Invoke. */
const THROTTLED = new Set(["TooManyRequestsException", "ThrottlingException", "EC2ThrottledException"]);
const MAX_KEY_LENGTH = 1024;
const MAX_VALUE_LENGTH = 1048575;

/** A record as the function sees it: `newValue` null (or op "remove") removes it. */
export interface SyncTriggerRecord {
  oldValue: string | null;
  newValue: string | null;
  op: "replace" | "remove";
}

/** Cognito Sync's event, field for field as the developer guide's "Amazon Cognito Events" page shows it. */
export interface SyncTriggerEvent {
  version: 2;
  eventType: typeof SYNC_TRIGGER;
  region: string;
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  datasetRecords: Record<string, SyncTriggerRecord>;
}

export interface SyncTriggerInput {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  patches: RecordPatch[];
}

/**
 * The event for an UpdateRecords: every live record of the dataset (Cognito gives the function the
 * whole dataset, "even if it is not updated by the app user"), with the device's patches applied.
 */
export function syncTriggerEvent(services: Services, input: SyncTriggerInput): SyncTriggerEvent {
  const records = new Map<string, SyncTriggerRecord>();
  const stored = new Map<string, string>();
  for (const row of syncTables(services).records.findBy("byDataset", datasetKey(input.identityId, input.datasetName))) {
    if (row.Value === undefined) continue;
    stored.set(row.Key, row.Value);
    records.set(row.Key, { oldValue: row.Value, newValue: row.Value, op: "replace" });
  }
  for (const patch of input.patches) {
    const oldValue = stored.get(patch.Key!) ?? null;
    records.set(patch.Key!, patch.Op === "remove" ? { oldValue, newValue: null, op: "remove" } : { oldValue, newValue: patch.Value ?? "", op: "replace" });
  }
  return {
    version: 2,
    eventType: SYNC_TRIGGER,
    region: input.identityPoolId.split(":")[0],
    identityPoolId: input.identityPoolId,
    identityId: input.identityId,
    datasetName: input.datasetName,
    // fromEntries: a record key such as "__proto__" stays an ordinary field.
    datasetRecords: Object.fromEntries(records),
  };
}

/**
 * Runs the pool's SyncTrigger function on an UpdateRecords and answers the patches to apply instead of
 * the device's. One attempt within the trigger timeout (Cognito Sync gives the function 5 seconds and
 * does not retry). A function that throws or answers something Cognito cannot read fails the update
 * with InvalidLambdaFunctionOutputException; no answer in time, LambdaSocketTimeoutException; Lambda
 * throttling, LambdaThrottledException (the device is to retry).
 */
export async function runSyncTrigger(services: Services, reference: string, input: SyncTriggerInput): Promise<RecordPatch[]> {
  const event = syncTriggerEvent(services, input);
  const invoker = functionInvoker(services, event.region, reference);
  if (!invoker) {
    services.log.error(`SyncTrigger function ${reference} has no local module in the fixtures' Functions map and no --lambda-endpoint is set`, {
      identityPoolId: input.identityPoolId,
    });
    throw InvalidLambdaFunctionOutput(`The Lambda function ${reference} could not be invoked: ResourceNotFoundException`);
  }
  const started = Date.now();
  const outcome = await invoker.attempt(event, triggerSettings(services).timeoutMs);
  services.log.info(`trigger SyncTrigger -> ${invoker.where}: ${summarize(outcome)}`, { identityPoolId: input.identityPoolId, ms: Date.now() - started });
  return patchesFrom(services, input, event, answerOf(reference, outcome));
}

function answerOf(reference: string, outcome: Invocation): Record<string, unknown> {
  switch (outcome.kind) {
    case "returned":
      if (!isObject(outcome.payload)) throw invalidOutput("the output is not a JSON object");
      return outcome.payload;
    case "malformed":
      throw invalidOutput("the output is not JSON");
    case "threw":
      throw InvalidLambdaFunctionOutput(`The Lambda function ${reference} returned an error: ${outcome.errorMessage}`);
    case "transient":
      if (outcome.reason === TIMED_OUT) throw LambdaSocketTimeout(`The Lambda function ${reference} did not respond within 5 seconds.`);
      if (THROTTLED.has(outcome.reason)) throw LambdaThrottled(`The Lambda function ${reference} was throttled: ${outcome.reason}`);
      throw InvalidLambdaFunctionOutput(`The Lambda function ${reference} could not be invoked: ${outcome.reason}`);
    case "refused":
      throw InvalidLambdaFunctionOutput(`The Lambda function ${reference} could not be invoked: ${outcome.reason}`);
  }
}

function invalidOutput(why: string): Error {
  return InvalidLambdaFunctionOutput(`The Lambda function returned invalid output: ${why}.`);
}

const READ_ONLY = ["version", "eventType", "region", "identityPoolId", "identityId", "datasetName"] as const;

/**
 * The function's answer as patches. Per the developer guide: only `datasetRecords` may change (any
 * other field changed fails the update); a record with op "remove" or a null value is removed; a new
 * key is added; a record the answer leaves out is not updated. So a device's patch the function omits
 * is dropped, and records the device did not touch are written only when the function changed them.
 */
function patchesFrom(services: Services, input: SyncTriggerInput, sent: SyncTriggerEvent, answer: Record<string, unknown>): RecordPatch[] {
  for (const field of READ_ONLY) {
    if (answer[field] !== sent[field]) throw invalidOutput(`${field} was changed; only datasetRecords may be`);
  }
  const records = answer.datasetRecords;
  if (!isObject(records)) throw invalidOutput("datasetRecords is not an object");

  const tables = syncTables(services);
  const devicePatches = new Map(input.patches.map((patch) => [patch.Key!, patch]));
  const patches: RecordPatch[] = [];
  for (const [key, record] of Object.entries(records)) {
    if (!isObject(record)) throw invalidOutput(`record ${key} is not an object`);
    if (key.length < 1 || key.length > MAX_KEY_LENGTH) throw invalidOutput(`record key ${key.slice(0, 64)} is not 1 to ${MAX_KEY_LENGTH} characters long`);
    const { op, newValue } = record;
    if (op !== undefined && op !== "replace" && op !== "remove") throw invalidOutput(`record ${key} has op ${JSON.stringify(op)}`);
    if (newValue !== undefined && newValue !== null && typeof newValue !== "string") throw invalidOutput(`record ${key} has a newValue that is not a string`);
    const value = op === "remove" || newValue === undefined || newValue === null ? undefined : newValue;
    if (value !== undefined && value.length > MAX_VALUE_LENGTH) throw invalidOutput(`record ${key} has a value longer than ${MAX_VALUE_LENGTH} characters`);

    const row = tables.records.get(recordKey(input.identityId, input.datasetName, key));
    const devicePatch = devicePatches.get(key);
    if (!devicePatch && row?.Value === value) continue;
    patches.push({
      Op: value === undefined ? "remove" : "replace",
      Key: key,
      Value: value,
      SyncCount: row?.SyncCount ?? 0,
      DeviceLastModifiedDate: devicePatch?.DeviceLastModifiedDate,
    });
  }
  return patches;
}
