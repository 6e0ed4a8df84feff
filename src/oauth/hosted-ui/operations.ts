import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Request } from "express";
import { ServiceError, UnsupportedOperation } from "../../errors";
import type { OperationContext, OperationHandler } from "../../services/operation";
import type { Services } from "../../services/services";
import type { PoolRecord } from "../../services/user-pools/directory/records";

const OPERATIONS_DIR = path.resolve(__dirname, "../../services/user-pools/operations");
const loaded = new Map<string, OperationHandler | null>();

function load(name: string): OperationHandler | undefined {
  let handler = loaded.get(name);
  if (handler === undefined) {
    try {
      handler = (require(path.join(OPERATIONS_DIR, name)).default as OperationHandler) ?? null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
      handler = null;
    }
    loaded.set(name, handler);
  }
  return handler ?? undefined;
}

export function hasOperation(name: string): boolean {
  return load(name) !== undefined;
}

/**
 * Runs a user-pool operation in-process, as its own transaction, exactly as the API would (same checks,
 * codes, messages, triggers), and logs it like an API request. The hosted UI's pages are thin over these.
 */
export async function callOperation<O = Record<string, unknown>>(services: Services, req: Request, pool: PoolRecord, name: string, input: object): Promise<O> {
  const handler = load(name);
  if (!handler) throw UnsupportedOperation(`${name} is not implemented in cognito-emu`);
  const ctx: OperationContext = {
    region: pool.Region,
    requestId: randomUUID(),
    services,
    logFields: { userPoolId: pool.Id },
    sourceIp: req.socket.remoteAddress,
    headers: req.headers,
  };
  const started = performance.now();
  let outcome = "ok";
  try {
    return (await services.store.transaction(() => handler(input, ctx))) as O;
  } catch (error) {
    outcome = error instanceof ServiceError ? error.code : "InternalErrorException";
    throw error;
  } finally {
    services.log.request({ operation: `${name} (hosted UI)`, ...ctx.logFields, outcome, ms: performance.now() - started });
  }
}
