import type { RunningEmulator } from "../server/emulator";

/** What `start` prints: where to point clients, and, when the fixtures have one, a user to sign in as. */
export function banner(emulator: RunningEmulator): string {
  const { tables } = emulator.services;
  const lines = [`cognito-emu listening on ${emulator.url}`];
  const pools = [...tables.pools.values()];
  lines.push(`  user pools: ${pools.length}${emulator.options.persist ? `, persisted to ${emulator.options.persist}` : ""}`);
  const example = emulator.exampleLogin();
  if (example) {
    lines.push(`  example pool id:   ${example.poolId}`);
    if (example.clientId) lines.push(`  example client id: ${example.clientId}`);
    lines.push(`  test user:         ${example.username} / ${example.password}`);
  }
  lines.push(`  endpoint for SDKs: AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=${emulator.url}`);
  return lines.join("\n");
}
