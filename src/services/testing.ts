import { Clock } from "../clock";
import { Logger } from "../log";
import { type EmulatorOptions, resolveOptions } from "../options";
import { Store } from "../store/store";
import { TokenService } from "../tokens/service";
import { Outbox } from "./outbox";
import type { Services } from "./services";
import { UserPoolTables } from "./user-pools/directory/tables";
import { userPoolTokenSubjects } from "./user-pools/sign-in/token-subjects";

/** Test support: real services over an in-memory store, without the cost of generating RSA keys. */
export interface ServicesTestbed {
  services: Services;
  /** Pools whose keys were asked for and deleted, in order. */
  keys: { ensured: string[]; deleted: string[] };
}

export function servicesTestbed(options: EmulatorOptions = {}): ServicesTestbed {
  const store = new Store();
  const clock = new Clock();
  const log = new Logger("text", true);
  const tables = new UserPoolTables(store);
  const issuerFor = (poolId: string) => `http://localhost/${poolId}`;
  const tokens = new TokenService(store, clock, tables, issuerFor, userPoolTokenSubjects(() => services));
  const keys = { ensured: [] as string[], deleted: [] as string[] };
  tokens.ensureKeys = async (poolId: string) => void keys.ensured.push(poolId);
  const deleteKeys = tokens.deleteKeys.bind(tokens);
  tokens.deleteKeys = (poolId: string) => {
    keys.deleted.push(poolId);
    deleteKeys(poolId);
  };
  const services: Services = {
    options: resolveOptions(options, "fixtures"),
    store,
    clock,
    log,
    tables,
    tokens,
    outbox: new Outbox(store, clock, log),
    issuerFor,
    baseUrl: () => "http://localhost",
  };
  return { services, keys };
}
