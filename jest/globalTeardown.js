
const RUNNING = Symbol.for("cognito-emu.jest.emulator");

module.exports = async function globalTeardown() {
  const emulator = globalThis[RUNNING];
  if (!emulator) return;
  delete globalThis[RUNNING];
  await emulator.stop();
};
