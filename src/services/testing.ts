import type { EmulatorOptions } from "../options";
import { createServices, type Services } from "./services";

/** Test support: real services over an in-memory store, without the cost of generating RSA keys. */
export interface ServicesTestbed {
  services: Services;
  /** Pools whose keys were asked for and deleted, in order. */
  keys: { ensured: string[]; deleted: string[] };
}

export function servicesTestbed(options: EmulatorOptions = {}): ServicesTestbed {
  const services = createServices({ options });
  const { tokens } = services;
  const keys = { ensured: [] as string[], deleted: [] as string[] };
  tokens.ensureKeys = async (poolId: string) => void keys.ensured.push(poolId);
  const deleteKeys = tokens.deleteKeys.bind(tokens);
  tokens.deleteKeys = (poolId: string) => {
    keys.deleted.push(poolId);
    deleteKeys(poolId);
  };
  return { services, keys };
}
