import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ServiceError } from "../errors";
import type { RequestLogEntry } from "../log";
import type { Invoke } from "../services/invoke";
import { parseJsonObject, sendJson, sendJsonError } from "./json";
import { models, operationOf, type ServiceName } from "./model";
import { callerOf } from "./region";
import { jsonBody } from "./shapes";

/** What every protocol hands a parsed request to. */
export interface Dispatch {
  /** The one path that runs operations (services/invoke.ts). */
  invoke: Invoke;
  /** The region of requests whose signature names none. */
  defaultRegion: string;
  /** Logs a request refused before any operation ran (no operation by that name), which `invoke` never sees. */
  log?: (entry: RequestLogEntry) => void;
}

const ACCEPTED_CONTENT_TYPES = /^(application\/x-amz-json-1\.[01]|application\/json|text\/plain)\b/i;

/**
 * Answers `POST /` requests carrying `X-Amz-Target: <Prefix>.<Operation>` for the awsJson services,
 * given the raw body: the body is the input, the output is written by the model's output shape. It
 * works on node's own request and response so the server can take this hot path without express.
 */
export function awsJsonHandler(services: ServiceName[], dispatch: Dispatch) {
  const byPrefix = new Map(services.map((name) => [models[name].metadata.targetPrefix!, name]));

  return async (req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    res.setHeader("x-amzn-RequestId", requestId);
    const target = String(req.headers["x-amz-target"] ?? "");
    const dot = target.lastIndexOf(".");
    const service = byPrefix.get(target.slice(0, dot));
    const operation = target.slice(dot + 1);
    const model = service && models[service];
    const op = model && operationOf(model, operation);
    if (!service || !op) {
      const started = performance.now();
      const message = target
        ? `Unknown operation ${target}`
        : "Unknown operation (no X-Amz-Target): send X-Amz-Target: <service>.<Operation> (AWSCognitoIdentityProviderService, AWSCognitoIdentityService), or a form-encoded Action (STS)";
      const outcome = sendJsonError(res, new ServiceError("UnknownOperationException", message));
      dispatch.log?.({ operation: target || "(no X-Amz-Target)", outcome, ms: performance.now() - started });
      return;
    }
    const input = () => {
      const contentType = req.headers["content-type"];
      if (contentType && !ACCEPTED_CONTENT_TYPES.test(contentType)) {
        throw new ServiceError("UnsupportedMediaTypeException", `Content-Type ${contentType} is not supported; send application/x-amz-json-1.1`, 415);
      }
      return parseJsonObject(body);
    };
    try {
      const output = await dispatch.invoke(service, operation, input, callerOf(req, dispatch.defaultRegion, requestId));
      sendJson(res, 200, jsonBody(model, op.output, output));
    } catch (error) {
      sendJsonError(res, error, undefined, model);
    }
  };
}
