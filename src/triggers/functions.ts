import type { Services } from "../services/services";
import type { PoolRecord } from "../services/user-pools/directory/records";
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
  const functions = services.store.table<string>("functions");
  const exact = functions.get(reference);
  if (exact) return exact;
  const { name, qualifier } = parseFunctionReference(reference);
  return (qualifier ? functions.get(`${name}:${qualifier}`) : undefined) ?? functions.get(name);
}

/** What the Lambda Invoke API is asked for: the function name, with its qualifier when the ARN has one. */
export function invokeName(reference: string): string {
  const { name, qualifier } = parseFunctionReference(reference);
  return qualifier ? `${name}:${qualifier}` : name;
}
