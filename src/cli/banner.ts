import { externalUrls, isWildcardAddress } from "../control/guard";
import type { RunningEmulator } from "../server/emulator";

/**
 * What `start` prints: where to point clients, and, when the fixtures have one, a user to sign in as.
 * With --log-format json it is one JSON line like every other log line. With --quiet it is the first
 * line only: a CI log still shows where the emulator listens (the port, with --port 0), and nothing more.
 */
export function banner(emulator: RunningEmulator): string {
  const pools = emulator.services.tables.pools.size;
  const example = emulator.exampleLogin();
  const { boundAddress } = emulator;
  // Listening on every interface, the URL names localhost; other machines need an address of this one.
  const elsewhere = isWildcardAddress(boundAddress) ? externalUrls(boundAddress, emulator.port) : [];
  if (emulator.options.logFormat === "json") {
    return JSON.stringify({
      level: "info",
      time: new Date().toISOString(),
      message: `cognito-emu listening on ${emulator.url}`,
      url: emulator.url,
      console: `${emulator.url}/_emu/ui/`,
      boundAddress,
      ...(elsewhere.length ? { otherUrls: elsewhere } : {}),
      userPools: pools,
      example,
    });
  }
  const urlHost = new URL(emulator.url).hostname.replace(/^\[|\]$/g, "");
  const binding = isWildcardAddress(boundAddress)
    ? ` (bound to ${boundAddress}: every network interface)`
    : urlHost === boundAddress
      ? ""
      : ` (bound to ${boundAddress})`;
  const lines = [`cognito-emu listening on ${emulator.url}${binding}`];
  if (emulator.options.quiet) return lines[0];
  if (elsewhere.length) lines.push(`  from other machines: ${elsewhere.join(", ")}`);
  lines.push(`  user pools: ${pools}${emulator.options.persist ? `, persisted to ${emulator.options.persist}${emulator.options.persistSync ? " (fsync per commit)" : ""}` : ""}`);
  if (example) {
    lines.push(`  example pool id:   ${example.poolId}`);
    if (example.clientId) lines.push(`  example client id: ${example.clientId}`);
    lines.push(`  test user:         ${example.username} / ${example.password}`);
  }
  lines.push(`  endpoint for SDKs: AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=${emulator.url}`);
  lines.push(`  web console:       ${emulator.url}/_emu/ui/`);
  return lines.join("\n");
}
