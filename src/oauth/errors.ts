import type { Response } from "express";
import { ServiceError } from "../errors";

/** An OAuth 2.0 error as the token, revocation and userInfo endpoints answer it: `{"error": "..."}`. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly status = 400,
    /** Why, for the emulator's log. Cognito's token endpoint documents an answer of the error code alone. */
    readonly reason?: string,
    /**
     * An `error_description` for the answer (RFC 6749 section 5.2 allows one), where the code alone
     * leaves a client's author guessing: a PKCE verifier that is missing or does not match.
     */
    readonly description?: string,
  ) {
    super(reason ?? error);
  }
}

export function sendOAuthError(res: Response, error: OAuthError): void {
  res.status(error.status).set("cache-control", "no-store").json({ error: error.error, ...(error.description ? { error_description: error.description } : {}) });
}

/** The outcome a request log line reports. */
export function outcomeOf(error: unknown): string {
  if (error instanceof OAuthError) return error.error;
  if (error instanceof ServiceError) return error.code;
  return "InternalErrorException";
}
