import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { AdminGetUserCommand, type CognitoIdentityProviderClient, SetUICustomizationCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, Page } from "playwright-core";
import { timeStep, totpCode } from "../../src/services/user-pools/sign-in/totp";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient } from "../support/emulator";
import { startOAuthTestEmulator } from "../support/oauth";
import { describeWithChromium, launchChromium } from "./chromium";

const POOL = "us-east-1_HostedUi01";
const MFA_POOL = "us-east-1_HostedUi02";
const WEB = "hosteduiwebclient00000001";
const MFA_WEB = "hosteduimfaclient00000001";
const TOTP_SECRET = "JBSWY3DPEHPK3PXP";

type BrowserWindow = { getComputedStyle(element: unknown): { backgroundColor: string } };

/** Screenshots land here so a person (or CI artifacts) can look at them. */
const SHOTS = process.env.COGNITO_EMU_SCREENSHOTS || path.join(os.tmpdir(), "cognito-emu-screenshots");

/** The app the hosted UI sends users back to: it records each callback URL. */
async function startApp(): Promise<{ url: string; callbacks: URL[]; stop(): Promise<void> }> {
  const callbacks: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, `http://${req.headers.host}`);
    // Browsers also ask for /favicon.ico.
    if (url.pathname === "/callback") callbacks.push(url);
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>App</title><h1>Signed in to the app</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, callbacks, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A small solid PNG, for the logo. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

describeWithChromium("hosted UI in Chromium", () => {
  jest.setTimeout(60_000);
  let emu: RunningEmulator;
  let idp: CognitoIdentityProviderClient;
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;

  const client = (ClientId: string, callback: string, providers: string[]) => ({
    ClientId,
    ClientName: "web",
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ["code"],
    AllowedOAuthScopes: ["openid", "email", "profile"],
    CallbackURLs: [callback],
    SupportedIdentityProviders: providers,
  });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startApp();
    emu = await startOAuthTestEmulator({
      UserPools: [
        {
          Id: POOL,
          PoolName: "Acme Sign-in",
          MfaConfiguration: "OPTIONAL",
          AutoVerifiedAttributes: ["email"],
          Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
          IdentityProviders: [
            {
              ProviderName: "Google",
              ProviderType: "Google",
              ProviderDetails: { client_id: "google-client", client_secret: "google-secret", authorize_scopes: "openid email profile" },
              AttributeMapping: { email: "email", name: "name" },
            },
          ],
          Clients: [client(WEB, `${app.url}/callback`, ["COGNITO", "Google"])],
          Domain: "acme-hosted",
          Users: [
            { Username: "ann", Password: "Passw0rd!", Attributes: { email: "ann@example.com", email_verified: "true" } },
            { Username: "tom", Password: "Passw0rd!", Attributes: { email: "tom@example.com", email_verified: "true" }, TotpSecret: TOTP_SECRET },
          ],
        },
        {
          Id: MFA_POOL,
          PoolName: "Strict",
          MfaConfiguration: "ON",
          Clients: [client(MFA_WEB, `${app.url}/callback`, ["COGNITO"])],
          Users: [{ Username: "newbie", Password: "Passw0rd!" }],
        },
      ],
    });
    idp = idpClient(emu);
    await idp.send(
      new SetUICustomizationCommand({
        UserPoolId: POOL,
        CSS: ".banner-customizable { background-color: #1f6f43; } .submitButton-customizable { background-color: #1f6f43; }",
        ImageFile: png(180, 48, [250, 200, 40]),
      }),
    );
    browser = await launchChromium();
  });

  beforeEach(async () => {
    const context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(async () => page?.context().close());

  afterAll(async () => {
    await browser?.close();
    idp?.destroy();
    await emu?.stop();
    await app?.stop();
  });

  const authorize = (clientId: string) =>
    `${emu.url}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: `${app.url}/callback`, response_type: "code", scope: "openid email", state: "st" })}`;

  async function expectBackAtApp(): Promise<URL> {
    await page.waitForURL((url) => url.toString().startsWith(`${app.url}/callback`));
    const callback = app.callbacks.at(-1)!;
    expect(callback.searchParams.get("state")).toBe("st");
    expect(callback.searchParams.get("code")).toMatch(/^[0-9a-f-]{36}$/);
    return callback;
  }

  it("signs in on the login page, styled by the pool's UI customization", async () => {
    await page.goto(authorize(WEB));
    expect(new URL(page.url()).pathname).toBe("/login");
    // The callbacks run in the page; the project's types describe Node, not the DOM.
    await expect(page.locator(".banner-customizable").evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).backgroundColor)).resolves.toBe("rgb(31, 111, 67)");
    await expect(page.locator("img.logo-customizable").evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(180);
    await page.screenshot({ path: path.join(SHOTS, "hosted-ui-login.png") });

    await page.fill('input[name="username"]', "ann");
    await page.fill('input[name="password"]', "wrong-password");
    await page.click('button[type="submit"]');
    await expect(page.locator(".errorMessage-customizable").textContent()).resolves.toBe("Incorrect username or password.");

    await page.fill('input[name="password"]', "Passw0rd!");
    await page.click('button[type="submit"]');
    await expectBackAtApp();
  });

  it("asks for the authenticator code of a user with TOTP MFA", async () => {
    await page.goto(authorize(WEB));
    await page.fill('input[name="username"]', "tom");
    await page.fill('input[name="password"]', "Passw0rd!");
    await page.click('button[type="submit"]');
    await expect(page.locator("h1").textContent()).resolves.toBe("Enter your authenticator code");
    await page.screenshot({ path: path.join(SHOTS, "hosted-ui-mfa.png") });

    await page.fill('input[name="code"]', "000000");
    await page.click('button[type="submit"]');
    await expect(page.locator(".errorMessage-customizable").isVisible()).resolves.toBe(true);

    await page.fill('input[name="code"]', totpCode(TOTP_SECRET, timeStep(emu.services.clock.now())));
    await page.click('button[type="submit"]');
    await expectBackAtApp();
  });

  it("sets up an authenticator app when the pool requires MFA", async () => {
    await page.goto(authorize(MFA_WEB));
    await page.fill('input[name="username"]', "newbie");
    await page.fill('input[name="password"]', "Passw0rd!");
    await page.click('button[type="submit"]');
    await expect(page.locator("h1").textContent()).resolves.toBe("Set up your authenticator app");
    await page.screenshot({ path: path.join(SHOTS, "hosted-ui-mfa-setup.png") });
    const secret = (await page.locator("#totp-secret").textContent())!.trim();
    await page.fill('input[name="code"]', totpCode(secret, timeStep(emu.services.clock.now())));
    await page.click('button[type="submit"]');
    await expectBackAtApp();
    const user = await idp.send(new AdminGetUserCommand({ UserPoolId: MFA_POOL, Username: "newbie" }));
    expect(user.UserMFASettingList).toEqual(["SOFTWARE_TOKEN_MFA"]);
  });

  it("signs in through the fake Google page", async () => {
    await page.goto(authorize(WEB));
    await page.click("text=Continue with Google");
    expect(new URL(page.url()).pathname).toBe("/_emu/idp");
    await page.fill('input[name="sub"]', "104729371234567890123");
    await page.fill('input[name="claim:email"]', "gabe@gmail.example");
    await page.fill('input[name="claim:name"]', "Gabe");
    await page.screenshot({ path: path.join(SHOTS, "hosted-ui-fake-google.png") });
    await page.click('button:has-text("Sign in")');
    await expectBackAtApp();
    const user = await idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "Google_104729371234567890123" }));
    expect(user.UserStatus).toBe("EXTERNAL_PROVIDER");
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: "email", Value: "gabe@gmail.example" }, { Name: "name", Value: "Gabe" }]));

    // The provider page offers the account again next time.
    await page.context().clearCookies();
    await page.goto(authorize(WEB));
    await page.click("text=Continue with Google");
    await expect(page.locator("text=Continue as gabe@gmail.example").count()).resolves.toBe(1);
  });

  it("signs up, confirms with the emailed code, and signs in", async () => {
    await page.goto(authorize(WEB));
    await page.click("text=Sign up");
    await page.fill('input[name="username"]', "zoe");
    await page.fill('input[name="attr_email"]', "zoe@example.com");
    await page.fill('input[name="password"]', "Passw0rd!");
    await page.screenshot({ path: path.join(SHOTS, "hosted-ui-sign-up.png") });
    await page.click('button[type="submit"]');
    await expect(page.locator("h1").textContent()).resolves.toBe("Confirm your account");
    // The page points to the outbox; its link, opened in another tab as a tester would, shows the code.
    const href = await page.locator(".outbox-hint a", { hasText: "/_emu/messages" }).getAttribute("href");
    expect(href).toBe(`/_emu/messages?userPoolId=${POOL}&username=zoe`);
    await expect(page.locator(".outbox-hint a", { hasText: "web console" }).getAttribute("href")).resolves.toBe("/_emu/ui/");
    const tab = await page.context().newPage();
    await tab.goto(new URL(href!, page.url()).href);
    const { messages } = JSON.parse((await tab.locator("body").textContent())!) as { messages: Array<{ code: string }> };
    await tab.close();
    expect(messages.map((m) => m.code)).toEqual((await emu.messages({ userPoolId: POOL, username: "zoe" })).map((m) => m.code));
    await page.fill('input[name="code"]', messages[0].code);
    await page.click('button:has-text("Confirm account")');
    await expect(page.locator(".notice").textContent()).resolves.toContain("Your account is confirmed");
    await page.fill('input[name="password"]', "Passw0rd!");
    await page.click('button:has-text("Sign in")');
    await expectBackAtApp();
  });

  it("resets a forgotten password", async () => {
    await page.goto(authorize(WEB));
    await page.click("text=Forgot your password?");
    await page.fill('input[name="username"]', "ann");
    await page.click('button[type="submit"]');
    const message = (await emu.messages({ userPoolId: POOL, username: "ann" })).at(-1)!;
    await expect(page.locator(".outbox-hint a", { hasText: "/_emu/messages" }).getAttribute("href")).resolves.toBe(`/_emu/messages?userPoolId=${POOL}&username=ann`);
    await page.fill('input[name="code"]', message.code!);
    await page.fill('input[name="password"]', "N3w-Passw0rd!");
    await page.fill('input[name="confirm_password"]', "N3w-Passw0rd!");
    await page.click('button[type="submit"]');
    await page.fill('input[name="password"]', "N3w-Passw0rd!");
    await page.click('button:has-text("Sign in")');
    await expectBackAtApp();
  });
});
