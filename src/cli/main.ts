import { spawn } from "node:child_process";
import { Command, InvalidArgumentError, Option } from "commander";
import type { EmulatorOptions } from "../options";
import { DEFAULT_PORT } from "../options";
import { type RunningEmulator, startEmulator } from "../server/emulator";
import { version } from "../version";
import { banner } from "./banner";

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port < 0 || port > 65535) throw new InvalidArgumentError(`port ${value} is out of range (0-65535)`);
  return port;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(",").filter(Boolean)];
}

/** The options `start` and `exec` share; each also reads COGNITO_EMU_<NAME> from the environment. */
function addServerOptions(command: Command): Command {
  return command
    .addOption(new Option("--port <n>", `port to listen on; 0 picks a free one (default ${DEFAULT_PORT})`).env("COGNITO_EMU_PORT").argParser(parsePort))
    .addOption(new Option("--host <addr>", "address to bind (default 127.0.0.1)").env("COGNITO_EMU_HOST"))
    .addOption(new Option("--region <r>", "region of new pools and unsigned requests (default us-east-1)").env("COGNITO_EMU_REGION"))
    .addOption(
      new Option("--fixtures <path>", "fixture file or folder; repeatable (env: comma-separated)").env("COGNITO_EMU_FIXTURES").argParser(collect),
    )
    .addOption(new Option("--no-watch", "load fixtures once instead of hot-reloading them"))
    .addOption(new Option("--persist <file>", "keep state in this file across restarts").env("COGNITO_EMU_PERSIST"))
    .addOption(new Option("--lambda-endpoint <url>", "Lambda Invoke API endpoint for triggers").env("COGNITO_EMU_LAMBDA_ENDPOINT"))
    .addOption(new Option("--issuer <mode>", "token issuer: emulator or aws").choices(["emulator", "aws"]).env("COGNITO_EMU_ISSUER"))
    .addOption(new Option("--account-id <id>", "AWS account id in ARNs (default 123456789012)").env("COGNITO_EMU_ACCOUNT_ID"))
    .addOption(new Option("--quiet", "log only errors").env("COGNITO_EMU_QUIET"))
    .addOption(new Option("--log-format <format>", "text or json").choices(["text", "json"]).env("COGNITO_EMU_LOG_FORMAT"));
}

interface CliOptions {
  port?: number;
  host?: string;
  region?: string;
  fixtures?: string[];
  watch?: boolean;
  persist?: string;
  lambdaEndpoint?: string;
  issuer?: "emulator" | "aws";
  accountId?: string;
  quiet?: boolean;
  logFormat?: "text" | "json";
}

function toEmulatorOptions(cli: CliOptions): EmulatorOptions {
  const watchFromEnv = process.env.COGNITO_EMU_WATCH ?? (process.env.COGNITO_EMU_NO_WATCH ? "false" : undefined);
  const quietFromEnv = cli.quiet === true || /^(1|true|yes)$/i.test(String(cli.quiet ?? ""));
  return {
    port: cli.port,
    host: cli.host,
    region: cli.region,
    fixtures: cli.fixtures,
    watch: cli.watch === false ? false : watchFromEnv !== undefined ? !/^(0|false|no)$/i.test(watchFromEnv) : true,
    persist: cli.persist,
    lambdaEndpoint: cli.lambdaEndpoint,
    issuer: cli.issuer,
    accountId: cli.accountId,
    quiet: quietFromEnv,
    logFormat: cli.logFormat,
  };
}

async function startOrExit(cli: CliOptions): Promise<RunningEmulator> {
  try {
    return await startEmulator(toEmulatorOptions(cli));
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

export function buildProgram(): Command {
  const program = new Command("cognito-emu")
    .description("Offline emulator of Amazon Cognito: user pools, identity pools, STS, hosted UI")
    .version(version, "-v, --version")
    .showHelpAfterError();

  addServerOptions(program.command("start").description("run the emulator in the foreground until SIGINT/SIGTERM")).action(
    async (cli: CliOptions) => {
      const emulator = await startOrExit(cli);
      process.stdout.write(banner(emulator) + "\n");
      stopOnSignals(emulator);
    },
  );

  addServerOptions(
    program
      .command("exec")
      .description("start the emulator, run a command with COGNITO_EMU_URL set, stop, exit with its code")
      .argument("<command...>", "the command to run, after --"),
  ).action(async (command: string[], cli: CliOptions) => {
    const emulator = await startOrExit({ ...cli, port: cli.port ?? 0, quiet: cli.quiet ?? true });
    const child = spawn(command[0], command.slice(1), {
      stdio: "inherit",
      shell: command.length === 1,
      env: {
        ...process.env,
        COGNITO_EMU_URL: emulator.url,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulator.url,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY: emulator.url,
      },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", async (error) => {
      process.stderr.write(`cognito-emu: cannot run ${command[0]}: ${error.message}\n`);
      await emulator.stop();
      process.exit(127);
    });
    child.on("exit", async (code, signal) => {
      await emulator.stop();
      process.exit(code ?? (signal ? 128 + 1 : 1));
    });
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
