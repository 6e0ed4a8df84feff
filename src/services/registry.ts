import fs from "node:fs";
import path from "node:path";
import type { OperationHandler } from "./operation";

/** Where a protocol finds the handler of an operation. */
export interface HandlerSource {
  get(name: string): OperationHandler | undefined;
}

/**
 * The operations a service implements are the files in its `operations/` folder, named after the
 * operation. Adding one is adding a file. Modules load on first call, so start-up stays fast.
 */
export class OperationRegistry implements HandlerSource {
  private readonly files = new Map<string, string>();
  private readonly loaded = new Map<string, OperationHandler>();

  constructor(dir: string) {
    if (!fs.existsSync(dir)) return;
    for (const file of fs.readdirSync(dir)) {
      const match = /^([A-Z][A-Za-z0-9]+)\.(js|ts)$/.exec(file);
      if (match && !file.endsWith(".d.ts")) this.files.set(match[1], path.join(dir, file));
    }
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  get(name: string): OperationHandler | undefined {
    let handler = this.loaded.get(name);
    if (handler) return handler;
    const file = this.files.get(name);
    if (!file) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file);
    handler = (mod.default ?? mod.handler) as OperationHandler;
    if (typeof handler !== "function") throw new Error(`${file} does not export an operation handler`);
    this.loaded.set(name, handler);
    return handler;
  }

  implemented(): string[] {
    return [...this.files.keys()].sort();
  }
}
