import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { type RunningEmulator, startEmulator } from "../../src/server/emulator";
import { describeWithChromium, launchChromium } from "./chromium";

const SHOTS = process.env.COGNITO_EMU_SCREENSHOTS || path.join(os.tmpdir(), "cognito-emu-screenshots");

describeWithChromium("landing page in Chromium", () => {
  jest.setTimeout(60_000);
  let emu: RunningEmulator;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The bundled example, as a bare `cognito-emu start` serves it.
    [emu, browser] = await Promise.all([startEmulator({ port: 0, quiet: true, watch: false }), launchChromium()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: emu.url });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      // A broken stylesheet or script link, or a content-policy violation, shows up here.
      if (message.type() === "error") pageErrors.push(message.text());
    });
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.stop();
  });
  afterEach(() => expect(pageErrors).toEqual([]));

  it("names the endpoints, the console and the example pool and user, styled as the console", async () => {
    const response = await page.goto(`${emu.url}/`);
    expect(response!.headers()["content-type"]).toMatch(/^text\/html/);
    expect(await page.title()).toBe(`cognito-emu at ${emu.url}`);
    expect(await page.locator("h1").innerText()).toContain(emu.url);
    const example = await page.locator(".facts.example").innerText();
    for (const value of ["us-east-1_Example01", "exampleclientid0000000001", "alice", "Passw0rd!"]) expect(example).toContain(value);
    const endpoints = await page.locator("table.endpoints").innerText();
    expect(endpoints).toContain(`${emu.url}/_emu/ui/`);
    expect(endpoints).toContain("AWSCognitoIdentityProviderService");
    expect(await page.locator("table.pools").innerText()).toContain(`${emu.url}/us-east-1_Example01`);
    // The console's stylesheet applies: the header bar is its dark one.
    expect(await page.locator("header.top").evaluate((node) => (globalThis as any).getComputedStyle(node).backgroundColor)).toBe("rgb(20, 27, 38)");
    await page.screenshot({ path: path.join(SHOTS, "landing.png"), fullPage: true });
  });

  it("copies snippets filled in with its own URL and the example's ids", async () => {
    const snippet = page.locator(".snippet", { hasText: "Sign in with the AWS CLI" });
    await snippet.locator("button.copy").click();
    await snippet.locator("button.copy.done", { hasText: "Copied" }).waitFor();
    const copied = await page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);
    expect(copied).toBe(await snippet.locator("pre").innerText());
    expect(copied).toContain(`--endpoint-url ${emu.url}`);
    expect(copied).toContain("--client-id exampleclientid0000000001");
    expect(copied).toContain("'USERNAME=alice,PASSWORD=Passw0rd!'");

    const mint = await page.locator(".snippet", { hasText: "Mint tokens" }).locator("pre").innerText();
    const body = /-d '(.*)'/.exec(mint)![1];
    const minted = await fetch(`${emu.url}/_emu/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body }).then((r) => r.json() as Promise<Record<string, string>>);
    expect(minted.IdToken).toBeTruthy();
  });

  it("leads to the web console", async () => {
    await page.click("#open-console");
    await page.waitForURL(`${emu.url}/_emu/ui/#/pools/us-east-1_Example01/users`);
    await page.locator("#live.on").waitFor();
    await page.locator('tr.user-row[data-username="alice"]').waitFor();
  });
});
