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

/** A started emulator and the SDK client pointed at it. */
export interface StartedEmulator {
  emu: RunningEmulator;
  idp: CognitoIdentityProviderClient;
}

/**
 * One emulator for a test file: started before its tests with the fixture, reset to it before each
 * test, stopped after. `started` hands the emulator and its client to the file's own variables.
 */
export function useEmulator(fixture: object, started: (emulator: StartedEmulator) => void, options: EmulatorOptions = {}): void {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator(fixture, options);
    started({ emu, idp: idpClient(emu) });
  });
  afterAll(() => emu?.stop());
  beforeEach(() => emu!.reset());
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
