import type { Request } from "express";

/** A query or form value as one string: the first when repeated, undefined when absent. */
export function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === "string" ? value : undefined;
}

/** A request's query string or form body as plain strings. */
export function fieldsOf(source: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!source || typeof source !== "object") return fields;
  for (const [name, value] of Object.entries(source)) {
    const text = single(value);
    if (text !== undefined) fields[name] = text;
  }
  return fields;
}

/** `url` with parameters added to its query string, keeping the ones it has. */
export function withQuery(url: string, params: Record<string, string | undefined>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) parsed.searchParams.append(name, value);
  return parsed.toString();
}

/** `url` with parameters in its fragment, as the implicit grant answers. */
export function withFragment(url: string, params: Record<string, string | undefined>): string {
  const parsed = new URL(url);
  const fragment = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) fragment.append(name, value);
  parsed.hash = fragment.toString();
  return parsed.toString();
}

export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.append(name, value);
  return search.toString();
}

export function cookiesOf(req: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed cookie is ignored, as browsers' other cookies must not break the page
    }
  }
  return cookies;
}

/** The base URL the caller reached the emulator by, so links work through whichever host name it used. */
export function requestBaseUrl(req: Request): string {
  return `${req.protocol}://${req.get("host")}`;
}
