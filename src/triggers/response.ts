import { InvalidLambdaResponse } from "../errors";
import { isObject } from "./invocation";
import type { StringMap } from "./types";

/** Cognito's answer to response fields of the wrong type. */
export function unrecognizable(): Error {
  return InvalidLambdaResponse("Unrecognizable lambda output");
}

/** The `response` of the event a function sent back; an absent or null one is an empty response. */
export function responseOf(returned: Record<string, unknown>): Record<string, unknown> {
  const response = returned.response;
  if (response === undefined || response === null) return {};
  if (!isObject(response)) throw unrecognizable();
  return response;
}

/** A boolean response field; null or absent is false, as Cognito reads them. */
export function flag(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw unrecognizable();
}

export function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw unrecognizable();
}

export function optionalStringMap(value: unknown): StringMap | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw unrecognizable();
  const map: StringMap = {};
  for (const [name, entry] of Object.entries(value)) {
    const text = optionalString(entry);
    if (text !== undefined) map[name] = text;
  }
  return map;
}

export function optionalStringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw unrecognizable();
  return value.map((entry) => {
    const text = optionalString(entry);
    if (text === undefined) throw unrecognizable();
    return text;
  });
}
