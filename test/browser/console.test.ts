import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, Page } from "playwright-core";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";
import { describeWithChromium, launchChromium } from "./chromium";

const POOL = "us-east-1_Console01";
const CLIENT = "consoleclient00000000001";

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "console",
      Clients: [
        { ClientId: CLIENT, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
        { ClientId: "consoleclient00000000002", ClientName: "backend", ClientSecret: "consolesecret000000000000000000000000000000000000001" },
      ],
      Groups: [
        { GroupName: "admins", Description: "Administrators", Precedence: 1, RoleArn: "arn:aws:iam::123456789012:role/Admins" },
        { GroupName: "staff", Precedence: 5 },
      ],
      Users: [
        {
          Username: "alice",
          Password: "Passw0rd!",
          Attributes: { email: "alice@example.com", email_verified: "true", name: "Alice Example" },
          Groups: ["admins", "staff"],
          TotpSecret: "JBSWY3DPEHPK3PXP",
        },
        { Username: "pending", Password: "Passw0rd!", Attributes: { email: "pending@example.com" }, UserStatus: "UNCONFIRMED" },
        { Username: "leaving", Password: "Passw0rd!", Attributes: { email: "leaving@example.com", email_verified: "true" } },
      ],
    },
  ],
  IdentityPools: [
    {
      IdentityPoolId: "us-east-1:00000000-0000-4000-8000-0000000000c1",
      IdentityPoolName: "console identities",
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.us-east-1.amazonaws.com/${POOL}`, ClientId: CLIENT }],
      Roles: { authenticated: "arn:aws:iam::123456789012:role/Authenticated", unauthenticated: "arn:aws:iam::123456789012:role/Guest" },
    },
  ],
};

/** Screenshots land here so a person (or CI artifacts) can look at them. */
const SHOTS = process.env.COGNITO_EMU_SCREENSHOTS || path.join(os.tmpdir(), "cognito-emu-screenshots");

describeWithChromium("web console in Chromium", () => {
  jest.setTimeout(60_000);
  let emu: RunningEmulator;
  let idp: CognitoIdentityProviderClient;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [emu, browser] = await Promise.all([startTestEmulator(fixture), launchChromium()]);
    idp = idpClient(emu);
    page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(10_000);
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.stop();
  });
  afterEach(() => expect(pageErrors).toEqual([]));

  const row = (username: string) => page.locator(`tr.user-row[data-username="${username}"]`);
  const detailsOf = (username: string) => page.locator(`tr.user-row[data-username="${username}"] + tr.details`);
  const getUser = (username: string) => idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: username }));

  it("opens on the first pool and shows its users: status, groups, MFA", async () => {
    await page.goto(`${emu.url}/_emu/ui`);
    await page.waitForURL(`${emu.url}/_emu/ui/#/pools/${POOL}/users`);
    await row("alice").waitFor();
    await page.locator("#live.on").waitFor();
    expect(await page.locator(".pool-head h1").innerText()).toContain("console");
    expect(await row("alice").innerText()).toMatch(/CONFIRMED[\s\S]*Enabled[\s\S]*alice@example\.com[\s\S]*admins[\s\S]*staff[\s\S]*TOTP/);
    expect(await row("pending").innerText()).toContain("UNCONFIRMED");

    await row("alice").click();
    const details = detailsOf("alice");
    await details.waitFor();
    const text = await details.innerText();
    expect(text).toContain("Alice Example");
    expect(text).toMatch(/Authenticator app\s+configured/i);
    expect(text).not.toContain("JBSWY3DPEHPK3PXP");
  });

  it("renders: a screenshot of the users page is a real, varied picture", async () => {
    const file = path.join(SHOTS, "console-users.png");
    const png = await page.screenshot({ path: file });
    expect(png.length).toBeGreaterThan(20_000);
    const picture = await measurePicture(browser, png);
    expect(picture).toMatchObject({ width: 1280, height: 820 });
    // A blank or unstyled page has a handful of colours; the console has its dark side bar, badges and text.
    expect(picture.colours).toBeGreaterThan(200);
    expect(picture.darkShare).toBeGreaterThan(0.1);
    expect(picture.darkShare).toBeLessThan(0.6);
  });

  it("shows app clients, groups and identity pools", async () => {
    await page.click("a.tab >> text=App clients");
    await page.locator("section.client").first().waitFor();
    const clients = await page.locator("#main").innerText();
    expect(clients).toContain(CLIENT);
    expect(clients).toContain("ALLOW_USER_PASSWORD_AUTH");
    expect(clients).toContain("consolesecret000000000000000000000000000000000000001");

    await page.click("a.tab >> text=Groups");
    await page.locator("table.grid tbody tr").first().waitFor();
    expect(await page.locator("table.grid tbody").innerText()).toMatch(/admins\s+Administrators\s+1\s+arn:aws:iam::123456789012:role\/Admins\s+1/);

    await page.click(".side a[href='#/identity-pools']");
    await page.locator("section.identity").waitFor();
    const identity = await page.locator("section.identity").innerText();
    expect(identity).toContain("console identities");
    expect(identity).toContain(`cognito-idp.us-east-1.amazonaws.com/${POOL}`);
    expect(identity).toContain("arn:aws:iam::123456789012:role/Guest");
    await page.screenshot({ path: path.join(SHOTS, "console-identity-pools.png") });
  });

  it("updates live: a user created through the API appears, and its invitation code shows in the outbox", async () => {
    await page.goto(`${emu.url}/_emu/ui/#/pools/${POOL}/users`);
    await row("alice").waitFor();
    await page.locator("#live.on").waitFor();
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: POOL, Username: "invited", UserAttributes: [{ Name: "email", Value: "invited@example.com" }], DesiredDeliveryMediums: ["EMAIL"] }),
    );
    await row("invited").waitFor();
    expect(await row("invited").innerText()).toContain("FORCE_CHANGE_PASSWORD");

    const [invitation] = await emu.messages({ userPoolId: POOL, username: "invited" });
    await page.click(".side a[href='#/outbox']");
    const message = page.locator("tr.message").first();
    await message.waitFor();
    expect(await message.locator(".code-pill").innerText()).toBe(invitation.code);
    expect(await message.innerText()).toContain("invited@example.com");

    // Another one while the outbox is open arrives without a reload.
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: POOL, Username: "invited2", UserAttributes: [{ Name: "email", Value: "invited2@example.com" }], DesiredDeliveryMediums: ["EMAIL"] }),
    );
    await page.locator("tr.message", { hasText: "invited2@example.com" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "console-outbox.png") });
  });

  it("creates a user from the form, who can then sign in through the API", async () => {
    await page.goto(`${emu.url}/_emu/ui/#/pools/${POOL}/users`);
    await page.click("#new-user");
    await page.fill("#new-username", "dana");
    await page.fill("#new-email", "dana@example.com");
    await page.fill("#new-password", "Str0ng!Pass");
    await page.fill("#new-attributes", "name=Dana Example");
    await page.click("#user-form button[type=submit]");
    await row("dana").waitFor();
    expect(await row("dana").innerText()).toContain("CONFIRMED");

    const dana = await getUser("dana");
    expect(dana.UserStatus).toBe("CONFIRMED");
    expect(dana.UserAttributes).toEqual(expect.arrayContaining([{ Name: "name", Value: "Dana Example" }, { Name: "email_verified", Value: "true" }]));
    const signIn = await idp.send(
      new InitiateAuthCommand({ ClientId: CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "dana", PASSWORD: "Str0ng!Pass" } }),
    );
    expect(signIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("creates a user without a password: a temporary one is generated and sent", async () => {
    await page.click("#new-user");
    await page.fill("#new-username", "erin");
    await page.fill("#new-email", "erin@example.com");
    await page.click("#user-form button[type=submit]");
    await row("erin").waitFor();
    expect(await row("erin").innerText()).toContain("FORCE_CHANGE_PASSWORD");
    const [invitation] = await emu.messages({ userPoolId: POOL, username: "erin" });
    expect(invitation).toMatchObject({ reason: "AdminCreateUser", destination: "erin@example.com" });
    await row("erin").click();
    await detailsOf("erin").locator(".code-pill", { hasText: invitation.code! }).waitFor();
  });

  it("reports a refused creation (password policy) without losing the form", async () => {
    await page.click("#new-user");
    await page.fill("#new-username", "weak");
    await page.fill("#new-password", "short");
    await page.click("#user-form button[type=submit]");
    await page.locator("#toast.show.error", { hasText: "InvalidPasswordException" }).waitFor();
    expect(await page.inputValue("#new-username")).toBe("weak");
    await expect(getUser("weak")).rejects.toMatchObject({ name: "UserNotFoundException" });
    await page.click("#user-form button[type=button]");
  });

  it("confirms, disables, enables and deletes users", async () => {
    await row("pending").click();
    await detailsOf("pending").locator("button", { hasText: "Confirm" }).click();
    await row("pending").filter({ hasText: "CONFIRMED" }).filter({ hasNotText: "UNCONFIRMED" }).waitFor();
    expect((await getUser("pending")).UserStatus).toBe("CONFIRMED");

    await row("leaving").click();
    await detailsOf("leaving").locator("button", { hasText: "Disable" }).click();
    await row("leaving").filter({ hasText: "Disabled" }).waitFor();
    expect((await getUser("leaving")).Enabled).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, "console-actions.png") });

    await detailsOf("leaving").locator("button", { hasText: "Enable" }).click();
    await row("leaving").filter({ hasText: "Enabled" }).waitFor();
    expect((await getUser("leaving")).Enabled).toBe(true);

    // Delete asks once more in place.
    const remove = detailsOf("leaving").locator("button.danger");
    await remove.click();
    expect(await remove.innerText()).toBe("Really delete?");
    await remove.click();
    await row("leaving").waitFor({ state: "detached" });
    await expect(getUser("leaving")).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("narrows the user list with the search box", async () => {
    await page.fill("input.search", "dana@");
    await page.locator("tr.user-row").first().waitFor();
    await page.waitForFunction("document.querySelectorAll('tr.user-row').length === 1");
    expect(await page.locator("tr.user-row").getAttribute("data-username")).toBe("dana");
    await page.fill("input.search", "");
  });
});

/** Decodes a PNG in the browser and measures it: how many distinct colours, what share of it is dark. */
async function measurePicture(browser: Browser, png: Buffer): Promise<{ width: number; height: number; colours: number; darkShare: number }> {
  const scratch = await browser.newPage();
  try {
    return await scratch.evaluate(async (dataUrl) => {
      // Runs in the page; the test project is typed without the DOM library.
      const { Image, document } = globalThis as any;
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const colours = new Set<number>();
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        if (data[i] + data[i + 1] + data[i + 2] < 150) dark++;
      }
      return { width: image.width, height: image.height, colours: colours.size, darkShare: dark / (data.length / 4) };
    }, `data:image/png;base64,${png.toString("base64")}`);
  } finally {
    await scratch.close();
  }
}
