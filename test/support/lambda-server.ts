import http from "node:http";
import type { AddressInfo } from "node:net";

/** A function the server runs: the event in, the output (anything JSON) out; throwing is a function error. */
export type LambdaFunction = (event: any) => unknown;

/** Output sent as is, not as JSON: to test functions that answer something Cognito cannot read. */
export class RawOutput {
  constructor(readonly text: string) {}
}

export interface Invocation {
  functionName: string;
  event: any;
}

export interface LambdaServer {
  /** The endpoint to give the emulator as lambdaEndpoint. */
  url: string;
  define(name: string, fn: LambdaFunction): void;
  invocations: Invocation[];
  /** Invocations of one function, events only. */
  eventsOf(name: string): any[];
  close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/;

/**
 * A small server of the Lambda Invoke API (POST /2015-03-31/functions/<name>/invocations), standing in
 * for SAM local or LocalStack: functions are defined in the test; a thrown error answers as Lambda's
 * Unhandled function error, an unknown name as ResourceNotFoundException.
 */
export async function startLambdaServer(): Promise<LambdaServer> {
  const functions = new Map<string, LambdaFunction>();
  const invocations: Invocation[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void answer(req, res, Buffer.concat(chunks).toString("utf8")));
  });

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const match = req.method === "POST" ? INVOKE_PATH.exec(new URL(req.url ?? "/", "http://localhost").pathname) : null;
    if (!match) return send(res, 404, { message: "Not a Lambda Invoke API request" }, { "x-amzn-ErrorType": "ResourceNotFoundException" });
    const reference = decodeURIComponent(match[1]);
    const functionName = FUNCTION_ARN.exec(reference)?.[1] ?? reference.split(":")[0];
    const fn = functions.get(functionName);
    if (!fn) {
      return send(res, 404, { Type: "User", message: `Function not found: ${reference}` }, { "x-amzn-ErrorType": "ResourceNotFoundException" });
    }
    invocations.push({ functionName, event: JSON.parse(body) });
    try {
      const output = await fn(JSON.parse(body));
      if (output instanceof RawOutput) return sendText(res, 200, output.text, {});
      return sendText(res, 200, output === undefined ? "null" : JSON.stringify(output), {});
    } catch (error) {
      const failure = error as Error;
      return send(res, 200, { errorMessage: failure.message, errorType: failure.name ?? "Error", stackTrace: [] }, { "X-Amz-Function-Error": "Unhandled" });
    }
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
    sendText(res, status, JSON.stringify(body), headers);
  }

  function sendText(res: http.ServerResponse, status: number, text: string, headers: Record<string, string>): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "Content-Type": "application/json", "X-Amz-Executed-Version": "$LATEST", ...headers });
    res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    define: (name, fn) => functions.set(name, fn),
    invocations,
    eventsOf: (name) => invocations.filter((i) => i.functionName === name).map((i) => i.event),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
