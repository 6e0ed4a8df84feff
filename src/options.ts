/** Options shared by the CLI, the programmatic API and the jest hooks. */
export interface EmulatorOptions {
  /** 0 picks a free port. Default 9229. */
  port?: number;
  host?: string;
  region?: string;
  /** Fixture files or folders. Without any, the bundled example is loaded. */
  fixtures?: string[];
  watch?: boolean;
  persist?: string;
  /** With `persist`: a commit is acknowledged once it is on the disk (fdatasync), so it survives power loss too. */
  persistSync?: boolean;
  /** With `persist`: load what is readable from a damaged journal, setting the damaged file aside, instead of refusing to start. */
  persistRecover?: boolean;
  lambdaEndpoint?: string;
  issuer?: "emulator" | "aws";
  accountId?: string;
  quiet?: boolean;
  logFormat?: "text" | "json";
  /**
   * Host names the control endpoints (/_emu/*) and the console answer, beyond localhost, *.localhost,
   * IP literals and single-label names (a CI service container's); --allow-host on the command line.
   */
  allowHosts?: string[];
  /** Values of CloudFormation template parameters (`--parameter Key=Value`); `AWS::StackName` names the stacks. */
  parameters?: Record<string, string>;
  /** Kinesis API endpoint (LocalStack, moto, kinesalite) that Cognito Streams records are put to. */
  kinesisEndpoint?: string;
  /** SNS API endpoint that push sync's silent notifications are published to. */
  snsEndpoint?: string;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, "persist" | "lambdaEndpoint" | "kinesisEndpoint" | "snsEndpoint">> & {
  persist?: string;
  lambdaEndpoint?: string;
  kinesisEndpoint?: string;
  snsEndpoint?: string;
  /** True when no fixtures were named and the bundled example is served. */
  bundledFixtures: boolean;
};

export const DEFAULT_PORT = 9229;

export function resolveOptions(options: EmulatorOptions, bundledFixturesDir: string): ResolvedOptions {
  const fixtures = options.fixtures?.length ? options.fixtures : [bundledFixturesDir];
  return {
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? "127.0.0.1",
    region: options.region ?? "us-east-1",
    fixtures,
    bundledFixtures: !options.fixtures?.length,
    watch: options.watch ?? true,
    persist: options.persist,
    persistSync: options.persistSync ?? false,
    persistRecover: options.persistRecover ?? false,
    lambdaEndpoint: options.lambdaEndpoint,
    issuer: options.issuer ?? "emulator",
    accountId: options.accountId ?? "123456789012",
    quiet: options.quiet ?? false,
    logFormat: options.logFormat ?? "text",
    allowHosts: options.allowHosts ?? [],
    parameters: { ...options.parameters },
    kinesisEndpoint: options.kinesisEndpoint,
    snsEndpoint: options.snsEndpoint,
  };
}

/**
 * `Key=Value` pairs into a map. A piece without `=` continues the previous value, so that a
 * comma-separated list (COGNITO_EMU_PARAMETER=Stage=dev,Subnets=a,b) keeps the commas of a
 * CommaDelimitedList value. Throws one line naming the piece that is not `Key=Value`.
 */
export function parseParameters(pieces: readonly string[], previous: Record<string, string> = {}): Record<string, string> {
  const out = { ...previous };
  let last: string | undefined;
  for (const piece of pieces) {
    const eq = piece.indexOf("=");
    if (eq > 0) {
      last = piece.slice(0, eq).trim();
      out[last] = piece.slice(eq + 1);
    } else if (last !== undefined && eq < 0) {
      out[last] += `,${piece}`;
    } else {
      throw new Error(`parameter "${piece}" is not Key=Value`);
    }
  }
  return out;
}
