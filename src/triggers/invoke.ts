import { InvalidLambdaResponse, UnexpectedLambda, UserLambdaValidation } from "../errors";
import type { Services } from "../services/services";
import type { PoolRecord } from "../services/user-pools/directory/records";
import { invokeName, localModuleFor, parseFunctionReference } from "./functions";
import { type Invocation, isObject } from "./invocation";
import { invokeRemote } from "./lambda-invoker";
import { invokeLocal } from "./local-invoker";
import { triggerSettings } from "./settings";
import type { TriggerEvent, TriggerName } from "./types";

type Attempt = (event: unknown, timeoutMs: number) => Promise<Invocation>;

/** One way to run a function: `attempt` runs it once; `where` names it for the log. */
export interface FunctionInvoker {
  attempt: Attempt;
  where: string;
}

/**
 * Where a function runs: its local module when the fixtures name one, else the Lambda Invoke API in
 * `region`. Undefined when neither is available. User-pool triggers and Cognito Sync's events share it.
 */
export function functionInvoker(services: Services, region: string, reference: string): FunctionInvoker | undefined {
  const modulePath = localModuleFor(services, reference);
  if (modulePath) {
    const local = { modulePath, functionName: parseFunctionReference(reference).name, region, accountId: services.options.accountId };
    return { attempt: (event, timeoutMs) => invokeLocal(local, event, timeoutMs), where: modulePath };
  }
  const endpoint = services.options.lambdaEndpoint;
  if (endpoint) {
    const remote = { endpoint, region, functionName: invokeName(reference) };
    return { attempt: (event, timeoutMs) => invokeRemote(remote, event, timeoutMs), where: `${endpoint} (${remote.functionName})` };
  }
  return undefined;
}

/**
 * Runs the function `reference` for a trigger with Cognito's semantics and returns the event it sent
 * back. Cognito waits 5 s and tries up to 3 times when a call gets no answer (or the endpoint fails);
 * a function that throws answers UserLambdaValidationException at once; output that is not a JSON
 * object answers InvalidLambdaResponseException.
 */
export async function invokeTrigger(services: Services, pool: PoolRecord, trigger: TriggerName, reference: string, event: TriggerEvent<unknown, unknown>): Promise<Record<string, unknown>> {
  const invoker = functionInvoker(services, pool.Region, reference);
  if (!invoker) {
    services.log.error(`${trigger} trigger ${reference} has no local module in the fixtures' Functions map and no --lambda-endpoint is set`, { userPoolId: pool.Id });
    throw UnexpectedLambda(`${trigger} invocation failed due to error ResourceNotFoundException.`);
  }
  const { timeoutMs, attempts } = triggerSettings(services);
  const started = Date.now();
  let outcome: Invocation = await invoker.attempt(event, timeoutMs);
  for (let attempt = 1; outcome.kind === "transient" && attempt < attempts; attempt++) outcome = await invoker.attempt(event, timeoutMs);
  services.log.info(`trigger ${event.triggerSource} -> ${invoker.where}: ${summarize(outcome)}`, { userPoolId: pool.Id, ms: Date.now() - started });

  switch (outcome.kind) {
    case "returned":
      if (!isObject(outcome.payload)) throw InvalidLambdaResponse("Invalid lambda function output : Invalid JSON");
      return outcome.payload;
    case "malformed":
      throw InvalidLambdaResponse("Invalid lambda function output : Invalid JSON");
    case "threw":
      throw UserLambdaValidation(`${trigger} failed with error ${outcome.errorMessage}.`);
    case "transient":
    case "refused":
      throw UnexpectedLambda(`${trigger} invocation failed due to error ${outcome.reason}.`);
  }
}

export function summarize(outcome: Invocation): string {
  switch (outcome.kind) {
    case "returned":
      return "ok";
    case "malformed":
      return "output is not JSON";
    case "threw":
      return `threw ${outcome.errorMessage}`;
    default:
      return outcome.reason;
  }
}
