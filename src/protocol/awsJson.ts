import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ServiceError } from "../errors";
import type { OperationContext } from "../services/operation";
import type { HandlerSource } from "../services/registry";
import type { ServiceModel } from "./model";
import { validateInput } from "./validate";
import { sendJson, sendJsonError, toJsonBody } from "./json";

/** One awsJson1_1 service: its X-Amz-Target prefix, model and handlers. */
export interface JsonService {
  targetPrefix: string;
  model: ServiceModel;
  registry: HandlerSource;
  /** The exception a model-constraint failure is answered with; each API names its own. */
  validationException?: string;
}

export interface Dispatch {
  /** Builds the handler's context for a request addressed to `region`. */
  context(region: string, requestId: string, req: IncomingMessage): OperationContext;
  /** Runs the handler as one transaction (all of its writes or none). */
  run<R>(fn: () => Promise<R> | R): Promise<R>;
  regionOf(req: IncomingMessage): string;
  onDone?(ctx: OperationContext, operation: string, outcome: string, ms: number): void;
}

const ACCEPTED_CONTENT_TYPES = /^(application\/x-amz-json-1\.[01]|application\/json|text\/plain)\b/i;

/**
 * Answers `POST /` requests carrying `X-Amz-Target: <Prefix>.<Operation>`, given the raw body. It works
 * on node's own request and response so the server can take this hot path without express.
 */
export function awsJsonHandler(services: JsonService[], dispatch: Dispatch) {
  const byPrefix = new Map(services.map((s) => [s.targetPrefix, s]));

  return async (req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader("x-amzn-RequestId", requestId);
    const target = String(req.headers["x-amz-target"] ?? "");
    const dot = target.lastIndexOf(".");
    const service = byPrefix.get(target.slice(0, dot));
    const operationName = target.slice(dot + 1);
    const op = service?.model.operations[operationName];
    if (!service || !op) {
      sendJsonError(res, new ServiceError("UnknownOperationException", `Unknown operation ${target || "(no X-Amz-Target)"}`));
      return;
    }

    const region = dispatch.regionOf(req);
    const ctx = dispatch.context(region, requestId, req);
    let outcome = "ok";
    try {
      const contentType = req.headers["content-type"];
      if (contentType && !ACCEPTED_CONTENT_TYPES.test(contentType)) {
        throw new ServiceError("UnsupportedMediaTypeException", `Content-Type ${contentType} is not supported; send application/x-amz-json-1.1`, 415);
      }
      const input = parseBody(body);
      if (op.input) validateInput(service.model, op.input, input, service.validationException);
      const handler = service.registry.get(operationName);
      if (!handler) {
        throw new ServiceError("UnsupportedOperationException", `${service.targetPrefix}.${operationName} is not implemented in cognito-emu`);
      }
      const output = await dispatch.run(() => handler(input, ctx));
      sendJson(res, 200, toJsonBody(output ?? {}));
    } catch (error) {
      outcome = sendJsonError(res, error);
    } finally {
      dispatch.onDone?.(ctx, operationName, outcome, performance.now() - started);
    }
  };
}

function parseBody(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8");
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceError("SerializationException", "The request body is not valid JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ServiceError("SerializationException", "The request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}
