import { types } from "node:util";

/** What one attempt to run a function produced, before Cognito's rules turn it into an answer or an error. */
export type Invocation =
  /** The function returned; `payload` is its parsed JSON output (possibly null). */
  | { kind: "returned"; payload: unknown }
  /** The function threw or reported an error, as Lambda's `errorMessage`. */
  | { kind: "threw"; errorMessage: string; errorType?: string }
  /** The function's output was not JSON. */
  | { kind: "malformed" }
  /** Worth another attempt: no answer in time, the endpoint unreachable, throttled, or a server error. */
  | { kind: "transient"; reason: string }
  /** The function could not be run at all (not found, access denied): no retry helps. */
  | { kind: "refused"; reason: string };

/** Cognito's word for a call that got no answer within the timeout. */
export const TIMED_OUT = "Socket timeout while invoking Lambda function";

/** Lambda's `errorMessage` for a thrown value, as the Node.js runtime reports it. */
export function describeThrown(thrown: unknown): { errorMessage: string; errorType?: string } {
  // isNativeError, not instanceof: trigger modules may run in another realm (a test runner's sandbox).
  if (types.isNativeError(thrown)) return { errorMessage: thrown.message, errorType: thrown.name };
  if (typeof thrown === "string") return { errorMessage: thrown, errorType: "string" };
  try {
    return { errorMessage: JSON.stringify(thrown) ?? String(thrown), errorType: typeof thrown };
  } catch {
    return { errorMessage: String(thrown), errorType: typeof thrown };
  }
}

/** The output as Lambda would carry it: JSON text and back, so functions never share objects with the emulator. */
export function asJson(value: unknown): Invocation {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return { kind: "malformed" };
  }
  return { kind: "returned", payload: text === undefined ? null : JSON.parse(text) };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
