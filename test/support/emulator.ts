import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { type RunningEmulator, startEmulator } from "../../src/server/emulator";
import type { EmulatorOptions } from "../../src/options";

/** Starts an in-process emulator on a free port, quiet, with the given fixture document (or none). */
export async function startTestEmulator(fixture?: object, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-test-"));
  const file = path.join(dir, "fixtures.json");
  fs.writeFileSync(file, JSON.stringify(fixture ?? { UserPools: [] }));
  return startEmulator({ port: 0, quiet: true, watch: false, fixtures: [file], ...options });
}

/** The real SDK v3 client pointed at the emulator. */
export function idpClient(emulator: RunningEmulator, region = "us-east-1"): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: emulator.url,
    region,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    maxAttempts: 1,
  });
}

export function tempDir(prefix = "cognito-emu-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
