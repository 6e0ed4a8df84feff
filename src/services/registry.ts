import fs from "node:fs";
import path from "node:path";
import type { OperationHandler } from "./operation";

/** Where the invoke path finds the handler of an operation. */
export interface HandlerSource {
  get(name: string): OperationHandler | undefined;
}

/**
 * Handlers kept one to a file in a folder, each file named after what it handles (an operation, an
 * auth flow, a challenge) and default-exporting the handler. Adding one is adding a file. The folder
 * is listed once; modules load on first use, so start-up stays fast.
 */
export class HandlerFolder<H> {
  private readonly files = new Map<string, string>();
  private readonly loaded = new Map<string, H>();

  constructor(dir: string) {
    if (!fs.existsSync(dir)) return;
    for (const file of fs.readdirSync(dir)) {
      const match = /^([A-Z][A-Za-z0-9_]+)\.(js|ts)$/.exec(file);
      if (match && !file.endsWith(".d.ts")) this.files.set(match[1], path.join(dir, file));
    }
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  get(name: string): H | undefined {
    let handler = this.loaded.get(name);
    if (handler) return handler;
    const file = this.files.get(name);
    if (!file) return undefined;
    const mod = require(file);
    handler = (mod.default ?? mod.handler) as H;
    if (typeof handler !== "function") throw new Error(`${file} does not export a handler`);
    this.loaded.set(name, handler);
    return handler;
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }
}

/** The operations a service implements: the files in its `operations/` folder. */
export class OperationRegistry extends HandlerFolder<OperationHandler> implements HandlerSource {
  implemented(): string[] {
    return this.names();
  }
}
