import { Clock } from "../clock";
import { Logger } from "../log";
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from "../options";
import { Store } from "../store/store";
import "../tables";
import { TokenService } from "../tokens/service";
import { Outbox } from "./outbox";
import { UserPoolTables } from "./user-pools/directory/tables";
import { FixturePasswords } from "./user-pools/sign-in/passwords";
import { type UserPoolRecords, userPoolTokenSubjects } from "./user-pools/sign-in/token-subjects";

/** Everything an operation handler may use. Built once per emulator instance by createServices. */
export interface Services {
  options: ResolvedOptions;
  store: Store;
  clock: Clock;
  log: Logger;
  tables: UserPoolTables;
  tokens: TokenService<UserPoolRecords>;
  outbox: Outbox;
  /** Fixture users' clear passwords, in memory only. */
  fixturePasswords: FixturePasswords;
  /** The `iss` of a pool's tokens, per --issuer. */
  issuerFor(poolId: string): string;
  /** The emulator's own base URL, e.g. http://127.0.0.1:9229. */
  baseUrl(): string;
}

export interface ServicesInput {
  /** Resolved options, or options to resolve (bundled fixtures then default to `fixtures`). */
  options?: ResolvedOptions | EmulatorOptions;
  store?: Store;
  clock?: Clock;
  log?: Logger;
  issuerFor?: (poolId: string) => string;
  baseUrl?: () => string;
}

/** The one way services are built: by the server, and by every test bed (which leave out what they do not care about). */
export function createServices(input: ServicesInput = {}): Services {
  const options = isResolved(input.options) ? input.options : resolveOptions(input.options ?? {}, "fixtures");
  const store = input.store ?? new Store();
  const clock = input.clock ?? new Clock();
  const log = input.log ?? new Logger(options.logFormat, true);
  const baseUrl = input.baseUrl ?? (() => "http://localhost");
  const issuerFor = input.issuerFor ?? ((poolId: string) => `${baseUrl()}/${poolId}`);
  const tables = new UserPoolTables(store);
  const services: Services = {
    options,
    store,
    clock,
    log,
    tables,
    tokens: new TokenService(store, clock, tables, issuerFor, userPoolTokenSubjects(() => services)),
    outbox: new Outbox(store, clock, log),
    fixturePasswords: new FixturePasswords(),
    issuerFor,
    baseUrl,
  };
  return services;
}

function isResolved(options: ServicesInput["options"]): options is ResolvedOptions {
  return options !== undefined && "bundledFixtures" in options;
}
