import fs from "node:fs";
import path from "node:path";
import type { StackSummary } from "./fixtures/cloudformation/template";
import type { ExampleLogin } from "./fixtures/example-login";
import type { FixtureDocument } from "./fixtures/schema";
import { type EmulatorOptions, parseParameters } from "./options";
import type { OutboxMessage } from "./services/outbox";
import { startEmulator as startServer } from "./server/emulator";

export type { EmulatorOptions } from "./options";
export type { OutboxMessage } from "./services/outbox";
export type { FixtureDocument } from "./fixtures/schema";
export type { ExampleLogin } from "./fixtures/example-login";
export type { StackResource, StackSummary } from "./fixtures/cloudformation/template";
export { StartupError } from "./errors";

export interface MessageFilter {
  userPoolId?: string;
  username?: string;
}

/** A running emulator, as tests drive it. */
export interface Emulator {
  /** Base URL for SDKs and the control endpoints, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  /** The port actually bound (useful with `port: 0`). */
  readonly port: number;
  /** Back to exactly the fixtures: API-created state, messages and the clock offset are dropped. */
  reset(): Promise<void>;
  /** Every email/SMS "sent", oldest first, optionally narrowed to a pool and/or username. */
  messages(filter?: MessageFilter): Promise<OutboxMessage[]>;
  clock: {
    /** Moves the emulator's clock forward: codes and tokens expire without sleeping. */
    advance(seconds: number): Promise<void>;
    offsetSeconds(): number;
  };
  /** The whole state in fixture format (round-trips through `fixtures`). */
  state(): Promise<FixtureDocument>;
  /** A fixture user with a clear password, and a client to sign in through, when the fixtures have one. */
  exampleLogin(): ExampleLogin | undefined;
  /** The CloudFormation templates loaded as fixtures: each stack's logical -> physical ids and resolved Outputs. */
  stacks(): StackSummary[];
  /** Closes the port and every connection; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts an emulator in this process with the CLI's options (`port: 0` picks a free port). Each call
 * makes an independent instance: its own state, clock, outbox and port.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startServer(options);
}

export const CONFIG_FILE = "cognito-emu.config.json";

const OPTION_TYPES: Record<keyof EmulatorOptions, "number" | "string" | "boolean" | "string[]" | "parameters"> = {
  port: "number",
  host: "string",
  region: "string",
  fixtures: "string[]",
  watch: "boolean",
  persist: "string",
  persistSync: "boolean",
  persistRecover: "boolean",
  lambdaEndpoint: "string",
  issuer: "string",
  accountId: "string",
  quiet: "boolean",
  logFormat: "string",
  allowHosts: "string[]",
  parameters: "parameters",
  kinesisEndpoint: "string",
  snsEndpoint: "string",
};

/** The COGNITO_EMU_* variable of each option, as the CLI reads them. */
export const OPTION_ENV: Record<keyof EmulatorOptions, string> = {
  port: "COGNITO_EMU_PORT",
  host: "COGNITO_EMU_HOST",
  region: "COGNITO_EMU_REGION",
  fixtures: "COGNITO_EMU_FIXTURES",
  watch: "COGNITO_EMU_WATCH",
  persist: "COGNITO_EMU_PERSIST",
  persistSync: "COGNITO_EMU_PERSIST_SYNC",
  persistRecover: "COGNITO_EMU_PERSIST_RECOVER",
  lambdaEndpoint: "COGNITO_EMU_LAMBDA_ENDPOINT",
  issuer: "COGNITO_EMU_ISSUER",
  accountId: "COGNITO_EMU_ACCOUNT_ID",
  quiet: "COGNITO_EMU_QUIET",
  logFormat: "COGNITO_EMU_LOG_FORMAT",
  allowHosts: "COGNITO_EMU_ALLOW_HOST",
  parameters: "COGNITO_EMU_PARAMETER",
  kinesisEndpoint: "COGNITO_EMU_KINESIS_ENDPOINT",
  snsEndpoint: "COGNITO_EMU_SNS_ENDPOINT",
};

/**
 * Options for an emulator a test harness starts: defaults suited to a test run (a free port, quiet, no
 * watching), then `cognito-emu.config.json` in `dir` (paths relative to it), then COGNITO_EMU_* variables.
 * A wrong value throws one line naming the file or variable.
 */
export function harnessOptions(dir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  const options: EmulatorOptions = { port: 0, quiet: true, watch: false };
  const file = path.join(dir, CONFIG_FILE);
  if (fs.existsSync(file)) Object.assign(options, readConfigFile(file));
  for (const [name, variable] of Object.entries(OPTION_ENV) as Array<[keyof EmulatorOptions, string]>) {
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    setOption(options, name, parseEnvValue(variable, OPTION_TYPES[name], raw));
  }
  if (env.COGNITO_EMU_NO_WATCH && env.COGNITO_EMU_WATCH === undefined) options.watch = false;
  return options;
}

function readConfigFile(file: string): EmulatorOptions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${file}: expected a JSON object of options`);
  const options: EmulatorOptions = {};
  for (const [name, value] of Object.entries(parsed)) {
    const type = OPTION_TYPES[name as keyof EmulatorOptions];
    if (!type) throw new Error(`${file}: unknown option "${name}" (known: ${Object.keys(OPTION_TYPES).join(", ")})`);
    if (type === "parameters") {
      // An object of template parameter values, as CloudFormation's parameter overrides.
      const valid = typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
      if (!valid) throw new Error(`${file}: option "parameters" must be an object of parameter name -> value`);
      setOption(options, "parameters", Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)])));
      continue;
    }
    const fixtures = type === "string[]" && typeof value === "string" ? [value] : value;
    const ok =
      type === "string[]" ? Array.isArray(fixtures) && fixtures.every((v) => typeof v === "string") : typeof value === type && (type !== "number" || Number.isInteger(value));
    if (!ok) throw new Error(`${file}: option "${name}" must be ${type === "string[]" ? "a path or a list of paths" : `a ${type}`}`);
    setOption(options, name as keyof EmulatorOptions, fixtures);
  }
  // Paths in the file mean what they say from where the file is, not from where jest was started.
  const base = path.dirname(file);
  if (options.fixtures) options.fixtures = options.fixtures.map((p) => path.resolve(base, p));
  if (options.persist) options.persist = path.resolve(base, options.persist);
  return options;
}

function parseEnvValue(variable: string, type: string, raw: string): unknown {
  switch (type) {
    case "number": {
      if (!/^\d+$/.test(raw.trim())) throw new Error(`${variable}=${raw} is not a port number`);
      return Number(raw);
    }
    case "boolean":
      if (/^(1|true|yes)$/i.test(raw)) return true;
      if (/^(0|false|no)$/i.test(raw)) return false;
      throw new Error(`${variable}=${raw} must be true or false`);
    case "string[]":
      return raw.split(",").filter(Boolean);
    case "parameters":
      try {
        return parseParameters(raw.split(",").filter(Boolean));
      } catch (error) {
        throw new Error(`${variable}: ${(error as Error).message}`);
      }
    default:
      return raw;
  }
}

function setOption(options: EmulatorOptions, name: keyof EmulatorOptions, value: unknown): void {
  (options as Record<string, unknown>)[name] = value;
}
