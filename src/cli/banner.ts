import type { RunningEmulator } from "../server/emulator";

/** What `start` prints: where to point clients, and for the bundled example, something to sign in with. */
export function banner(emulator: RunningEmulator): string {
  const { tables } = emulator.services;
  const lines = [`cognito-emu listening on ${emulator.url}`];
  const pools = [...tables.pools.values()];
  lines.push(`  user pools: ${pools.length}${emulator.options.persist ? `, persisted to ${emulator.options.persist}` : ""}`);
  if (emulator.options.bundledFixtures) {
    const example = emulator.services.tables.pools.get("us-east-1_Example01") ?? pools[0];
    if (example) {
      const client = tables.clients.findOneBy("byPool", example.Id);
      lines.push(`  example pool id:   ${example.Id}`);
      if (client) lines.push(`  example client id: ${client.ClientId}`);
      lines.push(`  test user:         alice / Passw0rd!`);
    }
  }
  lines.push(`  endpoint for SDKs: AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=${emulator.url}`);
  return lines.join("\n");
}
