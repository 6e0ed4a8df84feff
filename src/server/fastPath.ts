import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { ServiceError } from "../errors";
import { sendJson, sendJsonError } from "../protocol/json";

export const MAX_BODY_BYTES = 1024 * 1024;
export const EXPOSED_HEADERS = ["x-amzn-RequestId", "x-amzn-ErrorType", "x-amzn-ErrorMessage", "Date"];

type JsonHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<void>;

/**
 * Cognito's JSON API is the hot path (every sign-in), so it is answered straight from node's server,
 * skipping express's middleware, and so is /health, which start-up waits on; everything else
 * (preflights, control, OAuth, STS, Sync) goes to express.
 */
export function withAwsJsonFastPath(app: () => RequestListener, json: JsonHandler, health: () => Record<string, unknown>): RequestListener {
  return (req, res) => {
    if (req.method === "GET" && req.url === "/health") {
      // Anyone may read it, but no credentials come with it (as express answers /health?query).
      if (req.headers.origin) res.setHeader("Access-Control-Allow-Origin", "*");
      return void sendJson(res, 200, JSON.stringify(health()), "application/json; charset=utf-8");
    }
    if (req.method !== "POST" || req.url !== "/" || !req.headers["x-amz-target"]) return app()(req, res);
    allowCrossOrigin(req, res);
    readBody(req).then(
      (body) => json(req, body, res),
      (error: ServiceError) => sendJsonError(res, error),
    );
  };
}

/** What a browser (Amplify in a page) needs to read a cross-origin answer; preflights are express's. */
function allowCrossOrigin(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS.join(","));
  res.setHeader("Vary", "Origin");
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        reject(new ServiceError("RequestEntityTooLargeException", `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", () => reject(new ServiceError("SerializationException", "The request body could not be read")));
  });
}
