import type { Response } from "express";
import { ServiceError } from "../errors";

/** awsJson bodies: timestamps as epoch seconds, absent members omitted. */
export function toJsonBody(output: unknown): string {
  return JSON.stringify(output, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    return value;
  });
}

/** Writes an AWS JSON error and returns its exception name (for the request log). */
export function sendJsonError(res: Response, error: unknown): string {
  const serviceError =
    error instanceof ServiceError ? error : new ServiceError("InternalErrorException", "An internal error occurred in cognito-emu", 500);
  if (!(error instanceof ServiceError)) {
    process.stderr.write(`cognito-emu internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  res
    .status(serviceError.statusCode)
    .setHeader("x-amzn-ErrorType", serviceError.code)
    .type("application/x-amz-json-1.1")
    .send(JSON.stringify({ __type: serviceError.code, message: serviceError.message }));
  return serviceError.code;
}
