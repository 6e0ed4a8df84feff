import type { Services } from "../services/services";
import { version } from "../version";

const started = Date.now();

/** What GET /health answers once the emulator serves. */
export function healthBody(services: Services): Record<string, unknown> {
  return {
    status: "ok",
    version,
    region: services.options.region,
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
    userPools: services.tables.pools.size,
  };
}
