import fs from "node:fs";
import type { Browser } from "playwright-core";

/** Debian's chromium (apt-get install chromium), or the binary CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const haveChromium = fs.existsSync(CHROMIUM);

/** `describe` when Chromium is installed; otherwise the suite is skipped and says why, once. */
export function describeWithChromium(name: string, body: () => void): void {
  if (haveChromium) return describe(name, body);
  describe.skip(`${name} (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium, or set CHROMIUM_PATH)`, body);
  console.warn(`browser tests skipped: no Chromium binary at ${CHROMIUM}`);
}

/**
 * Headless Chromium that stays off the network: without these flags it keeps dialling Google's hosts.
 * Playwright gives every launch a fresh, empty profile directory of its own.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
