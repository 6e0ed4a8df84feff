import { isIP, isIPv4 } from "node:net";
import { networkInterfaces } from "node:os";
import type { NextFunction, Request, Response } from "express";

/**
 * Who may use the control endpoints and the console. They hold what no web page should read or change
 * (every pool's private signing keys, password hashes, reset, the clock), and a developer's browser can
 * reach the emulator on localhost: so they answer only their own origin, and only under a Host name a
 * web page cannot point at the emulator through DNS rebinding. The AWS APIs, hosted UI and OAuth
 * endpoints stay open to every origin and Host, as Cognito's are.
 */

/**
 * - `control`: /_emu/*, the console and the landing page (`GET /`), guarded;
 * - `health`: readable from anywhere, without credentials;
 * - `aws`: everything else, with the CORS browsers' SDKs need.
 */
export type PathKind = "control" | "health" | "aws";

/**
 * /_emu/idp plays the external identity provider of hosted-UI federation and /_emu/import is the
 * stand-in for the pre-signed S3 URL of user imports: both are reached the way their AWS originals are.
 */
const AWS_FACING_CONTROL_PATHS = new Set(["idp", "import"]);

/**
 * Express matches routes case-insensitively and with or without a trailing slash, so this does too.
 * `POST /` is the AWS APIs', and its preflight too; reading `/` is the landing page, which names the
 * example user's password.
 */
export function pathKind(path: string, method = "POST"): PathKind {
  if (path === "/" && (method === "GET" || method === "HEAD")) return "control";
  const lower = path.toLowerCase();
  if (lower === "/health" || lower === "/health/") return "health";
  if (lower !== "/_emu" && !lower.startsWith("/_emu/")) return "aws";
  const segment = lower.slice("/_emu/".length).split("/")[0];
  return AWS_FACING_CONTROL_PATHS.has(segment) ? "aws" : "control";
}

/** The name of a Host header or URL authority: lower case, without port, brackets or a final dot. */
export function hostName(authority: string): string {
  let name = authority.trim().toLowerCase();
  if (name.startsWith("[")) {
    const end = name.indexOf("]");
    return end === -1 ? name : name.slice(1, end);
  }
  const colon = name.indexOf(":");
  if (colon !== -1 && name.indexOf(":", colon + 1) === -1) name = name.slice(0, colon);
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

const SINGLE_LABEL = /^[a-z0-9_-]+$/;

/**
 * A Host no web page can make resolve to the emulator: loopback names, IP literals (a page can only
 * reach one by its address, and then Host is that address), single-label names (a container's service
 * name: no public DNS answers them), and the names the user allowed.
 */
export function isTrustedHost(name: string, allowed: ReadonlySet<string>): boolean {
  return name === "localhost" || name.endsWith(".localhost") || isIP(name) !== 0 || SINGLE_LABEL.test(name) || allowed.has(name);
}

/** Whether `origin` is the emulator's own, as the request's Host names it (http, or https behind a proxy). */
export function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  try {
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

function refuse(res: Response, message: string): void {
  res.status(403).set("x-amzn-ErrorType", "AccessDeniedException").json({ __type: "AccessDeniedException", message });
}

/**
 * Refuses control requests from other web origins (including their preflights) and under a Host that
 * DNS rebinding could have produced; passes everything else on untouched.
 */
export function controlGuard(allowHosts: readonly string[]): (req: Request, res: Response, next: NextFunction) => void {
  const allowed = new Set(allowHosts.map(hostName));
  return (req, res, next) => {
    if (pathKind(req.path, req.method) !== "control") return next();
    const host = req.headers.host;
    if (host) {
      const name = hostName(host);
      if (!isTrustedHost(name, allowed)) {
        return refuse(
          res,
          `The emulator's control endpoints and console do not answer Host '${host}': a web page could reach them under that name through DNS rebinding. ` +
            `Use localhost or an IP address, or start the emulator with --allow-host ${name}.`,
        );
      }
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, host)) {
      return refuse(res, `The emulator's control endpoints and console answer only their own origin, not ${origin}.`);
    }
    // Requests a page embeds (scripts, images, no-cors fetches) carry no Origin when they are GETs.
    const site = req.headers["sec-fetch-site"];
    if ((site === "cross-site" || site === "same-site") && req.headers["sec-fetch-mode"] !== "navigate") {
      return refuse(res, "The emulator's control endpoints and console answer only their own origin, not another site's page.");
    }
    next();
  };
}

/** Whether a bound address (as server.address() reports it) is reachable from this machine only. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith("127.");
  return address === "::1";
}

/** Whether the address listens on every interface. */
export function isWildcardAddress(address: string): boolean {
  return address === "0.0.0.0" || address === "::";
}

/** URLs other machines can use for an emulator listening on every interface (at most four). */
export function externalUrls(boundAddress: string, port: number): string[] {
  const urls: string[] = [];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const info of addresses ?? []) {
      if (info.internal) continue;
      if (info.family === "IPv4") urls.push(`http://${info.address}:${port}`);
      else if (boundAddress === "::" && !info.address.toLowerCase().startsWith("fe80")) urls.push(`http://[${info.address}]:${port}`);
    }
  }
  return urls.slice(0, 4);
}
