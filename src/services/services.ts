import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { ResolvedOptions } from "../options";
import type { Store } from "../store/store";
import type { TokenService } from "../tokens/service";
import type { Outbox } from "./outbox";
import type { UserPoolTables } from "./user-pools/directory/tables";
import type { UserPoolRecords } from "./user-pools/sign-in/token-subjects";

/** Everything an operation handler may use. Built once per emulator instance (see server/emulator.ts). */
export interface Services {
  options: ResolvedOptions;
  store: Store;
  clock: Clock;
  log: Logger;
  tables: UserPoolTables;
  tokens: TokenService<UserPoolRecords>;
  outbox: Outbox;
  /** The `iss` of a pool's tokens, per --issuer. */
  issuerFor(poolId: string): string;
  /** The emulator's own base URL, e.g. http://127.0.0.1:9229. */
  baseUrl(): string;
}
