import type * as Lambda from "@aws-sdk/client-lambda";
import { type Invocation, TIMED_OUT } from "./invocation";

export interface RemoteFunction {
  /** The Lambda Invoke API endpoint (--lambda-endpoint): SAM local, LocalStack, or any server of that API. */
  endpoint: string;
  region: string;
  /** As the Invoke API takes it: a name, `name:qualifier`, or an ARN. */
  functionName: string;
}

/** Lambda endpoints for local development accept any signature; these only keep the SDK from looking for real ones. */
const DUMMY_CREDENTIALS = { accessKeyId: "cognito-emu", secretAccessKey: "cognito-emu" };
const NETWORK_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ETIMEDOUT"]);
const THROTTLING = new Set(["TooManyRequestsException", "ThrottlingException", "EC2ThrottledException"]);

/**
 * One synchronous Invoke (RequestResponse) through @aws-sdk/client-lambda. The client makes a single
 * attempt: retrying is Cognito's business and the caller's. A client per call keeps no sockets open
 * between triggers, so stopping the emulator leaves nothing behind.
 */
export async function invokeRemote(fn: RemoteFunction, event: unknown, timeoutMs: number): Promise<Invocation> {
  // Loaded on the first invocation: most runs use local modules or no triggers, and it costs start-up time.
  const { InvokeCommand, LambdaClient } = require("@aws-sdk/client-lambda") as typeof Lambda;
  const client = new LambdaClient({ endpoint: fn.endpoint, region: fn.region, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const output = await client.send(
      new InvokeCommand({ FunctionName: fn.functionName, InvocationType: "RequestResponse", Payload: Buffer.from(JSON.stringify(event)) }),
      { abortSignal: abort.signal },
    );
    const text = output.Payload ? Buffer.from(output.Payload).toString("utf8") : "";
    if (output.FunctionError) return functionError(text, output.FunctionError);
    try {
      return { kind: "returned", payload: text === "" ? null : JSON.parse(text) };
    } catch {
      return { kind: "malformed" };
    }
  } catch (error) {
    if (abort.signal.aborted) return { kind: "transient", reason: TIMED_OUT };
    return classify(error);
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}

/** Lambda's error payload: `{"errorMessage", "errorType", "stackTrace"}`. */
function functionError(text: string, kind: string): Invocation {
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown; errorType?: unknown };
    if (parsed && typeof parsed === "object") {
      return { kind: "threw", errorMessage: String(parsed.errorMessage ?? kind), errorType: typeof parsed.errorType === "string" ? parsed.errorType : undefined };
    }
  } catch {
    // Not JSON: the text itself is the best description there is.
  }
  return { kind: "threw", errorMessage: text || kind };
}

function classify(error: unknown): Invocation {
  const failure = error as { name?: string; message?: string; code?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } };
  const status = failure.$metadata?.httpStatusCode;
  // The SDK wraps errors from another realm (a test runner's sandbox) and keeps only their message.
  const code = failure.code ?? failure.cause?.code ?? /\b(E[A-Z_]{3,})\b/.exec(failure.message ?? "")?.[1];
  if (code && NETWORK_ERRORS.has(code)) return { kind: "transient", reason: code };
  if (status === undefined) return { kind: "transient", reason: failure.name ?? String(error) };
  if (status >= 500 || status === 429 || THROTTLING.has(failure.name ?? "")) return { kind: "transient", reason: failure.name ?? `HTTP ${status}` };
  return { kind: "refused", reason: failure.name ?? `HTTP ${status}` };
}
