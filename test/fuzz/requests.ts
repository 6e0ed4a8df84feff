import fc from "fast-check";
import { models, type ServiceModel, type Shape } from "../../src/protocol/model";

/**
 * Model-driven requests for the fuzzer: every operation of the four APIs, with inputs drawn from the
 * operation's input shape — plausible values, boundaries (empty, min, max, one past max), wrong types,
 * nulls, deep nesting, huge strings, unicode and prototype-polluting keys — encoded on the wire as each
 * protocol expects (awsJson, restJson, awsQuery).
 */
export interface FuzzRequest {
  service: string;
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Values the fixture defines, so that some requests reach deep into the handlers instead of failing lookups. */
export interface KnownIds {
  userPoolId: string;
  clientId: string;
  username: string;
  identityPoolId: string;
}

const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

const unicode = fc.string({ unit: "grapheme", maxLength: 40 });
const hugeString = fc.integer({ min: 10_000, max: 300_000 }).map((n) => "\u{1F600}a<&\"'".repeat(Math.ceil(n / 8)).slice(0, n));

/** Any JSON value, to put where the model wants something else. */
const wrongTyped: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constant(-1),
  fc.constant(1e308),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null]),
  fc.constant({ __proto__: { polluted: true } }),
);

/**
 * A document nested deeper than any parser should recurse. Too deep for JSON.stringify itself, so the
 * value is a placeholder that `toWire` expands into the nested text.
 */
const DEEP = /"\\u0000deep:(\d+)\\u0000"/g;
const deepNesting = fc.integer({ min: 200, max: 20_000 }).map((depth) => `\u0000deep:${depth}\u0000`);

function nestedText(depth: number): string {
  let open = "";
  let close = "";
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? "[" : '{"a":';
    close = (i % 2 ? "]" : "}") + close;
  }
  return `${open}"leaf"${close}`;
}

/** JSON text of a generated value, with deep-nesting placeholders expanded. */
export function toWire(value: unknown): string {
  return JSON.stringify(value ?? {}).replace(DEEP, (_m, depth: string) => nestedText(Number(depth)));
}

function known(member: string, ids: KnownIds): string | undefined {
  if (/^UserPoolId$/i.test(member)) return ids.userPoolId;
  if (/^IdentityPoolId$/i.test(member)) return ids.identityPoolId;
  if (/^ClientId$/i.test(member)) return ids.clientId;
  if (/^User(N|n)ame$/.test(member)) return ids.username;
  return undefined;
}

function stringArbitrary(shape: Shape, member: string, ids: KnownIds): fc.Arbitrary<unknown> {
  const min = shape.min ?? 0;
  const max = Math.min(shape.max ?? 2048, 300_000);
  const choices: fc.Arbitrary<unknown>[] = [
    fc.string({ minLength: min, maxLength: Math.min(max, 64) }),
    unicode,
    fc.constant(""),
    fc.constant("a".repeat(max)),
    fc.constant("a".repeat(max + 1)),
  ];
  if (shape.enum) choices.push(fc.constantFrom(...shape.enum), fc.constantFrom(...shape.enum));
  const id = known(member, ids);
  if (id) choices.push(fc.constant(id), fc.constant(id), fc.constant(id));
  if (shape.pattern) choices.push(fc.constant(`${"a".repeat(Math.max(0, Math.min(max, 5000) - 1))}\n`));
  return fc.oneof(...choices);
}

function numberArbitrary(shape: Shape): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: shape.min ?? -(2 ** 31), max: shape.max ?? 2 ** 31 - 1 }),
    fc.constantFrom(0, -1, shape.min ?? 0, shape.max ?? 2 ** 31 - 1, (shape.max ?? 2 ** 31 - 1) + 1, 2 ** 53, -(2 ** 53)),
    fc.double({ noNaN: true }),
  );
}

/** An arbitrary for a shape: mostly well-typed, sometimes not, as deep as `depth` allows. */
export function shapeArbitrary(model: ServiceModel, shape: Shape, member: string, ids: KnownIds, depth = 0): fc.Arbitrary<unknown> {
  const typed = typedArbitrary(model, shape, member, ids, depth);
  return fc.oneof({ arbitrary: typed, weight: 8 }, { arbitrary: wrongTyped, weight: 1 });
}

function typedArbitrary(model: ServiceModel, shape: Shape, member: string, ids: KnownIds, depth: number): fc.Arbitrary<unknown> {
  if (depth > 5) return fc.constant(undefined);
  switch (shape.type) {
    case "structure": {
      if (shape.document) return fc.oneof(fc.jsonValue({ maxDepth: 3 }), deepNesting);
      const members = Object.entries(shape.members ?? {});
      const record = fc.record(
        Object.fromEntries(members.map(([name, ref]) => [name, shapeArbitrary(model, model.shapes[ref.shape], name, ids, depth + 1)])),
        { requiredKeys: [] },
      );
      return fc.tuple(record, fc.subarray(HOSTILE_KEYS, { maxLength: 2 }), fc.boolean()).map(([value, hostile, unknownMember]) => {
        const out: Record<string, unknown> = { ...value };
        for (const key of hostile) Object.defineProperty(out, key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
        if (unknownMember) out.NotInTheModel = "x";
        return out;
      });
    }
    case "list": {
      const item = shapeArbitrary(model, model.shapes[shape.member!.shape], member, ids, depth + 1);
      return fc.oneof(
        fc.array(item, { maxLength: 4 }),
        fc.constant([]),
        fc.array(fc.constant(null), { minLength: 1, maxLength: 2 }),
        fc.constant(Array.from({ length: Math.min((shape.max ?? 100) + 1, 2000) }, () => "a")),
      );
    }
    case "map": {
      const value = shapeArbitrary(model, model.shapes[shape.value!.shape], member, ids, depth + 1);
      const key = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...HOSTILE_KEYS));
      return fc.array(fc.tuple(key, value), { maxLength: 4 }).map((entries) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
        return out;
      });
    }
    case "string":
      return fc.oneof({ arbitrary: stringArbitrary(shape, member, ids), weight: 12 }, { arbitrary: hugeString, weight: 1 });
    case "integer":
    case "long":
    case "double":
    case "float":
      return numberArbitrary(shape);
    case "boolean":
      return fc.boolean();
    case "timestamp":
      return fc.oneof(fc.integer({ min: -1, max: 4_102_444_800 }), fc.constant("2026-01-01T00:00:00Z"), fc.constant(1e20));
    case "blob":
      return fc.oneof(fc.base64String({ maxLength: 64 }), fc.constant("not base64 !!"));
    default:
      return fc.constant(undefined);
  }
}

const JSON_SERVICES = [
  { service: "cognito-idp", prefix: "AWSCognitoIdentityProviderService" },
  { service: "cognito-identity", prefix: "AWSCognitoIdentityService" },
] as const;

function jsonRequest(service: string, prefix: string, operation: string, input: unknown, raw: fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { arbitrary: fc.constant(toWire(input)), weight: 10 },
    { arbitrary: raw, weight: 1 },
  ).map((body) => ({
    service,
    operation,
    method: "POST",
    path: "/",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${prefix}.${operation}` },
    body,
  }));
}

/** Bodies that are not the JSON object the protocol wants. */
const rawBodies = fc.oneof(
  fc.constantFrom("", "null", "1", "[]", '"x"', "{", '{"a":', "{}}", "\u0000", '{"__proto__":{"x":1}}'),
  deepNesting.map((value) => toWire({ Deep: value })),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);

function syncRequest(model: ServiceModel, operation: string, input: Record<string, unknown>, ids: KnownIds): FuzzRequest {
  const op = model.operations[operation];
  const shape = op.input ? model.shapes[op.input] : undefined;
  const [template] = op.http!.requestUri.split("?");
  const body: Record<string, unknown> = {};
  const query = new URLSearchParams();
  const headers: Record<string, string> = { "content-type": "application/json" };
  let path = template;
  for (const [name, ref] of Object.entries(shape?.members ?? {})) {
    const value = input[name];
    const key = ref.locationName ?? name;
    if (ref.location === "uri") {
      const text = value === undefined || value === null ? (known(name, ids) ?? "x") : String(value);
      // A few raw, malformed percent-encodings; the rest encoded as a client would.
      const segment = text.startsWith("%") ? text.slice(0, 3) : encodeURIComponent(text || "x");
      path = path.replace(new RegExp(`\\{${key}\\+?\\}`), segment);
    } else if (ref.location === "querystring") {
      if (value !== undefined) query.set(key, String(value));
    } else if (ref.location === "header") {
      if (typeof value === "string" && /^[\x20-\x7e]*$/.test(value) && value.length < 4000) headers[key.toLowerCase()] = value;
    } else if (value !== undefined) {
      body[name] = value;
    }
  }
  const search = query.toString();
  return { service: "cognito-sync", operation, method: op.http!.method, path: search ? `${path}?${search}` : path, headers, body: toWire(body) };
}

/** STS speaks awsQuery: `Action`, `Version` and the input flattened to `Name.member.N` form fields. */
function queryRequest(operation: string, input: unknown): FuzzRequest {
  const params = new URLSearchParams({ Action: operation, Version: "2011-06-15" });
  const flatten = (prefix: string, value: unknown, depth: number) => {
    if (depth > 6 || value === undefined) return;
    if (Array.isArray(value)) for (const [i, item] of value.entries()) flatten(`${prefix}.member.${i + 1}`, item, depth + 1);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, depth + 1);
    else params.append(prefix, String(value));
  };
  flatten("", input, 0);
  return { service: "sts", operation, method: "POST", path: "/", headers: { "content-type": "application/x-www-form-urlencoded" }, body: params.toString() };
}

/** One arbitrary over every operation of the four APIs. */
export function requestArbitrary(ids: KnownIds): fc.Arbitrary<FuzzRequest> {
  const choices: fc.Arbitrary<FuzzRequest>[] = [];
  for (const { service, prefix } of JSON_SERVICES) {
    const model = models[service];
    for (const [operation, op] of Object.entries(model.operations)) {
      const input = op.input ? typedArbitrary(model, model.shapes[op.input], "", ids, 0) : fc.constant({});
      choices.push(input.chain((value) => jsonRequest(service, prefix, operation, value, rawBodies)));
    }
  }
  const sync = models["cognito-sync"];
  for (const [operation, op] of Object.entries(sync.operations)) {
    const input = op.input ? typedArbitrary(sync, sync.shapes[op.input], "", ids, 0) : fc.constant({});
    const pathNoise = fc.constantFrom(undefined, "%zz", "%", "%E0%A4%A");
    choices.push(
      fc.tuple(input, pathNoise, fc.option(rawBodies, { freq: 6 })).map(([value, noise, raw]) => {
        const fields = { ...((value as Record<string, unknown>) ?? {}) };
        if (noise) fields.IdentityPoolId = noise;
        const request = syncRequest(sync, operation, fields, ids);
        return raw === null ? request : { ...request, body: raw };
      }),
    );
  }
  const sts = models.sts;
  for (const [operation, op] of Object.entries(sts.operations)) {
    const input = op.input ? typedArbitrary(sts, sts.shapes[op.input], "", ids, 0) : fc.constant({});
    choices.push(input.map((value) => queryRequest(operation, value)));
  }
  return fc.oneof(...choices);
}

/** What makes an answer acceptable: never a 5xx, and a 4xx shaped as the protocol's error. */
export function checkAnswer(request: FuzzRequest, status: number, headers: Headers, text: string): string | undefined {
  if (status >= 500) return `${status} answered`;
  if (status < 400) return undefined;
  if (request.service === "sts") {
    if (!/<ErrorResponse[\s>][\s\S]*<Code>[^<]+<\/Code>/.test(text)) return `STS error is not AWS's XML: ${text.slice(0, 200)}`;
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `${status} error body is not JSON: ${text.slice(0, 200)}`;
  }
  const type = (parsed as { __type?: unknown })?.__type ?? headers.get("x-amzn-errortype");
  if (typeof type !== "string" || !type) return `${status} error has no exception name: ${text.slice(0, 200)}`;
  return undefined;
}

/** Sends one request with a deadline; a request that takes longer than `timeoutMs` counts as a hang. */
export async function send(baseUrl: string, request: FuzzRequest, timeoutMs: number) {
  const started = performance.now();
  const res = await fetch(baseUrl + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.method === "GET" || request.method === "HEAD" ? undefined : request.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, ms: performance.now() - started };
}
