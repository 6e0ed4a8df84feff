import type { Services } from "../services/services";

/** Short-lived records that expire by `ExpiresAt` (epoch ms) and are useless afterwards. */
const EXPIRING_TABLES = ["authSessions", "oauthCodes", "hostedUiSessions", "federationStates", "samlSessions", "samlLogouts", "samlAssertions"];

/** How often expired records are dropped: rarely, since each sweep walks the tables it cleans. */
export const SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Drops what can no longer be used — expired challenge sessions, OAuth codes and browser sessions,
 * refresh tokens and revocations past their expiry — so a long-running emulator's memory stays flat.
 */
export function sweepExpired(services: Services): number {
  const now = services.clock.now();
  let dropped = 0;
  void services.store.transaction(() => {
    for (const name of EXPIRING_TABLES) {
      const table = services.store.table<{ ExpiresAt?: number }>(name);
      for (const [key, row] of [...table.entries()]) {
        if (typeof row.ExpiresAt === "number" && row.ExpiresAt <= now && table.delete(key)) dropped++;
      }
    }
    const tokens = services.tokens.sweepExpired();
    dropped += tokens.refreshTokens + tokens.revocations;
  });
  return dropped;
}

/** Sweeps on a timer that never keeps the process alive. */
export function startSweeping(services: Services): () => void {
  const timer = setInterval(() => sweepExpired(services), SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
