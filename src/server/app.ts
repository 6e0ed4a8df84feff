import express, { type NextFunction, type Request, type Response } from "express";
import cors from "cors";
import type { awsJsonHandler, Dispatch } from "../protocol/awsJson";
import { awsQueryHandler, isQueryRequest, type QueryService, sendQueryError } from "../protocol/awsQuery";
import { restJsonRouter, type RestService } from "../protocol/restJson";
import { sendJsonError } from "../protocol/json";
import { ServiceError } from "../errors";
import { controlGuard, pathKind } from "../control/guard";
import { EXPOSED_HEADERS, MAX_BODY_BYTES } from "./fastPath";

export interface AppParts {
  /** The awsJson handler, shared with the server's fast path. */
  json: ReturnType<typeof awsJsonHandler>;
  queryService: QueryService;
  restService: RestService;
  dispatch: Dispatch;
  /** Routers mounted before the AWS protocols: control endpoints, JWKS, OAuth. */
  routers: express.Router[];
  /** Host names the control endpoints and console answer beyond loopback names, IP literals and single labels. */
  allowHosts?: readonly string[];
}

const MAX_BODY = `${MAX_BODY_BYTES}b`;

/** One express app, one port, every protocol: awsJson by X-Amz-Target, awsQuery by form body, restJson by path. */
export function createApp(parts: AppParts): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(controlGuard(parts.allowHosts ?? []));
  // Browsers (Amplify in a page) call the AWS APIs from other origins and must read AWS's response
  // headers. The control endpoints grant no other origin anything; /health is readable by all.
  const awsCors = { origin: true, credentials: true, exposedHeaders: EXPOSED_HEADERS, maxAge: 86400 };
  app.use(
    cors((req, callback) => {
      const kind = pathKind((req as Request).path, (req as Request).method);
      callback(null, kind === "aws" ? awsCors : kind === "health" ? { origin: "*", maxAge: 86400 } : { origin: false });
    }),
  );
  for (const router of parts.routers) app.use(router);

  const { json } = parts;
  const query = awsQueryHandler(parts.queryService, parts.dispatch);
  app.post("/", express.raw({ type: () => true, limit: MAX_BODY }), (req, res, next) => {
    // STS posts a form. JSON labelled a form (`curl -d` does that) is a Cognito call without its target:
    // the JSON handler answers it as one, in JSON.
    const jsonBody = Buffer.isBuffer(req.body) && /^\s*[[{]/.test(req.body.toString());
    if (isQueryRequest(req) && !jsonBody) return void query(req, res).catch(next);
    json(req, req.body as Buffer, res).catch(next);
  });
  app.use(restJsonRouter(parts.restService, parts.dispatch, MAX_BODY));

  app.use((req: Request, res: Response) => {
    res.status(404).json({ __type: "ResourceNotFoundException", message: `No route for ${req.method} ${req.path}` });
  });
  // Body-parser failures (oversized, aborted) arrive here: answer 4xx, never crash.
  app.use((error: { status?: number; type?: string; message?: string }, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const code = error.type === "entity.too.large" ? "RequestEntityTooLargeException" : status < 500 ? "SerializationException" : "InternalErrorException";
    const message = error.type === "entity.too.large" ? `Request body exceeds ${MAX_BODY_BYTES} bytes` : (error.message ?? "Internal error");
    // STS callers read XML.
    if (isQueryRequest(req)) return void sendQueryError(res, new ServiceError(code, message, status));
    sendJsonError(res, new ServiceError(code, message, status));
  });
  return app;
}
