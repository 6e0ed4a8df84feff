import type { Services } from "../services";
import type { SyncPoolRecord } from "./records";
import { syncTables } from "./tables";

export function poolSettings(services: Services, identityPoolId: string): SyncPoolRecord {
  return syncTables(services).pools.get(identityPoolId) ?? { IdentityPoolId: identityPoolId };
}

export function updatePoolSettings(services: Services, identityPoolId: string, changes: Partial<SyncPoolRecord>): SyncPoolRecord {
  const updated = { ...poolSettings(services, identityPoolId), ...changes };
  syncTables(services).pools.put(identityPoolId, updated);
  return updated;
}
