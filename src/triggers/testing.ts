import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LambdaConfigType } from "@aws-sdk/client-cognito-identity-provider";
import type { EmulatorOptions } from "../options";
import type { Services } from "../services/services";
import { servicesTestbed } from "../services/testing";
import type { ClientRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { triggerSettings } from "./settings";
import { functions } from "./tables";

/** Test support: services, a pool, a client and a user, and local trigger modules written to a temp dir. */
export interface TriggerTestbed {
  services: Services;
  pool(lambdaConfig: LambdaConfigType, changes?: Partial<PoolRecord>): PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  /** Writes `source` as a CommonJS module and names it in the Functions map as `name`; returns its path. */
  defineModule(name: string, source: string): string;
  /** A fresh file path in the testbed's temp dir (for modules to record events in). */
  tempFile(name: string): string;
}

export const POOL_ID = "us-east-1_Triggers1";

export function triggerTestbed(options: EmulatorOptions = {}): TriggerTestbed {
  const { services } = servicesTestbed(options);
  triggerSettings(services).timeoutMs = 300;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-triggers-"));
  const client: ClientRecord = { UserPoolId: POOL_ID, ClientId: "triggersclient00000000001", ClientName: "web", CreationDate: 0, LastModifiedDate: 0 };
  const user: UserRecord = {
    UserPoolId: POOL_ID,
    Username: "alice",
    Sub: "11111111-2222-4333-8444-555555555555",
    Attributes: { email: "alice@example.com", email_verified: "true", name: "Alice" },
    Enabled: true,
    UserStatus: "CONFIRMED",
    UserCreateDate: 0,
    UserLastModifiedDate: 0,
    Groups: [],
  };
  let modules = 0;
  return {
    services,
    client,
    user,
    pool: (LambdaConfig, changes = {}) => ({ Id: POOL_ID, Name: "triggers", Region: "us-east-1", CreationDate: 0, LastModifiedDate: 0, LambdaConfig, ...changes }),
    defineModule(name, source) {
      const file = path.join(dir, `${name.replace(/[^\w-]/g, "_")}-${++modules}.js`);
      fs.writeFileSync(file, source);
      functions.open(services).put(name, file);
      return file;
    },
    tempFile: (name) => path.join(dir, `${name}-${++modules}`),
  };
}

/**
 * Source of a module that appends each event it gets to `file` (one JSON line each) and runs `body`
 * as `async (event) => { body }`. A file, not a global: modules run outside the test runner's sandbox.
 */
export function recordingModule(file: string, body = "return event;"): string {
  return `const fs = require("node:fs");
exports.handler = async (event) => {
  fs.appendFileSync(${JSON.stringify(file)}, JSON.stringify(event) + "\\n");
  ${body}
};`;
}

export function recordedEvents(file: string): any[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}
