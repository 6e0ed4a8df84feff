import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Request, Response } from "express";
import { ServiceError } from "../errors";
import type { Dispatch } from "./awsJson";
import { asServiceError } from "./json";
import { errorStatus, models, operationOf, type ServiceModel, type ServiceName, type Shape } from "./model";
import { callerOf } from "./region";

/** An awsQuery service (STS): form-encoded `Action=<Op>&Version=...` in, XML out. */
export interface QueryService {
  name: ServiceName;
}

/** Whether a request to `/` is an awsQuery call: a form body rather than an X-Amz-Target. */
export function isQueryRequest(req: IncomingMessage): boolean {
  return !req.headers["x-amz-target"] && /application\/x-www-form-urlencoded/i.test(String(req.headers["content-type"] ?? ""));
}

export function awsQueryHandler(service: QueryService, dispatch: Dispatch) {
  const model = models[service.name];
  return async (req: Request, res: Response): Promise<void> => {
    const requestId = randomUUID();
    const params = new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");
    const action = params.get("Action") ?? "";
    const op = operationOf(model, action);
    if (!op) {
      const started = performance.now();
      sendQueryError(res, new ServiceError("InvalidAction", `Could not find operation ${action || "(no Action)"} for version ${params.get("Version") ?? "(none)"}`), requestId, model);
      dispatch.log?.({ operation: action || "(no Action)", outcome: "InvalidAction", ms: performance.now() - started });
      return;
    }
    try {
      const input = () => (op.input ? (readQueryShape(model, model.shapes[op.input], params, "") as object) : {});
      const output = (await dispatch.invoke(service.name, action, input, callerOf(req, dispatch.defaultRegion, requestId))) ?? {};
      const result = op.output ? writeXml(model, model.shapes[op.output], output) : "";
      const namespace = model.metadata.xmlNamespace ?? "";
      res
        .status(200)
        .type("text/xml")
        .setHeader("x-amzn-RequestId", requestId)
        .send(
          `<${action}Response xmlns="${namespace}"><${action}Result>${result}</${action}Result>` +
            `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
        );
    } catch (error) {
      sendQueryError(res, error, requestId, model);
    }
  };
}

/** Writes an awsQuery XML error: status and Sender/Receiver as the model gives the exception, else as raised. */
export function sendQueryError(res: Response, error: unknown, requestId: string = randomUUID(), model: ServiceModel = models.sts): void {
  const e = asServiceError(error, "InternalFailure");
  const { status, server } = errorStatus(model, e.code, e.statusCode);
  res
    .status(status)
    .type("text/xml")
    .setHeader("x-amzn-RequestId", requestId)
    .send(
      `<ErrorResponse xmlns="${model.metadata.xmlNamespace ?? ""}"><Error><Type>${server ? "Receiver" : "Sender"}</Type>` +
        `<Code>${escapeXml(e.code)}</Code><Message>${escapeXml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
}

/** Reads `Name`, `Name.Sub`, `Name.member.N` form parameters into the shape's JSON form. */
function readQueryShape(model: ServiceModel, shape: Shape, params: URLSearchParams, prefix: string): unknown {
  switch (shape.type) {
    case "structure": {
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const value = readQueryShape(model, model.shapes[ref.shape], params, prefix ? `${prefix}.${name}` : name);
        if (value !== undefined) out[name] = value;
      }
      return prefix && Object.keys(out).length === 0 ? undefined : out;
    }
    case "list": {
      const items: unknown[] = [];
      for (let i = 1; ; i++) {
        const item = readQueryShape(model, model.shapes[shape.member!.shape], params, `${prefix}.member.${i}`);
        if (item === undefined) break;
        items.push(item);
      }
      return items.length ? items : params.has(prefix) ? [] : undefined;
    }
    case "map": {
      const entries: Array<[string, unknown]> = [];
      for (let i = 1; params.has(`${prefix}.entry.${i}.key`); i++) {
        entries.push([params.get(`${prefix}.entry.${i}.key`)!, readQueryShape(model, model.shapes[shape.value!.shape], params, `${prefix}.entry.${i}.value`)]);
      }
      // fromEntries defines own members, so a key named __proto__ is data, not a prototype.
      return entries.length ? Object.fromEntries(entries) : undefined;
    }
    default: {
      const raw = params.get(prefix);
      if (raw === null) return undefined;
      if (shape.type === "integer" || shape.type === "long") return Number.isInteger(Number(raw)) ? Number(raw) : raw;
      if (shape.type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
      return raw;
    }
  }
}

/** The XML of an output by its shape: members in the model's order, those the shape lacks dropped. */
function writeXml(model: ServiceModel, shape: Shape, value: unknown): string {
  if (value === undefined || value === null) return "";
  switch (shape.type) {
    case "structure":
      return Object.entries(shape.members ?? {})
        .map(([name, ref]) => {
          const inner = (value as Record<string, unknown>)[name];
          if (inner === undefined || inner === null) return "";
          const tag = ref.locationName ?? name;
          return `<${tag}>${writeXml(model, model.shapes[ref.shape], inner)}</${tag}>`;
        })
        .join("");
    case "list":
      if (!Array.isArray(value)) return "";
      return value.map((item) => `<member>${writeXml(model, model.shapes[shape.member!.shape], item)}</member>`).join("");
    case "map":
      return Object.entries(value as Record<string, unknown>)
        .map(([key, inner]) => `<entry><key>${escapeXml(key)}</key><value>${writeXml(model, model.shapes[shape.value!.shape], inner)}</value></entry>`)
        .join("");
    case "timestamp":
      // awsQuery answers ISO 8601; a number is epoch seconds, as the JSON protocols read one.
      if (value instanceof Date) return value.toISOString();
      return typeof value === "number" ? new Date(value * 1000).toISOString() : escapeXml(String(value));
    case "blob":
      return value instanceof Uint8Array ? Buffer.from(value).toString("base64") : escapeXml(String(value));
    default:
      return escapeXml(String(value));
  }
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}
