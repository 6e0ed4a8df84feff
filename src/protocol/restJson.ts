import { randomUUID } from "node:crypto";
import express, { type Request, type Response } from "express";
import { ServiceError } from "../errors";
import type { Dispatch } from "./awsJson";
import { parseJsonObject, sendJsonError } from "./json";
import { models, type ServiceModel, type ServiceName } from "./model";
import { callerOf } from "./region";
import { jsonBody } from "./shapes";

/** A restJson1 service (Cognito Sync): operations routed by method and URI template. */
export interface RestService {
  name: ServiceName;
}

interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  labels: string[];
}

/** Builds one router answering every operation of the model, by its `http.requestUri`. */
export function restJsonRouter(service: RestService, dispatch: Dispatch, limit: string): express.Router {
  const model = models[service.name];
  const routes: Route[] = Object.entries(model.operations).map(([name, op]) => {
    const labels: string[] = [];
    const path = op.http!.requestUri.split("?")[0];
    const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}+]+)\+?\}/g, (_m, label: string) => {
      labels.push(label);
      return "([^/]+)";
    });
    return { name, method: op.http!.method, pattern: new RegExp(`^${source}/?$`), labels };
  });
  const prefixes = [...new Set(Object.values(model.operations).map((op) => "/" + op.http!.requestUri.split("/")[1].split("?")[0]))];

  const router = express.Router();
  router.use(prefixes, express.raw({ type: () => true, limit }), async (req: Request, res: Response, next) => {
    const fullPath = req.originalUrl.split("?")[0];
    const matching = routes.filter((r) => r.pattern.test(fullPath));
    const route = matching.find((r) => r.method === req.method);
    if (!route) return matching.length ? void sendJsonError(res, new ServiceError("MethodNotAllowedException", `${req.method} is not allowed on ${fullPath}`, 405)) : next();

    const requestId = randomUUID();
    res.setHeader("x-amzn-RequestId", requestId);
    const op = model.operations[route.name];
    try {
      const output = await dispatch.invoke(service.name, route.name, () => readRestInput(model, op.input, route, fullPath, req), callerOf(req, dispatch.defaultRegion, requestId));
      res.status(op.http?.responseCode ?? 200).type("application/json").send(jsonBody(model, op.output, output));
    } catch (error) {
      sendJsonError(res, error, undefined, model);
    }
  });
  return router;
}

/** The input from the body (a JSON object), the URI's labels, the query string and headers, as the input shape places them. */
function readRestInput(model: ServiceModel, inputShape: string | undefined, route: Route, path: string, req: Request): Record<string, unknown> {
  if (!inputShape) return {};
  const shape = model.shapes[inputShape];
  const input = parseJsonObject(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  const values = route.pattern.exec(path)!.slice(1).map(decodePathLabel);
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const key = ref.locationName ?? name;
    if (ref.location === "uri") input[name] = values[route.labels.indexOf(key)];
    else if (ref.location === "querystring" && req.query[key] !== undefined) input[name] = castScalar(model, ref.shape, String(req.query[key]));
    else if (ref.location === "header" && req.headers[key.toLowerCase()] !== undefined) input[name] = String(req.headers[key.toLowerCase()]);
  }
  return input;
}

function decodePathLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ServiceError("SerializationException", `The request path has malformed percent-encoding: ${raw.slice(0, 100)}`);
  }
}

/** A query-string value as its shape's type; one that is not (`maxResults=` or `=abc`) is left a string for validation to refuse. */
function castScalar(model: ServiceModel, shapeName: string, raw: string): unknown {
  const type = model.shapes[shapeName]?.type;
  if (type === "integer" || type === "long") return raw.trim() !== "" && Number.isInteger(Number(raw)) ? Number(raw) : raw;
  if (type === "boolean") return raw === "true";
  return raw;
}
