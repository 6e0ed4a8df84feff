import { randomUUID } from "node:crypto";
import type { Request, Response } from "express";
import { ServiceError } from "../errors";
import type { HandlerSource } from "../services/registry";
import type { Dispatch } from "./awsJson";
import type { ServiceModel, Shape } from "./model";
import { validateInput } from "./validate";

/** An awsQuery service (STS): form-encoded `Action=<Op>&Version=...` in, XML out. */
export interface QueryService {
  model: ServiceModel;
  registry: HandlerSource;
}

export function awsQueryHandler(service: QueryService, dispatch: Dispatch) {
  const namespace = service.model.metadata.xmlNamespace ?? "";
  return async (req: Request, res: Response): Promise<void> => {
    const started = performance.now();
    const requestId = randomUUID();
    const params = new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");
    const action = params.get("Action") ?? "";
    const op = service.model.operations[action];
    const ctx = dispatch.context(dispatch.regionOf(req), requestId, req);
    let outcome = "ok";
    try {
      if (!op) throw new ServiceError("InvalidAction", `Could not find operation ${action || "(no Action)"} for version ${params.get("Version") ?? "(none)"}`);
      const input = op.input ? readQueryShape(service.model, service.model.shapes[op.input], params, "") : {};
      if (op.input) validateInput(service.model, op.input, input, "ValidationError");
      const handler = service.registry.get(action);
      if (!handler) throw new ServiceError("UnsupportedOperation", `STS ${action} is not implemented in cognito-emu`);
      const output = (await dispatch.run(() => handler(input, ctx))) ?? {};
      const result = op.output ? writeXml(service.model, service.model.shapes[op.output], output) : "";
      res
        .status(200)
        .type("text/xml")
        .setHeader("x-amzn-RequestId", requestId)
        .send(
          `<${action}Response xmlns="${namespace}"><${action}Result>${result}</${action}Result>` +
            `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
        );
    } catch (error) {
      const e = error instanceof ServiceError ? error : new ServiceError("InternalFailure", "An internal error occurred in cognito-emu", 500);
      if (!(error instanceof ServiceError)) process.stderr.write(`cognito-emu internal error: ${(error as Error)?.stack}\n`);
      outcome = e.code;
      res
        .status(e.statusCode)
        .type("text/xml")
        .setHeader("x-amzn-RequestId", requestId)
        .send(
          `<ErrorResponse xmlns="${namespace}"><Error><Type>${e.statusCode >= 500 ? "Receiver" : "Sender"}</Type>` +
            `<Code>${escapeXml(e.code)}</Code><Message>${escapeXml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
    } finally {
      dispatch.onDone?.(ctx, action || "STS", outcome, performance.now() - started);
    }
  };
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
      const out: Record<string, unknown> = {};
      for (let i = 1; params.has(`${prefix}.entry.${i}.key`); i++) {
        out[params.get(`${prefix}.entry.${i}.key`)!] = readQueryShape(model, model.shapes[shape.value!.shape], params, `${prefix}.entry.${i}.value`);
      }
      return Object.keys(out).length ? out : undefined;
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
      return (value as unknown[]).map((item) => `<member>${writeXml(model, model.shapes[shape.member!.shape], item)}</member>`).join("");
    case "timestamp":
      return value instanceof Date ? value.toISOString() : escapeXml(String(value));
    default:
      return escapeXml(String(value));
  }
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}
