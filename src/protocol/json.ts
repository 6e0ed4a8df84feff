import type { ServerResponse } from "node:http";
import { ServiceError } from "../errors";

/** awsJson bodies: timestamps as epoch seconds, absent members omitted. */
export function toJsonBody(output: unknown): string {
  return JSON.stringify(output, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    return value;
  });
}

export function sendJson(res: ServerResponse, status: number, body: string, contentType = "application/x-amz-json-1.1"): void {
  res.statusCode = status;
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

/** Writes an AWS JSON error and returns its exception name (for the request log). */
export function sendJsonError(res: ServerResponse, error: unknown, contentType?: string): string {
  const serviceError =
    error instanceof ServiceError ? error : new ServiceError("InternalErrorException", "An internal error occurred in cognito-emu", 500);
  if (!(error instanceof ServiceError)) {
    process.stderr.write(`cognito-emu internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  res.setHeader("x-amzn-ErrorType", serviceError.code);
  sendJson(res, serviceError.statusCode, JSON.stringify({ __type: serviceError.code, message: serviceError.message }), contentType);
  return serviceError.code;
}
