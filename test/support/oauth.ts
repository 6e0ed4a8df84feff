import http from "node:http";
import express from "express";
import type { EmulatorOptions } from "../../src/options";
import { oauthRoutes } from "../../src/oauth/routes";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator } from "./emulator";

/**
 * An in-process emulator that serves the hosted UI and OAuth endpoints. When the emulator does not
 * mount them itself yet, they are put in front of its request listener, on the same port.
 */
export async function startOAuthTestEmulator(fixture?: object, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  let front: express.Express | undefined;
  const createServer = http.createServer.bind(http) as (listener: http.RequestListener) => http.Server;
  const inFront = (listener: http.RequestListener): http.Server =>
    createServer((req, res) => (front ? front(req as express.Request, res as express.Response, () => listener(req, res)) : listener(req, res)));
  const spy = jest.spyOn(http, "createServer").mockImplementationOnce(inFront as unknown as typeof http.createServer);
  let emu: RunningEmulator;
  try {
    emu = await startTestEmulator(fixture, options);
  } finally {
    spy.mockRestore();
  }
  const probe = await fetch(`${emu.url}/error`);
  if (probe.status === 404 && (await probe.text()).includes("No route")) {
    front = express();
    front.disable("x-powered-by");
    front.use(oauthRoutes(emu.services));
  }
  return emu;
}

/** The query parameters of a redirect's Location (or of its fragment, for the implicit grant). */
export function redirectParams(location: string | null, part: "query" | "fragment" = "query"): Record<string, string> {
  if (!location) throw new Error("no redirect");
  const url = new URL(location);
  return Object.fromEntries(new URLSearchParams(part === "query" ? url.search : url.hash.slice(1)));
}

/** A cookie jar just big enough for the hosted UI's session cookie. */
export class Cookies {
  private readonly jar = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || pair.slice(eq + 1).trim() === "";
      if (expired) this.jar.delete(name);
      else this.jar.set(name, pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}
