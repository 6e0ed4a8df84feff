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

/** Whether the pool has any of the settings SetCognitoEvents and SetIdentityPoolConfiguration make. */
export function hasSyncSettings(settings: SyncPoolRecord): boolean {
  return Object.keys(settings.Events ?? {}).length > 0 || settings.CognitoStreams !== undefined || settings.PushSync !== undefined;
}
