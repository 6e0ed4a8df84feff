import type { Services } from "../services/services";
import { sweepExpired as sweepDeclared } from "../store/schema";

/** How often expired records are dropped: rarely, since each sweep walks the tables it cleans. */
export const SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Drops what can no longer be used — every row of a table that declares an expiry, once past it
 * (challenge sessions, OAuth codes, browser sessions, refresh tokens, revocations) — so a
 * long-running emulator's memory stays flat.
 */
export function sweepExpired(services: Services): number {
  let dropped = 0;
  void services.store.transaction(() => {
    dropped = sweepDeclared(services, services.clock.now());
  });
  return dropped;
}

/** Sweeps on a timer that never keeps the process alive. */
export function startSweeping(services: Services): () => void {
  const timer = setInterval(() => sweepExpired(services), SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
