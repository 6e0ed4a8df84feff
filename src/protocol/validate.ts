import { ServiceError, validationMessage } from "../errors";
import type { Shape, ServiceModel } from "./model";

/**
 * Checks a parsed request against its input shape the way AWS's front end does: wrong JSON types are a
 * SerializationException; constraint failures (required, length, pattern, enum, range, list size)
 * are collected and reported together as "N validation errors detected: ..." (InvalidParameterException
 * for Cognito; STS calls it ValidationError). A JSON null is no value: an optional member set to null
 * is removed from the input (the handler sees it absent), and so is a map entry whose value is null;
 * a required member or a list item that is null fails "Member must not be null".
 */
export function validateInput(model: ServiceModel, shapeName: string, input: unknown, errorCode = "InvalidParameterException"): void {
  const failures: string[] = [];
  check(model, model.shapes[shapeName], input, "", failures, false);
  if (failures.length) throw new ServiceError(errorCode, validationMessage(failures));
}

const patternCache = new Map<string, RegExp | null>();

/** AWS patterns are Java regular expressions matched against the whole value. */
export function compilePattern(pattern: string): RegExp | null {
  let compiled = patternCache.get(pattern);
  if (compiled !== undefined) return compiled;
  const body = pattern.replace(/^\(\?s\)/, "");
  const flags = pattern.startsWith("(?s)") ? "us" : "u";
  compiled = null;
  for (const attempt of [flags, flags.replace("u", "")]) {
    try {
      compiled = new RegExp(`^(?:${body})$`, attempt);
      break;
    } catch {
      // Not expressible in JavaScript: the constraint is skipped rather than misapplied.
    }
  }
  patternCache.set(pattern, compiled);
  return compiled;
}

function describe(value: unknown, sensitive: boolean): string {
  if (sensitive) return "Value";
  if (value === null || value === undefined) return "Value null";
  if (typeof value === "string") return `Value '${value}'`;
  if (Array.isArray(value)) return `Value '[${value.join(", ")}]'`;
  if (typeof value === "object") return `Value '${JSON.stringify(value)}'`;
  return `Value '${String(value)}'`;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function typeError(path: string, expected: string): ServiceError {
  return new ServiceError("SerializationException", `Unexpected value at '${path || "request"}': expected ${expected}`);
}

function check(model: ServiceModel, shape: Shape | undefined, value: unknown, path: string, failures: string[], parentSensitive: boolean): void {
  if (!shape || value === null || value === undefined) return;
  const sensitive = parentSensitive || shape.sensitive === true;
  const fail = (constraint: string) => failures.push(`${describe(value, sensitive)} at '${path}' failed to satisfy constraint: ${constraint}`);

  switch (shape.type) {
    case "structure": {
      if (shape.document) return;
      if (typeof value !== "object" || Array.isArray(value)) throw typeError(path, "an object");
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) {
          failures.push(notNull(join(path, name)));
        }
      }
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (record[name] === null) delete record[name];
        else if (record[name] !== undefined) check(model, model.shapes[ref.shape], record[name], join(path, name), failures, sensitive);
      }
      return;
    }
    case "list": {
      if (!Array.isArray(value)) throw typeError(path, "a list");
      sizeConstraints(shape, value.length, fail);
      const memberShape = model.shapes[shape.member!.shape];
      for (const [i, item] of value.entries()) {
        if (item === null || item === undefined) failures.push(notNull(`${path}.${i + 1}.member`));
        else check(model, memberShape, item, `${path}.${i + 1}.member`, failures, sensitive);
      }
      return;
    }
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) throw typeError(path, "a map");
      const record = value as Record<string, unknown>;
      // amazon-cognito-identity-js sends AuthParameters {DEVICE_KEY: null}, which Cognito takes as absent.
      for (const key of Object.keys(record)) if (record[key] === null) delete record[key];
      const entries = Object.entries(record);
      sizeConstraints(shape, entries.length, fail);
      const keyShape = model.shapes[shape.key!.shape];
      const valueShape = model.shapes[shape.value!.shape];
      for (const [key, item] of entries) {
        check(model, keyShape, key, path, failures, sensitive);
        check(model, valueShape, item, `${path}.${key}`, failures, sensitive);
      }
      return;
    }
    case "string": {
      if (typeof value !== "string") throw typeError(path, "a string");
      sizeConstraints(shape, [...value].length, fail);
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
      if (shape.pattern && !(compilePattern(shape.pattern)?.test(value) ?? true)) {
        fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      return;
    }
    case "integer":
    case "long": {
      if (typeof value !== "number" || !Number.isInteger(value)) throw typeError(path, "an integer");
      if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    case "double":
    case "float":
      if (typeof value !== "number") throw typeError(path, "a number");
      return;
    case "boolean":
      if (typeof value !== "boolean") throw typeError(path, "a boolean");
      return;
    case "timestamp":
      if (typeof value !== "number" && typeof value !== "string") throw typeError(path, "a timestamp");
      return;
    case "blob":
      if (typeof value !== "string") throw typeError(path, "a base64 string");
      sizeConstraints(shape, Buffer.from(value, "base64").length, fail);
      return;
  }
}

function notNull(path: string): string {
  return `Value null at '${path}' failed to satisfy constraint: Member must not be null`;
}

function sizeConstraints(shape: Shape, size: number, fail: (constraint: string) => void) {
  if (shape.min !== undefined && size < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && size > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
}

function join(path: string, member: string): string {
  return path ? `${path}.${lowerFirst(member)}` : lowerFirst(member);
}
