import { randomUUID } from "node:crypto";
import express, { type Request, type Response } from "express";
import { ServiceError } from "../errors";
import type { HandlerSource } from "../services/registry";
import type { Dispatch } from "./awsJson";
import { sendJsonError, toJsonBody } from "./json";
import type { ServiceModel } from "./model";
import { validateInput } from "./validate";

/** A restJson1 service (Cognito Sync): operations routed by method and URI template. */
export interface RestService {
  model: ServiceModel;
  registry: HandlerSource;
  /** The exception a model-constraint failure is answered with. */
  validationException?: string;
}

interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  labels: string[];
}

/** Builds one router answering every operation of the model, by its `http.requestUri`. */
export function restJsonRouter(service: RestService, dispatch: Dispatch, limit: string): express.Router {
  const routes: Route[] = Object.entries(service.model.operations).map(([name, op]) => {
    const labels: string[] = [];
    const path = op.http!.requestUri.split("?")[0];
    const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}+]+)\+?\}/g, (_m, label: string) => {
      labels.push(label);
      return "([^/]+)";
    });
    return { name, method: op.http!.method, pattern: new RegExp(`^${source}/?$`), labels };
  });
  const prefixes = [...new Set(Object.values(service.model.operations).map((op) => "/" + op.http!.requestUri.split("/")[1].split("?")[0]))];

  const router = express.Router();
  router.use(prefixes, express.raw({ type: () => true, limit }), async (req: Request, res: Response, next) => {
    const fullPath = req.originalUrl.split("?")[0];
    const matching = routes.filter((r) => r.pattern.test(fullPath));
    const route = matching.find((r) => r.method === req.method);
    if (!route) return matching.length ? void sendJsonError(res, new ServiceError("MethodNotAllowedException", `${req.method} is not allowed on ${fullPath}`, 405)) : next();

    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader("x-amzn-RequestId", requestId);
    const ctx = dispatch.context(dispatch.regionOf(req), requestId, req);
    let outcome = "ok";
    try {
      const op = service.model.operations[route.name];
      const input = readRestInput(service.model, op.input, route, fullPath, req);
      if (op.input) validateInput(service.model, op.input, input, service.validationException);
      const handler = service.registry.get(route.name);
      if (!handler) throw new ServiceError("UnsupportedOperationException", `Cognito Sync ${route.name} is not implemented in cognito-emu`);
      const output = (await dispatch.run(() => handler(input, ctx))) ?? {};
      res.status(op.http?.responseCode ?? 200).type("application/json").send(toJsonBody(output));
    } catch (error) {
      outcome = sendJsonError(res, error);
    } finally {
      dispatch.onDone?.(ctx, route.name, outcome, performance.now() - started);
    }
  });
  return router;
}

function readRestInput(model: ServiceModel, inputShape: string | undefined, route: Route, path: string, req: Request): Record<string, unknown> {
  if (!inputShape) return {};
  const shape = model.shapes[inputShape];
  const text = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
  let input: Record<string, unknown> = {};
  if (text.trim()) {
    try {
      input = JSON.parse(text);
    } catch {
      throw new ServiceError("SerializationException", "The request body is not valid JSON");
    }
  }
  const values = route.pattern.exec(path)!.slice(1).map(decodeURIComponent);
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const key = ref.locationName ?? name;
    if (ref.location === "uri") input[name] = values[route.labels.indexOf(key)];
    else if (ref.location === "querystring" && req.query[key] !== undefined) input[name] = castScalar(model, ref.shape, String(req.query[key]));
    else if (ref.location === "header" && req.headers[key.toLowerCase()] !== undefined) input[name] = String(req.headers[key.toLowerCase()]);
  }
  return input;
}

function castScalar(model: ServiceModel, shapeName: string, raw: string): unknown {
  const type = model.shapes[shapeName]?.type;
  if (type === "integer" || type === "long") return Number.isInteger(Number(raw)) ? Number(raw) : raw;
  if (type === "boolean") return raw === "true";
  return raw;
}
