import type { Services } from "../services/services";
import type { PoolRecord } from "../services/user-pools/directory/records";
import { functions as functionsTable } from "./tables";
import type { TriggerName } from "./types";

/** The function (ARN or name) the pool's LambdaConfig sets for a trigger; undefined when none is set. */
export function configuredFunction(pool: PoolRecord, trigger: TriggerName): string | undefined {
  const config = pool.LambdaConfig;
  if (!config) return undefined;
  switch (trigger) {
    case "PreTokenGeneration":
      // PreTokenGenerationConfig is the newer spelling; Cognito keeps both in step.
      return config.PreTokenGenerationConfig?.LambdaArn || config.PreTokenGeneration || undefined;
    case "CustomEmailSender":
      return config.CustomEmailSender?.LambdaArn || undefined;
    case "CustomSMSSender":
      return config.CustomSMSSender?.LambdaArn || undefined;
    default:
      return config[trigger] || undefined;
  }
}

const FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::([^:]+))?$/;

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`, a partial `<name>:<qualifier>`, or a bare name. */
export function parseFunctionReference(reference: string): { name: string; qualifier?: string } {
  const arn = FUNCTION_ARN.exec(reference);
  if (arn) return { name: arn[1], qualifier: arn[2] };
  const [name, qualifier] = reference.split(":");
  return qualifier ? { name, qualifier } : { name };
}

/**
 * The local module the fixtures' Functions map gives for a function: an entry named exactly as
 * LambdaConfig names it (ARN or name) wins, then `<name>:<qualifier>`, then the bare function name.
 */
export function localModuleFor(services: Services, reference: string): string | undefined {
  const functions = functionsTable.open(services);
  const exact = functions.get(reference);
  if (exact) return exact;
  const { name, qualifier } = parseFunctionReference(reference);
  return (qualifier ? functions.get(`${name}:${qualifier}`) : undefined) ?? functions.get(name);
}

/** Runs the function as this local module from now on (fixtures' Functions map). */
export function defineLocalFunction(services: Services, reference: string, modulePath: string): void {
  functionsTable.open(services).put(reference, modulePath);
}

/** The function is no longer a local module; false when it was not one. */
export function forgetLocalFunction(services: Services, reference: string): boolean {
  return functionsTable.open(services).delete(reference);
}

/** Every local function: name (or ARN) -> module path. */
export function localFunctions(services: Services): Record<string, string> {
  return Object.fromEntries(functionsTable.open(services).entries());
}

/** What the Lambda Invoke API is asked for: the function name, with its qualifier when the ARN has one. */
export function invokeName(reference: string): string {
  const { name, qualifier } = parseFunctionReference(reference);
  return qualifier ? `${name}:${qualifier}` : name;
}
