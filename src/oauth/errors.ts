import type { Response } from "express";
import { ServiceError } from "../errors";

/** An OAuth 2.0 error as the token, revocation and userInfo endpoints answer it: `{"error": "..."}`. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly status = 400,
    /** Why, for the emulator's log; Cognito's answer carries only the error code. */
    readonly reason?: string,
  ) {
    super(reason ?? error);
  }
}

export function sendOAuthError(res: Response, error: OAuthError): void {
  res.status(error.status).set("cache-control", "no-store").json({ error: error.error });
}

/** The outcome a request log line reports. */
export function outcomeOf(error: unknown): string {
  if (error instanceof OAuthError) return error.error;
  if (error instanceof ServiceError) return error.code;
  return "InternalErrorException";
}
