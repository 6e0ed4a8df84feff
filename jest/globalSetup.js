
// One emulator for the whole jest run: started before any worker, its URL handed to every worker
// through the environment (workers inherit process.env when they are spawned, after this runs).
const { startEmulator, harnessOptions } = require("../dist/index.js");

const RUNNING = Symbol.for("cognito-emu.jest.emulator");

module.exports = async function globalSetup(globalConfig, projectConfig) {
  // A multi-project config calls this once per project: they share one emulator.
  if (globalThis[RUNNING]) return;
  const rootDir = (projectConfig?.rootDir) || (globalConfig?.rootDir) || process.cwd();
  const emulator = await startEmulator(harnessOptions(rootDir));
  globalThis[RUNNING] = emulator;
  process.env.COGNITO_EMU_URL = emulator.url;
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = emulator.url;
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY = emulator.url;
};
