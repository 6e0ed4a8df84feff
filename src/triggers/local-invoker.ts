import { randomUUID } from "node:crypto";
import { requireFunctionModule, splitFunctionModule } from "../fixtures/functions";
import { type Invocation, TIMED_OUT, asJson, describeThrown } from "./invocation";

export interface LocalFunction {
  /** Absolute path of the module (from the fixtures' Functions map), with `#<export>` when the handler is another export. */
  modulePath: string;
  functionName: string;
  region: string;
  accountId: string;
}

type Handler = (event: unknown, context: LambdaContext, callback: (error?: unknown, result?: unknown) => void) => unknown;

/** The parts of Lambda's Node.js context object trigger code relies on, legacy done/succeed/fail included. */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
}

/**
 * Runs a trigger module in-process as Lambda's Node.js runtime would: `handler(event, context,
 * callback)` answering through its promise, the callback, or context.succeed/fail/done, whichever
 * comes first. A handler that neither resolves nor calls back within the timeout is abandoned.
 */
export async function invokeLocal(fn: LocalFunction, event: unknown, timeoutMs: number): Promise<Invocation> {
  let handler: Handler;
  try {
    const { modulePath, exportName } = splitFunctionModule(fn.modulePath);
    handler = exportName ? namedHandler(requireFunctionModule(modulePath), modulePath, exportName) : handlerOf(requireFunctionModule(modulePath), modulePath);
  } catch (error) {
    // Lambda reports a module that fails to load (or exports no handler) as the function's own error.
    return { kind: "threw", ...describeThrown(error) };
  }

  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const outcome = new Promise<Invocation>((resolve) => {
    let settled = false;
    const settle = (invocation: Invocation) => {
      if (settled) return;
      settled = true;
      resolve(invocation);
    };
    const answer = (error: unknown, result: unknown) =>
      settle(error !== undefined && error !== null ? { kind: "threw", ...describeThrown(error) } : asJson(result));
    timer = setTimeout(() => settle({ kind: "transient", reason: TIMED_OUT }), timeoutMs);

    const context = lambdaContext(fn, deadline, answer);
    try {
      const returned = handler(JSON.parse(JSON.stringify(event)), context, (error, result) => answer(error, result));
      if (isThenable(returned)) returned.then((result) => answer(undefined, result), (error: unknown) => answer(error ?? new Error("Unknown error"), undefined));
    } catch (error) {
      answer(error ?? new Error("Unknown error"), undefined);
    }
  });
  try {
    return await outcome;
  } finally {
    clearTimeout(timer);
  }
}

function handlerOf(exports: unknown, modulePath: string): Handler {
  const candidates = exports as { handler?: unknown; default?: unknown } | undefined;
  const handler =
    typeof candidates?.handler === "function"
      ? candidates.handler
      : typeof (candidates?.default as { handler?: unknown } | undefined)?.handler === "function"
        ? (candidates!.default as { handler: unknown }).handler
        : typeof candidates?.default === "function"
          ? candidates.default
          : typeof exports === "function"
            ? exports
            : undefined;
  if (typeof handler !== "function") throw new Error(`${modulePath}.handler is undefined or not exported`);
  return handler as Handler;
}

/** `exports.a.b` for a handler named `file.a.b`, as Lambda's Node.js runtime resolves it. */
function namedHandler(exports: unknown, modulePath: string, exportName: string): Handler {
  let value: unknown = exports;
  for (const part of exportName.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value !== "function") throw new Error(`${modulePath}.${exportName} is undefined or not exported`);
  return value as Handler;
}

function lambdaContext(fn: LocalFunction, deadline: number, answer: (error: unknown, result: unknown) => void): LambdaContext {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${fn.functionName}`,
    memoryLimitInMB: "128",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: `cognito-emu/[$LATEST]${requestId.replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    done: (error, result) => answer(error, result),
    succeed: (result) => answer(undefined, result),
    fail: (error) => answer(error ?? new Error("Unknown error"), undefined),
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}
