import type { ServerResponse } from "node:http";
import { ServiceError } from "../errors";
import { errorStatus, type ServiceModel } from "./model";

export function sendJson(res: ServerResponse, status: number, body: string, contentType = "application/x-amz-json-1.1"): void {
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

/**
 * Writes an AWS JSON error, with the status `model` gives the exception (when it is one of the
 * service's), and returns its name.
 */
export function sendJsonError(res: ServerResponse, error: unknown, contentType?: string, model?: ServiceModel): string {
  const serviceError = asServiceError(error, "InternalErrorException");
  res.setHeader("x-amzn-ErrorType", serviceError.code);
  const { status } = errorStatus(model, serviceError.code, serviceError.statusCode);
  sendJson(res, status, JSON.stringify({ __type: serviceError.code, message: serviceError.message }), contentType);
  return serviceError.code;
}

/** A failure as the caller sees it: a ServiceError as it is, anything else (a bug) an internal error, reported on stderr. */
export function asServiceError(error: unknown, internalCode: string): ServiceError {
  if (error instanceof ServiceError) return error;
  process.stderr.write(`cognito-emu internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return new ServiceError(internalCode, "An internal error occurred in cognito-emu", 500);
}

/** The request body as a JSON object; an empty body is `{}`. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
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
