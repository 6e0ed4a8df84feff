import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { Clock } from "../clock";
import { isLoopbackAddress, isWildcardAddress } from "../control/guard";
import { healthBody } from "../control/health";
import { StartupError } from "../errors";
import type { StackSummary } from "../fixtures/cloudformation";
import { type ExampleLogin, Fixtures } from "../fixtures/fixtures";
import type { FixtureDocument } from "../fixtures/schema";
import { Logger } from "../log";
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from "../options";
import { Invoker } from "../services/invoke";
import type { OutboxMessage } from "../services/outbox";
import { createServices, type Services } from "../services/services";
import { Store } from "../store/store";
import type { RequestListener } from "node:http";
import { awsJsonHandler, type Dispatch } from "../protocol/awsJson";
import { withAwsJsonFastPath } from "./fastPath";
import { startSweeping } from "./sweeper";
import { meta as metaTable } from "./tables";
import { syncOutboundIdle } from "../services/sync/idle";

export const BUNDLED_FIXTURES = path.resolve(__dirname, "../../fixtures");

export { StartupError } from "../errors";

export interface RunningEmulator {
  url: string;
  port: number;
  /** The address actually listened on, as the server reports it ("0.0.0.0" for every IPv4 interface). */
  boundAddress: string;
  options: ResolvedOptions;
  services: Services;
  /** Back to exactly the fixtures: API-created state, messages and the clock offset are dropped. */
  reset(): Promise<void>;
  messages(filter?: { userPoolId?: string; username?: string }): Promise<OutboxMessage[]>;
  clock: { advance(seconds: number): Promise<void>; offsetSeconds(): number };
  /** The whole state in fixture format. */
  state(): Promise<FixtureDocument>;
  /** A fixture user with a clear password and a client to sign in through, when the fixtures have one. */
  exampleLogin(): ExampleLogin | undefined;
  /** The CloudFormation stacks loaded as fixtures: logical -> physical ids and outputs. */
  stacks(): StackSummary[];
  stop(): Promise<void>;
}

/** Starts one emulator: loads fixtures (failing before anything is served), then listens. */
export async function startEmulator(input: EmulatorOptions = {}): Promise<RunningEmulator> {
  const options = resolveOptions(input, BUNDLED_FIXTURES);
  const log = new Logger(options.logFormat, options.quiet);
  for (const [flag, url] of [["--kinesis-endpoint", options.kinesisEndpoint], ["--sns-endpoint", options.snsEndpoint]] as const) {
    if (url !== undefined && !/^https?:$/.test(URL.canParse(url) ? new URL(url).protocol : "")) throw new StartupError(`${flag} ${url} is not an http:// or https:// URL`);
  }
  const store = new Store();
  const clock = new Clock();
  if (options.persist) {
    try {
      store.persistTo(path.resolve(options.persist), { sync: options.persistSync, recover: options.persistRecover, log: (line) => log.error(line) });
    } catch (error) {
      throw new StartupError(`cannot use --persist ${options.persist}: ${(error as Error).message}`);
    }
  }
  const meta = metaTable.open(store);
  clock.offsetSeconds = meta.get("clock")?.offsetSeconds ?? 0;

  let port = options.port;
  const publicHost = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host.includes(":") ? `[${options.host}]` : options.host;
  const baseUrl = () => `http://${publicHost}:${port}`;
  const issuerFor = (poolId: string) =>
    options.issuer === "aws" ? `https://cognito-idp.${poolId.split("_")[0]}.amazonaws.com/${poolId}` : `${baseUrl()}/${poolId}`;

  const services = createServices({ options, store, clock, log, issuerFor, baseUrl });
  const { tables } = services;

  const fixtures = new Fixtures(services, options.fixtures);
  try {
    await fixtures.loadInitial();
  } catch (error) {
    store.close();
    throw error;
  }

  const dispatch: Dispatch = { invoke: new Invoker(services).invoke, defaultRegion: options.region, log: (entry) => services.log.request(entry) };
  const json = awsJsonHandler(["cognito-idp", "cognito-identity"], dispatch);

  /**
   * Everything but the JSON API and /health is served by an express app built on its first request:
   * express and the routers take most of start-up's module loading, and many runs only call the API.
   */
  let app: RequestListener | undefined;
  const appOnFirstUse = (): RequestListener => {
    if (app) return app;
    const { createApp } = require("./app") as typeof import("./app");
    const { controlRoutes } = require("../control/routes") as typeof import("../control/routes");
    const { tokenRoutes } = require("../tokens/routes") as typeof import("../tokens/routes");
    const { identityPoolRoutes } = require("../services/identity-pools/routes") as typeof import("../services/identity-pools/routes");
    const { oauthRoutes } = require("../oauth/routes") as typeof import("../oauth/routes");
    const { stsRoutes } = require("../services/sts/routes") as typeof import("../services/sts/routes");
    const { userImportRoutes } = require("../services/user-pools/directory/import-routes") as typeof import("../services/user-pools/directory/import-routes");
    app = createApp({
      json,
      queryService: { name: "sts" },
      restService: { name: "cognito-sync" },
      dispatch,
      // The name the emulator was told to listen on is the operator's own choice, not a page's.
      allowHosts: [...options.allowHosts, options.host],
      routers: [
        controlRoutes({
          services,
          reset: () => reset(),
          state: () => fixtures.exportState(),
          writeState: (write) => fixtures.writeState(write),
          persistClock: () => meta.put("clock", { offsetSeconds: clock.offsetSeconds }),
          stacks: () => fixtures.stacks(),
          exampleLogin: () => fixtures.exampleLogin(),
        }),
        tokenRoutes(services.tokens, tables, issuerFor),
        identityPoolRoutes(services),
        oauthRoutes(services),
        stsRoutes(services),
        userImportRoutes(services),
      ],
    });
    return app;
  };

  const server = http.createServer(withAwsJsonFastPath(appOnFirstUse, json, () => healthBody(services)));
  server.keepAliveTimeout = 65_000;
  // Requests node cannot parse (headers or URL over its limit, broken framing) get an AWS-shaped error
  // instead of node's bare status line.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") return void socket.destroy();
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const [status, reason, type, message] = tooLarge
      ? [431, "Request Header Fields Too Large", "RequestEntityTooLargeException", `The request line and headers exceed ${http.maxHeaderSize} bytes`]
      : [400, "Bad Request", "SerializationException", "The request is not valid HTTP"];
    const body = JSON.stringify({ __type: type, message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: ${type}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      store.close();
      if (error.code === "EADDRINUSE") reject(new StartupError(`port ${options.port} is already in use on ${options.host}`));
      else if (error.code === "EACCES") reject(new StartupError(`port ${options.port} needs privileges on ${options.host}`));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") reject(new StartupError(`host ${options.host} is not an address of this machine`));
      else reject(error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  port = bound.port;
  if (!isLoopbackAddress(bound.address)) log.warn(exposureWarning(bound.address, port));
  if (options.watch) fixtures.watch();
  const stopSweeping = startSweeping(services);

  async function reset(): Promise<void> {
    clock.offsetSeconds = 0;
    await fixtures.reset();
  }

  let stopped: Promise<void> | undefined;
  return {
    get url() {
      return baseUrl();
    },
    port,
    boundAddress: bound.address,
    options,
    services,
    reset,
    messages: async (filter) => services.outbox.list(filter),
    clock: {
      advance: async (seconds) => {
        clock.advance(seconds);
        meta.put("clock", { offsetSeconds: clock.offsetSeconds });
      },
      offsetSeconds: () => clock.offsetSeconds,
    },
    state: async () => fixtures.exportState(),
    exampleLogin: () => fixtures.exampleLogin(),
    stacks: () => fixtures.stacks(),
    stop: () =>
      (stopped ??= (async () => {
        stopSweeping();
        await fixtures.close();
        await services.tokens.keys.idle();
        await syncOutboundIdle(services);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.close();
      })()),
  };
}

function exposureWarning(address: string, port: number): string {
  const where = isWildcardAddress(address) ? `${address} (every network interface)` : address.includes(":") ? `[${address}]` : address;
  return (
    `listening on ${where}: anyone who can reach port ${port} can use the control endpoints ` +
    "(/_emu/*: read the whole state with every pool's private signing keys and users' password hashes, reset it, move the clock, read the codes sent) " +
    "and the web console (/_emu/ui). Bind 127.0.0.1 (--host) unless other machines or containers must reach the emulator."
  );
}
