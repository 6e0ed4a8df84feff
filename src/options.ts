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
    lambdaEndpoint: options.lambdaEndpoint,
    issuer: options.issuer ?? "emulator",
    accountId: options.accountId ?? "123456789012",
    quiet: options.quiet ?? false,
    logFormat: options.logFormat ?? "text",
    allowHosts: options.allowHosts ?? [],
    kinesisEndpoint: options.kinesisEndpoint,
    snsEndpoint: options.snsEndpoint,
  };
}
