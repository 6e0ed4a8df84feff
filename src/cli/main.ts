import { spawn } from "node:child_process";
import { constants as osConstants } from "node:os";
import { Command, Help, InvalidArgumentError, Option } from "commander";
import type { EmulatorOptions } from "../options";
import { DEFAULT_PORT, parseParameters } from "../options";
import { type RunningEmulator, startEmulator } from "../server/emulator";
import { version } from "../version";
import { banner } from "./banner";

function parsePort(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a port number (0-65535)`);
  const port = Number(value);
  if (port > 65535) throw new InvalidArgumentError(`port ${value} is out of range (0-65535)`);
  return port;
}

/**
 * What an option's environment variable takes when it is more than the flag's value: a list, or
 * true|false for a flag the variable can also turn off. Shown in the help beside the variable's name.
 */
const ENV_NOTES = new WeakMap<Option, string>();

function noted(option: Option, note: string): Option {
  ENV_NOTES.set(option, note);
  return option;
}

/** A flag without .env() (commander would read any value, "false" included, as set): its variable is parsed by toEmulatorOptions. */
const FLAG_VARIABLES = new WeakMap<Option, string>();

function flagVariable(option: Option, variable: string): Option {
  FLAG_VARIABLES.set(option, variable);
  return option;
}

/** The help names each option's variable once, with what it takes: `(env: COGNITO_EMU_FIXTURES, comma-separated)`. */
function optionDescription(this: Help, option: Option): string {
  const text = Help.prototype.optionDescription.call(this, option);
  const note = ENV_NOTES.get(option);
  if (note && option.envVar) return text.replace(`env: ${option.envVar}`, `env: ${option.envVar}, ${note}`);
  const variable = FLAG_VARIABLES.get(option);
  return variable ? `${text} (env: ${variable}=true|false)` : text;
}

/**
 * A usage mistake is one line and a pointer to the help, not the whole help: the line is what a
 * person (or a CI log) needs to read.
 */
function oneLineErrors(command: Command, helpCommand: string): Command {
  return command.configureOutput({
    outputError: (text, write) => write(`cognito-emu: ${text.replace(/^error: /, "").trim().replace(/\s*\n\s*/g, " ")}; see ${helpCommand} --help\n`),
  });
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(",").filter(Boolean)];
}

/** One `--parameter Key=Value` (the value may hold commas); the variable holds several, comma-separated. */
function collectParameter(value: string, previous?: Record<string, string>): Record<string, string> {
  try {
    // From the environment commander hands the whole variable; from the command line, one pair.
    return previous === undefined && process.env.COGNITO_EMU_PARAMETER === value ? parseParameters(value.split(",").filter(Boolean)) : parseParameters([value], previous);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The options `start` and `exec` share; each also reads COGNITO_EMU_<NAME> from the environment. */
function addServerOptions(command: Command): Command {
  return command
    .addOption(new Option("--port <n>", `port to listen on; 0 picks a free one (default ${DEFAULT_PORT})`).env("COGNITO_EMU_PORT").argParser(parsePort))
    .addOption(new Option("--host <addr>", "address to bind (default 127.0.0.1)").env("COGNITO_EMU_HOST"))
    .addOption(new Option("--region <r>", "region of new pools and unsigned requests (default us-east-1)").env("COGNITO_EMU_REGION"))
    .addOption(
      noted(new Option("--fixtures <path>", "fixture file or folder; repeatable").env("COGNITO_EMU_FIXTURES").argParser(collect), "comma-separated"),
    )
    .addOption(
      noted(
        new Option("--parameter <Key=Value>", "a CloudFormation template parameter's value; repeatable").env("COGNITO_EMU_PARAMETER").argParser(collectParameter),
        "comma-separated",
      ),
    )
    .addOption(flagVariable(new Option("--no-watch", "load fixtures once instead of hot-reloading them"), "COGNITO_EMU_WATCH"))
    .addOption(new Option("--persist <file>", "keep state in this file across restarts").env("COGNITO_EMU_PERSIST"))
    // Not .env(), as --quiet: toEmulatorOptions parses COGNITO_EMU_PERSIST_SYNC=true|false.
    .addOption(flagVariable(new Option("--persist-sync", "with --persist: fsync each commit before answering, so it survives power loss"), "COGNITO_EMU_PERSIST_SYNC"))
    .addOption(
      flagVariable(new Option("--persist-recover", "with --persist: load what is readable from a damaged journal and set the damaged file aside"), "COGNITO_EMU_PERSIST_RECOVER"),
    )
    .addOption(new Option("--lambda-endpoint <url>", "Lambda Invoke API endpoint for triggers").env("COGNITO_EMU_LAMBDA_ENDPOINT"))
    .addOption(new Option("--issuer <mode>", "token issuer: emulator or aws").choices(["emulator", "aws"]).env("COGNITO_EMU_ISSUER"))
    .addOption(new Option("--account-id <id>", "AWS account id in ARNs (default 123456789012)").env("COGNITO_EMU_ACCOUNT_ID"))
    // Not .env(): commander would read COGNITO_EMU_QUIET=false as "set"; toEmulatorOptions parses it.
    .addOption(flagVariable(new Option("--quiet", "log only errors, and the one line saying where it listens"), "COGNITO_EMU_QUIET"))
    .addOption(new Option("--log-format <format>", "text or json").choices(["text", "json"]).env("COGNITO_EMU_LOG_FORMAT"))
    .addOption(
      noted(
        new Option("--allow-host <name>", "another Host name the control endpoints and console answer; repeatable").env("COGNITO_EMU_ALLOW_HOST").argParser(collect),
        "comma-separated",
      ),
    )
    .addOption(new Option("--kinesis-endpoint <url>", "Kinesis API endpoint that Cognito Streams records are put to").env("COGNITO_EMU_KINESIS_ENDPOINT"))
    .addOption(new Option("--sns-endpoint <url>", "SNS API endpoint that push sync notifications are published to").env("COGNITO_EMU_SNS_ENDPOINT"));
}

/** Parsed flags: the emulator's own options, each also read from its COGNITO_EMU_* variable. */
type CliOptions = EmulatorOptions & { allowHost?: string[]; parameter?: Record<string, string> };

function toEmulatorOptions(cli: CliOptions): EmulatorOptions {
  const watchFromEnv = process.env.COGNITO_EMU_WATCH ?? (process.env.COGNITO_EMU_NO_WATCH ? "false" : undefined);
  const flagFromEnv = (name: string) => (process.env[name] ? /^(1|true|yes)$/i.test(process.env[name]) : undefined);
  const quietFromEnv = flagFromEnv("COGNITO_EMU_QUIET");
  return {
    port: cli.port,
    host: cli.host,
    region: cli.region,
    fixtures: cli.fixtures,
    watch: cli.watch === false ? false : watchFromEnv !== undefined ? !/^(0|false|no)$/i.test(watchFromEnv) : true,
    persist: cli.persist,
    persistSync: cli.persistSync ?? flagFromEnv("COGNITO_EMU_PERSIST_SYNC"),
    persistRecover: cli.persistRecover ?? flagFromEnv("COGNITO_EMU_PERSIST_RECOVER"),
    lambdaEndpoint: cli.lambdaEndpoint,
    issuer: cli.issuer,
    accountId: cli.accountId,
    quiet: cli.quiet ?? quietFromEnv,
    logFormat: cli.logFormat,
    allowHosts: cli.allowHost,
    parameters: cli.parameter,
    kinesisEndpoint: cli.kinesisEndpoint,
    snsEndpoint: cli.snsEndpoint,
  };
}

/** `defaults` fill only what neither a flag nor the environment set. */
async function startOrExit(cli: CliOptions, defaults: EmulatorOptions = {}): Promise<RunningEmulator> {
  const options = toEmulatorOptions(cli);
  for (const [name, value] of Object.entries(defaults) as Array<[keyof EmulatorOptions, unknown]>) {
    if (options[name] === undefined) (options as Record<string, unknown>)[name] = value;
  }
  try {
    return await startEmulator(options);
  } catch (error) {
    process.stderr.write(`cognito-emu: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

function stopOnSignals(emulator: RunningEmulator, onStop: () => void = () => process.exit(0)): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(onStop, (error) => {
      process.stderr.write(`cognito-emu: ${(error as Error).message}\n`);
      process.exit(1);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export function buildProgram(): Command {
  const program = new Command("cognito-emu")
    .description("Offline emulator of Amazon Cognito: user pools, identity pools, STS, hosted UI")
    .version(version, "-v, --version")
    .configureHelp({ optionDescription });
  oneLineErrors(program, "cognito-emu");

  addServerOptions(oneLineErrors(program.command("start"), "cognito-emu start").description("run the emulator in the foreground until SIGINT/SIGTERM")).action(
    async (cli: CliOptions) => {
      const emulator = await startOrExit(cli);
      process.stdout.write(banner(emulator) + "\n");
      stopOnSignals(emulator);
    },
  );

  addServerOptions(
    oneLineErrors(program.command("exec"), "cognito-emu exec")
      .description("start the emulator, run a command with COGNITO_EMU_URL set, stop, exit with its code")
      .argument("<command...>", "the command to run, after --"),
  )
    // Added after --quiet so that commander leaves the default unset and COGNITO_EMU_QUIET can decide.
    .addOption(new Option("--no-quiet", "also log requests and messages (exec is quiet by default)"))
    .action(async (command: string[], cli: CliOptions) => {
    // The command's own output matters most: exec is quiet unless asked (--no-quiet, COGNITO_EMU_QUIET=false).
    const emulator = await startOrExit(cli, { port: 0, quiet: true });
    const child = spawn(command[0], command.slice(1), {
      stdio: "inherit",
      // One argument is a command line ("npm test && npm run e2e"), as firebase emulators:exec takes it.
      shell: command.length === 1,
      env: {
        ...process.env,
        COGNITO_EMU_URL: emulator.url,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulator.url,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY: emulator.url,
      },
    });
    // A terminal's Ctrl-C reaches the child directly; a CI runner or `kill` signals only us, so pass it on.
    const forward = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    let finishing = false;
    const finish = async (code: number) => {
      // A child that fails to spawn may report both "error" and "exit".
      if (finishing) return;
      finishing = true;
      try {
        await emulator.stop();
      } catch (error) {
        process.stderr.write(`cognito-emu: stopping the emulator: ${(error as Error).message}\n`);
      }
      process.exit(code);
    };
    child.on("error", (error) => {
      process.stderr.write(`cognito-emu: cannot run ${command[0]}: ${error.message}\n`);
      void finish(127);
    });
    // A child ended by a signal exits as a shell reports it: 128 + the signal's number.
    child.on("exit", (code, signal) => void finish(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 1) : 1)));
  });

  return program;
}

export function main(argv: string[]): void {
  buildProgram()
    .parseAsync(argv)
    .catch((error: Error) => {
      process.stderr.write(`cognito-emu: ${error.message}\n`);
      process.exit(1);
    });
}
