import fs from "node:fs";
import path from "node:path";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator, tempDir } from "./emulator";
import { type LambdaServer, startLambdaServer } from "./lambda-server";

/** Both ways a trigger runs, behind one interface: start an emulator, read the events a function received. */
export interface Invoker {
  start(): Promise<RunningEmulator>;
  eventsOf(name: string): any[];
  stop(): Promise<void>;
}

/**
 * The same functions (source text of an `async (event, context) => ...`) run as local modules named in
 * the fixture's `Functions`, and behind a stand-in Lambda Invoke API: `[label, makeInvoker]` pairs for
 * `describe.each`. `fixture(paths)` builds the fixture; paths are given for local modules only.
 */
export function triggerInvokers(functions: Record<string, string>, fixture: (paths?: Record<string, string>) => object): Array<[string, () => Invoker]> {
  return [
    ["local modules", () => localModules(functions, fixture)],
    ["the Lambda Invoke API", () => lambdaApi(functions, fixture)],
  ];
}

function localModules(functions: Record<string, string>, fixture: (paths?: Record<string, string>) => object): Invoker {
  const dir = tempDir("cognito-emu-trigger-modules-");
  const paths: Record<string, string> = {};
  for (const [name, source] of Object.entries(functions)) {
    paths[name] = path.join(dir, `${name}.js`);
    const events = path.join(dir, `${name}.events`);
    fs.writeFileSync(
      paths[name],
      `const fs = require("node:fs");
const run = ${source};
exports.handler = async (event, context) => {
  fs.appendFileSync(${JSON.stringify(events)}, JSON.stringify(event) + "\\n");
  return run(event, context);
};`,
    );
  }
  return {
    start: () => startTestEmulator(fixture(paths)),
    eventsOf: (name) => {
      const file = path.join(dir, `${name}.events`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)) : [];
    },
    stop: async () => {},
  };
}

function lambdaApi(functions: Record<string, string>, fixture: (paths?: Record<string, string>) => object): Invoker {
  let lambda: LambdaServer;
  return {
    async start() {
      lambda = await startLambdaServer();
      for (const [name, source] of Object.entries(functions)) lambda.define(name, new Function(`return ${source};`)());
      return startTestEmulator(fixture(), { lambdaEndpoint: lambda.url });
    },
    eventsOf: (name) => lambda.eventsOf(name),
    stop: () => lambda.close(),
  };
}
