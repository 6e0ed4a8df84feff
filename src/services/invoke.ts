import { randomUUID } from "node:crypto";
import path from "node:path";
import { ServiceError } from "../errors";
import { models, operationOf, type ServiceName } from "../protocol/model";
import { outputProblems } from "../protocol/shapes";
import { validateInput } from "../protocol/validate";
import { logInput, type OperationContext } from "./operation";
import { type HandlerSource, OperationRegistry } from "./registry";
import type { Services } from "./services";

/** Who runs an operation: where the request is addressed and what the handler may read of its sender. */
export interface Caller {
  region: string;
  /** Given by a protocol that already answers with it; made up otherwise. */
  requestId?: string;
  sourceIp?: string;
  /** The access key id of the SigV4 signature, when signed. */
  accessKeyId?: string;
  headers?: Record<string, string | string[] | undefined>;
  /** A front door other than the API, named after the operation in the request log ("hosted UI"). */
  via?: string;
  /** false: no request log line (fixtures applying themselves). */
  log?: boolean;
}

/**
 * Runs an operation. `input` may be a function that reads it (a protocol's parsing of the wire), so a
 * request whose input cannot be read is logged like any other.
 */
export type Invoke = (service: ServiceName, operation: string, input: object | (() => object), caller: Caller) => Promise<unknown>;

/** How each service names what it does not implement, and the exception its input checks raise. */
interface ServiceRules {
  folder: string;
  validationError: string;
  notImplemented(operation: string): ServiceError;
}

const notImplemented = (code: string, label: string) => (operation: string) =>
  new ServiceError(code, `${label}${operation} is not implemented in cognito-emu`);

const RULES: Record<ServiceName, ServiceRules> = {
  "cognito-idp": {
    folder: "user-pools",
    validationError: "InvalidParameterException",
    notImplemented: notImplemented("UnsupportedOperationException", `${models["cognito-idp"].metadata.targetPrefix}.`),
  },
  "cognito-identity": {
    folder: "identity-pools",
    // Identity pools name model-constraint failures ValidationException (real responses quoted in
    // getmoto/moto#1979 and aws-amplify/amplify-swift#2864), unlike user pools.
    validationError: "ValidationException",
    notImplemented: notImplemented("UnsupportedOperationException", `${models["cognito-identity"].metadata.targetPrefix}.`),
  },
  "cognito-sync": { folder: "sync", validationError: "InvalidParameterException", notImplemented: notImplemented("UnsupportedOperationException", "Cognito Sync ") },
  sts: { folder: "sts", validationError: "ValidationError", notImplemented: notImplemented("UnsupportedOperation", "STS ") },
};

let folders: Record<ServiceName, HandlerSource> | undefined;

/** The handlers of every service: the files of its `operations/` folder, listed once per process. */
export function operationFolders(): Record<ServiceName, HandlerSource> {
  folders ??= Object.fromEntries(
    (Object.keys(RULES) as ServiceName[]).map((service) => [service, new OperationRegistry(path.join(__dirname, RULES[service].folder, "operations"))]),
  ) as unknown as Record<ServiceName, HandlerSource>;
  return folders;
}

/**
 * THE path every caller takes to run an operation — the wire protocols, the hosted UI, fixtures:
 * the input is checked against the model, the handler found (or "not implemented" answered), run as
 * one store transaction, and the request logged with the pool and user it named. It returns the
 * handler's output or throws (a ServiceError for anything the caller did).
 *
 * With COGNITO_EMU_CHECK_RESPONSES=1 (the test suites set it) every output is also checked against
 * the operation's output shape, and one that does not fit fails the request with a 500.
 */
export class Invoker {
  private readonly checkResponses = process.env.COGNITO_EMU_CHECK_RESPONSES === "1";

  constructor(
    private readonly services: Services,
    private readonly handlers: Partial<Record<ServiceName, HandlerSource>> = operationFolders(),
  ) {}

  readonly invoke: Invoke = async (service, operation, input, caller) => {
    const started = performance.now();
    const ctx: OperationContext = {
      region: caller.region,
      requestId: caller.requestId ?? randomUUID(),
      services: this.services,
      logFields: {},
      sourceIp: caller.sourceIp,
      accessKeyId: caller.accessKeyId,
      headers: caller.headers ?? {},
    };
    let outcome = "ok";
    try {
      return await this.run(service, operation, typeof input === "function" ? input() : input, ctx);
    } catch (error) {
      outcome = error instanceof ServiceError ? error.code : "InternalErrorException";
      throw error;
    } finally {
      if (caller.log !== false) {
        this.services.log.request({ operation: caller.via ? `${operation} (${caller.via})` : operation, ...ctx.logFields, outcome, ms: performance.now() - started });
      }
    }
  };

  private async run(service: ServiceName, operation: string, input: object, ctx: OperationContext): Promise<unknown> {
    const model = models[service];
    const op = operationOf(model, operation);
    if (!op) throw new ServiceError("UnknownOperationException", `Unknown operation ${operation}`);
    // Before the checks, so a refused request is logged with the pool and user it named too.
    logInput(input, ctx.logFields);
    if (op.input) validateInput(model, op.input, input, RULES[service].validationError);
    const handler = this.handlers[service]?.get(operation);
    if (!handler) throw RULES[service].notImplemented(operation);
    return this.services.store.transaction(async () => {
      const output = (await handler(input, ctx)) ?? {};
      if (this.checkResponses && op.output) {
        const problems = outputProblems(model, op.output, output);
        if (problems.length) throw new Error(`${operation}'s output does not fit ${op.output}: ${problems.join("; ")}`);
      }
      return output;
    });
  }
}
