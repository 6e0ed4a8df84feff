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
  const tooDeep = tooDeepMember(input);
  if (tooDeep !== undefined) {
    throw new ServiceError(
      errorCode,
      validationMessage([`Value at '${tooDeep}' failed to satisfy constraint: Member must not be nested more than ${MAX_NESTING_DEPTH} levels deep`]),
    );
  }
  const failures: string[] = [];
  check(model, model.shapes[shapeName], input, "", failures, false);
  if (failures.length) throw new ServiceError(errorCode, validationMessage(failures));
}

/**
 * How deep a request's JSON may nest (counting the request object as 1). Documents (managed login
 * branding Settings) are the only members the model leaves unbounded, and every later read of a
 * stored value walks it recursively; real ones are a handful of levels deep.
 */
export const MAX_NESTING_DEPTH = 100;

/** The top-level member holding a value nested deeper than MAX_NESTING_DEPTH, if any; iterative, so any depth is safe. */
function tooDeepMember(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const stack: Array<{ value: object; depth: number; member: string }> = [{ value: input, depth: 1, member: "" }];
  while (stack.length) {
    const { value, depth, member } = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) return member;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: depth + 1, member: depth === 1 ? lowerFirst(key) : member });
    }
  }
  return undefined;
}

/**
 * Model patterns whose direct translation backtracks polynomially on hostile input (a class that also
 * holds the literal it surrounds), each with an equivalent that runs in linear time. validate.test.ts
 * checks each against its original on generated strings, and every pattern's speed at its maximum length.
 */
export const LINEAR_EQUIVALENTS: Record<string, string> = {
  // '@' with a character either side, every character printable: the first '@' after the first character
  // decides. L, M, S, N and P are every general category but C and Z, so [^\p{C}\p{Z}@] is that class less '@'.
  "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+@[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+":
    "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^\\p{C}\\p{Z}@]*@[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
  // Every character allowed, and {####} somewhere.
  "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*":
    "(?=[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*$)[^]*?\\{####\\}[^]*",
  // Every character allowed, and {## followed later by ##}: the first {## (taken atomically) and the last ##} decide.
  "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{##[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*##\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*":
    "(?=[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*$)(?=([^]*?\\{##))\\1[^]*##\\}[^]*",
  // No line terminator, and {####} somewhere.
  ".*\\{####\\}.*": "(?=.*$)[^]*?\\{####\\}[^]*",
};

/** DomainType's pattern: one DNS label, as a prefix domain is. */
export const DOMAIN_PREFIX_PATTERN = "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$";

/**
 * Model patterns the service does not enforce as written, with the one it does. DomainType also names
 * custom domains, which are fully qualified (`auth.example.com` in the AWS CLI's own
 * create-user-pool-domain example, answered with a CloudFrontDomain): labels joined by dots. A prefix
 * domain is still one label; the domain operations hold it to that (domains.ts).
 */
const ENFORCED_PATTERNS: Record<string, string> = {
  [DOMAIN_PREFIX_PATTERN]: "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?)*$",
};

const patternCache = new Map<string, RegExp | null>();

/** AWS patterns are Java regular expressions matched against the whole value; a few as the service enforces them. */
export function compilePattern(pattern: string): RegExp | null {
  let compiled = patternCache.get(pattern);
  if (compiled !== undefined) return compiled;
  compiled = compileAsWritten(LINEAR_EQUIVALENTS[pattern] ?? ENFORCED_PATTERNS[pattern] ?? pattern);
  patternCache.set(pattern, compiled);
  return compiled;
}

/** The pattern's direct translation, without the linear-time rewrites (for tests that compare the two). */
export function compileAsWritten(pattern: string): RegExp | null {
  const body = pattern.replace(/^\(\?s\)/, "");
  const flags = pattern.startsWith("(?s)") ? "us" : "u";
  for (const attempt of [flags, flags.replace("u", "")]) {
    try {
      return new RegExp(`^(?:${body})$`, attempt);
    } catch {
      // Not expressible in JavaScript: the constraint is skipped rather than misapplied.
    }
  }
  return null;
}

function describe(value: unknown, sensitive: boolean): string {
  if (sensitive) return "Value";
  if (value === null || value === undefined) return "Value null";
  if (typeof value === "string") return `Value '${value}'`;
  // Items are named one by one: a JSON object whose `toString` member is not a function breaks join().
  if (Array.isArray(value)) return `Value '[${value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(", ")}]'`;
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
      sizeConstraints(shape, codePointLength(shape, value), fail);
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

/** Lengths count code points, as Java's do; counting is skipped when UTF-16 units already settle it. */
function codePointLength(shape: Shape, value: string): number {
  const units = value.length;
  if ((shape.max === undefined || units <= shape.max) && (shape.min === undefined || Math.ceil(units / 2) >= shape.min)) return units;
  let count = 0;
  for (let i = 0; i < units; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < units) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

function join(path: string, member: string): string {
  return path ? `${path}.${lowerFirst(member)}` : lowerFirst(member);
}
