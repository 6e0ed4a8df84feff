import { type MemberRef, models, type ServiceModel, type ServiceName, type Shape } from "./model";

/** Turns a scalar (timestamp, blob, ...) into a protocol's wire form; `ref` is the member holding it. */
export type LeafWriter = (shape: Shape, value: unknown, ref: MemberRef | undefined) => unknown;

const asIs: LeafWriter = (_shape, value) => value;

/**
 * A value as its shape has it: structure members in the model's order (the order AWS answers in),
 * members the shape does not have and undefined or null ones dropped, lists and maps walked, and
 * each scalar passed through `leaf`. A value that is not what its shape says is left as it is.
 */
export function shaped(model: ServiceModel, shapeName: string, value: unknown, leaf: LeafWriter = asIs): unknown {
  return walk(model, model.shapes[shapeName], value, leaf, undefined);
}

function walk(model: ServiceModel, shape: Shape | undefined, value: unknown, leaf: LeafWriter, ref: MemberRef | undefined): unknown {
  if (!shape || value === null || value === undefined) return value;
  switch (shape.type) {
    case "structure": {
      if (shape.document || typeof value !== "object" || Array.isArray(value)) return value;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const inner = source[name];
        if (inner !== undefined && inner !== null) out[name] = walk(model, model.shapes[member.shape], inner, leaf, member);
      }
      return out;
    }
    case "list": {
      if (!Array.isArray(value)) return value;
      const member = shape.member!;
      return value.map((item) => walk(model, model.shapes[member.shape], item, leaf, member));
    }
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return value;
      const member = shape.value!;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        if (inner !== undefined) out[key] = walk(model, model.shapes[member.shape], inner, leaf, member);
      }
      return out;
    }
    default:
      return leaf(shape, value, ref);
  }
}

/** The JSON protocols' scalars: timestamps as epoch seconds (or as the member's format says), blobs in base64. */
export const jsonLeaf: LeafWriter = (shape, value, ref) => {
  if (shape.type === "timestamp" && value instanceof Date) {
    return (ref?.timestampFormat ?? shape.timestampFormat) === "iso8601" ? value.toISOString() : value.getTime() / 1000;
  }
  if (shape.type === "blob" && value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return value;
};

/** The JSON body of an output: `{}` for an operation without an output shape. */
export function jsonBody(model: ServiceModel, shapeName: string | undefined, output: unknown): string {
  if (!shapeName) return "{}";
  return JSON.stringify(shaped(model, shapeName, output ?? {}, jsonLeaf));
}

/**
 * What is wrong with a handler's output against its shape: required members missing, values of the
 * wrong type (timestamps are Dates, blobs bytes or base64 text), strings outside their enum. Members
 * the shape does not have are not problems: serializing drops them.
 */
export function outputProblems(model: ServiceModel, shapeName: string, value: unknown): string[] {
  const problems: string[] = [];
  checkOutput(model, model.shapes[shapeName], value, shapeName, problems);
  return problems;
}

function checkOutput(model: ServiceModel, shape: Shape | undefined, value: unknown, path: string, problems: string[]): void {
  if (!shape || value === undefined || value === null) return;
  const wrong = (expected: string) => problems.push(`${path} is ${describeType(value)}, not ${expected}`);
  switch (shape.type) {
    case "structure": {
      if (shape.document) return;
      if (typeof value !== "object" || Array.isArray(value) || value instanceof Date) return void wrong("a structure");
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) problems.push(`${path}.${name} is required but missing`);
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) checkOutput(model, model.shapes[member.shape], record[name], `${path}.${name}`, problems);
      return;
    }
    case "list":
      if (!Array.isArray(value)) return void wrong("a list");
      for (const [i, item] of value.entries()) {
        if (item === undefined || item === null) problems.push(`${path}[${i}] is ${item}`);
        else checkOutput(model, model.shapes[shape.member!.shape], item, `${path}[${i}]`, problems);
      }
      return;
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return void wrong("a map");
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) checkOutput(model, model.shapes[shape.value!.shape], item, `${path}.${key}`, problems);
      return;
    case "string":
      if (typeof value !== "string") return void wrong("a string");
      if (shape.enum && !shape.enum.includes(value)) problems.push(`${path} is '${value}', not one of ${shape.enum.join(", ")}`);
      return;
    case "integer":
    case "long":
      if (typeof value !== "number" || !Number.isInteger(value)) wrong("an integer");
      return;
    case "double":
    case "float":
      if (typeof value !== "number" || !Number.isFinite(value)) wrong("a number");
      return;
    case "boolean":
      if (typeof value !== "boolean") wrong("a boolean");
      return;
    case "timestamp":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) wrong("a Date");
      return;
    case "blob":
      if (!(value instanceof Uint8Array) && typeof value !== "string") wrong("bytes");
      return;
  }
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a Date";
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 60)}`;
}

/**
 * A view of a record as the service's shape `shapeName` (e.g. a stored pool as `UserPoolType`): only
 * the shape's members, in the model's order. Dates and other values are kept as they are.
 */
export function asShape<T>(service: ServiceName, shapeName: string, value: T): T {
  if (!models[service].shapes[shapeName]) throw new Error(`${service} has no shape ${shapeName}`);
  return shaped(models[service], shapeName, value) as T;
}
