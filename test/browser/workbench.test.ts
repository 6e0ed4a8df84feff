import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CognitoIdentityClient, GetIdCommand, ListIdentitiesCommand } from "@aws-sdk/client-cognito-identity";
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { RunningEmulator } from "../../src/server/emulator";
import { timeStep, totpCode } from "../../src/services/user-pools/sign-in/totp";
import { idpClient, startTestEmulator } from "../support/emulator";
import { describeWithChromium, launchChromium } from "./chromium";

/**
 * The console as a tester's workbench, driven in Chromium: every action is checked through the AWS
 * API afterwards (it must have gone through the same operations), and live re-renders must not undo
 * what the tester is in the middle of.
 */
const POOL = "us-east-1_Bench0001";
const CLIENT = "benchclient00000000000001";
const IDENTITY_POOL = "us-east-1:00000000-0000-4000-8000-0000000000b1";
const SECRET = "JBSWY3DPEHPK3PXP";

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "workbench",
      MfaConfiguration: "OPTIONAL",
      AutoVerifiedAttributes: ["email"],
      Clients: [{ ClientId: CLIENT, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Groups: [{ GroupName: "admins", Precedence: 1 }, { GroupName: "staff", Precedence: 5 }],
      Users: [
        { Username: "alice", Password: "Passw0rd!", TotpSecret: SECRET, Attributes: { email: "alice@example.com", email_verified: "true", name: "Alice Example" }, Groups: ["admins"] },
        { Username: "bob", Password: "Passw0rd!", Attributes: { email: "bob@example.com", email_verified: "true", name: "Bob Example" } },
        { Username: "carl", Password: "Passw0rd!", Attributes: { email: "carl@example.com", email_verified: "true" } },
        { Username: "dora", Password: "Passw0rd!", Attributes: { email: "dora@example.com", email_verified: "true" } },
      ],
    },
  ],
  IdentityPools: [
    {
      IdentityPoolId: IDENTITY_POOL,
      IdentityPoolName: "bench identities",
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.us-east-1.amazonaws.com/${POOL}`, ClientId: CLIENT }],
      Roles: { authenticated: "arn:aws:iam::123456789012:role/Auth", unauthenticated: "arn:aws:iam::123456789012:role/Guest" },
      RoleMappings: {
        [`cognito-idp.us-east-1.amazonaws.com/${POOL}:${CLIENT}`]: {
          Type: "Rules",
          AmbiguousRoleResolution: "AuthenticatedRole",
          RulesConfiguration: { Rules: [{ Claim: "cognito:groups", MatchType: "Contains", Value: "admins", RoleARN: "arn:aws:iam::123456789012:role/BenchAdmins" }] },
        },
      },
    },
  ],
};

const SHOTS = process.env.COGNITO_EMU_SCREENSHOTS || path.join(os.tmpdir(), "cognito-emu-screenshots");
/** `COGNITO_EMU_UPDATE_DOCS=1` refreshes the README's screenshot of the console. */
const DOCS_SHOT = path.resolve(__dirname, "../../docs/console.png");

describeWithChromium("web console as a workbench, in Chromium", () => {
  jest.setTimeout(60_000);
  let emu: RunningEmulator;
  let idp: CognitoIdentityProviderClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [emu, browser] = await Promise.all([startTestEmulator(fixture), launchChromium()]);
    idp = idpClient(emu);
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: emu.url });
    page = await context.newPage();
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
  const attributesOf = async (username: string) => Object.fromEntries((await getUser(username)).UserAttributes!.map((a) => [a.Name, a.Value]));
  const signIn = async (username: string, password = "Passw0rd!") =>
    (await idp.send(new InitiateAuthCommand({ ClientId: CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }))).AuthenticationResult!;
  const clipboard = () => page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);
  const toast = (text: string | RegExp) => page.locator("#toast.show", { hasText: text }).waitFor();
  /** Opens the users page with `username`'s details expanded and loaded. */
  async function openUser(username: string) {
    if (!page.url().endsWith(`#/pools/${POOL}/users`)) {
      await page.goto(`${emu.url}/_emu/ui/#/pools/${POOL}/users`);
      await page.locator("#live.on").waitFor();
    }
    await row(username).waitFor();
    if (!(await detailsOf(username).count())) await row(username).click();
    await detailsOf(username).locator(".detail-col.tokens h3", { hasText: "Sessions" }).waitFor();
    return detailsOf(username);
  }

  it("edits a user's attributes: changes, additions and removals in one save", async () => {
    const details = await openUser("bob");
    await details.locator("[data-action=edit-attributes]").click();
    await details.locator("input.attr-value[data-name=name]").fill("Robert Example");
    await details.locator("input.attr-remove[data-name=email_verified]").check();
    await details.locator("input.attr-new-name").fill("given_name");
    await details.locator("input.attr-new-value").fill("Robert");
    await details.locator("[data-action=save-attributes]").click();
    await toast("Attributes of bob saved");
    const attrs = await attributesOf("bob");
    expect(attrs).toMatchObject({ name: "Robert Example", given_name: "Robert", email: "bob@example.com" });
    expect(attrs).not.toHaveProperty("email_verified");
    await details.locator(".attributes:not(.editing) td", { hasText: "Robert Example" }).waitFor();

    // Refused edits come back as the API's error, and the form keeps what was typed.
    await details.locator("[data-action=edit-attributes]").click();
    await details.locator("input.attr-new-name").fill("custom:nope");
    await details.locator("input.attr-new-value").fill("x");
    await details.locator("[data-action=save-attributes]").click();
    await toast("InvalidParameterException");
    expect(await details.locator("input.attr-new-name").inputValue()).toBe("custom:nope");
    await details.locator(".attr-form button", { hasText: "Cancel" }).click();
  });

  it("adds a user to a group and removes them from one", async () => {
    const details = await openUser("bob");
    await details.locator("select.group-picker").selectOption("staff");
    await details.locator("[data-action=add-group]").click();
    await details.locator(".chip.group", { hasText: "staff" }).waitFor();
    const groups = async () => (await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: "bob" }))).Groups!.map((g) => g.GroupName);
    expect(await groups()).toEqual(["staff"]);
    await details.locator("button.chip-x[data-group=staff]").click();
    await details.locator(".group-chips", { hasText: "none" }).waitFor();
    expect(await groups()).toEqual([]);
  });

  it("sets a temporary, then a permanent password, which signs in", async () => {
    const details = await openUser("carl");
    await details.locator("input.password-input").fill("Temp-Passw0rd1");
    await details.locator("[data-action=set-password]").click();
    await row("carl").filter({ hasText: "FORCE_CHANGE_PASSWORD" }).waitFor();
    expect((await getUser("carl")).UserStatus).toBe("FORCE_CHANGE_PASSWORD");

    await details.locator("input.password-input").fill("N3w-Passw0rd!");
    await details.locator("input.password-permanent").check();
    await details.locator("[data-action=set-password]").click();
    await row("carl").filter({ hasText: "CONFIRMED" }).filter({ hasNotText: "FORCE" }).waitFor();
    expect((await signIn("carl", "N3w-Passw0rd!")).AccessToken).toBeTruthy();
  });

  it("shows the tokens issued to a user, copies them, and signing out everywhere revokes them", async () => {
    const tokens = await signIn("dora");
    const details = await openUser("dora");
    const issued = details.locator(".token-item").first();
    await issued.locator(".badge", { hasText: "valid" }).waitFor();
    expect(await issued.innerText()).toContain("Authentication · web");
    await issued.locator("button.copy", { hasText: "Access" }).click();
    expect(await clipboard()).toBe(tokens.AccessToken);
    await issued.locator("button.copy", { hasText: "ID" }).click();
    expect(await clipboard()).toBe(tokens.IdToken);
    await details.locator(".detail-col.tokens .mini-message .badge", { hasText: "until" }).waitFor();

    await details.locator("[data-action=sign-out]").click();
    await issued.locator(".badge", { hasText: "revoked" }).waitFor();
    await expect(idp.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Access Token has been revoked" });
  });

  it("requires a password reset: RESET_REQUIRED, and the code it sent is shown and copied", async () => {
    const details = await openUser("dora");
    await details.locator("[data-action=reset-password]").click();
    await row("dora").filter({ hasText: "RESET_REQUIRED" }).waitFor();
    const [sent] = await emu.messages({ userPoolId: POOL, username: "dora" });
    expect(sent.reason).toBe("AdminResetUserPassword");
    const codeRow = details.locator(".codes .mini-message", { hasText: "AdminResetUserPassword" });
    await codeRow.locator(".code-pill", { hasText: sent.code! }).waitFor();
    await codeRow.locator("button.copy").click();
    expect(await clipboard()).toBe(sent.code);
  });

  it("shows the authenticator app's current code, and sets MFA preferences through AdminSetUserMFAPreference", async () => {
    const details = await openUser("alice");
    const pill = details.locator(".codes .totp .code-pill");
    await pill.waitFor();
    const shown = await pill.innerText();
    const step = timeStep(Date.now());
    expect([totpCode(SECRET, step), totpCode(SECRET, step - 1)]).toContain(shown);
    expect(await details.locator(".codes .totp .countdown").innerText()).toMatch(/^\d+ s left$/);

    await details.locator(".mfa-enabled[data-factor=totp]").check();
    await details.locator(".mfa-preferred[data-factor=totp]").check();
    await details.locator("[data-action=save-mfa]").click();
    await row("alice").filter({ hasText: "TOTP" }).waitFor();
    expect(await getUser("alice")).toMatchObject({ PreferredMfaSetting: "SOFTWARE_TOKEN_MFA", UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] });
    // SMS MFA needs a phone number alice lacks: Cognito's refusal is shown, nothing changes.
    await details.locator(".mfa-enabled[data-factor=sms]").check();
    await details.locator("[data-action=save-mfa]").click();
    await toast("User does not have delivery config set to turn on SMS_MFA");
    expect((await getUser("alice")).UserMFASettingList).toEqual(["SOFTWARE_TOKEN_MFA"]);
  });

  it("re-renders from live updates keep an armed delete button, typed input and the focus", async () => {
    const details = await openUser("carl");
    await details.locator("[data-action=edit-attributes]").click();
    const input = details.locator("input.attr-new-value");
    await details.locator("input.attr-new-name").fill("given_name");
    await input.fill("typed before the update");
    await input.focus();
    const remove = details.locator("button.danger", { hasText: /Delete|Really delete/ });
    await remove.click();
    expect(await remove.innerText()).toBe("Really delete?");
    await input.focus();
    // Mark what is on the page now, so the test knows the update below replaced it.
    await page.evaluate(() => {
      for (const node of (globalThis as any).document.querySelectorAll("tr.details button.danger, input.attr-new-value")) node.dataset.stale = "1";
    });
    await idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: POOL, Username: "alice", UserAttributes: [{ Name: "name", Value: "Alice Updated" }] }));
    await row("alice").waitFor();
    await page.waitForFunction(() => !(globalThis as any).document.querySelector("input.attr-new-value[data-stale]"));
    expect(await details.locator("button.danger[data-stale]").count()).toBe(0);
    expect(await input.inputValue()).toBe("typed before the update");
    expect(await input.evaluate((node) => node === (globalThis as any).document.activeElement)).toBe(true);
    expect(await remove.innerText()).toBe("Really delete?");

    await remove.click();
    await row("carl").waitFor({ state: "detached" });
    await expect(getUser("carl")).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("mints tokens from the form, including expired ones the API then refuses", async () => {
    await page.goto(`${emu.url}/_emu/ui/#/tokens`);
    await page.locator("#mint-pool").waitFor();
    await page.fill("#mint-username", "bob");
    await page.fill("#mint-claims", '{"custom:plan": "pro"}');
    await page.click("#mint-submit");
    const access = page.locator("#mint-result [data-token=AccessToken] pre");
    await access.waitFor();
    const genuine = await access.innerText();
    await expect(idp.send(new GetUserCommand({ AccessToken: genuine }))).resolves.toMatchObject({ Username: "bob" });
    expect(JSON.parse(Buffer.from(genuine.split(".")[1], "base64url").toString())).toMatchObject({ username: "bob", "custom:plan": "pro" });

    await page.fill("#mint-lifetime", "-60");
    await page.click("#mint-submit");
    await page.waitForFunction((old) => (globalThis as any).document.querySelector("#mint-result [data-token=AccessToken] pre")?.textContent !== old, genuine);
    const expired = await access.innerText();
    await expect(idp.send(new GetUserCommand({ AccessToken: expired }))).rejects.toMatchObject({ message: "Access Token has expired" });

    await page.fill("#mint-lifetime", "");
    await page.selectOption("#mint-tamper", "signature");
    await page.click("#mint-submit");
    await page.waitForFunction((old) => (globalThis as any).document.querySelector("#mint-result [data-token=AccessToken] pre")?.textContent !== old, expired);
    await page.locator("#mint-result [data-token=IdToken] button", { hasText: "Decode" }).click();
    await page.locator("[data-verdict=Signature].bad").waitFor();
    expect(await page.locator("#decode-result").innerText()).toContain("does not verify it");
    await page.selectOption("#mint-tamper", "");
  });

  it("decodes a pasted token: header, claims, signature, expiry and the emulator's verdict", async () => {
    const { IdToken } = await signIn("bob");
    await page.goto(`${emu.url}/_emu/ui/#/tokens`);
    await page.fill("#decode-input", `Bearer ${IdToken}`);
    await page.locator("[data-verdict=Signature].good").waitFor();
    await page.locator("[data-verdict=Issuer].good").waitFor();
    await page.locator("[data-verdict=Expiry].good").waitFor();
    await page.locator("[data-verdict=Emulator].good", { hasText: "accepts it" }).waitFor();
    expect(JSON.parse(await page.locator("#decoded-claims").innerText())).toMatchObject({ "cognito:username": "bob", token_use: "id", aud: CLIENT });
    expect(JSON.parse(await page.locator("#decoded-header").innerText())).toMatchObject({ alg: "RS256" });
    await page.screenshot({ path: path.join(SHOTS, "console-tokens.png") });

    await page.fill("#decode-input", "not.a.token!");
    await page.locator("#decode-result .verdict.bad").waitFor();
  });

  it("filters the outbox and clears it", async () => {
    await idp.send(new SignUpCommand({ ClientId: CLIENT, Username: "erin", Password: "Passw0rd!", UserAttributes: [{ Name: "email", Value: "erin@example.com" }] }));
    await page.goto(`${emu.url}/_emu/ui/#/outbox`);
    await page.locator("tr.message", { hasText: "erin@example.com" }).waitFor();
    expect(await page.locator("tr.message").count()).toBeGreaterThan(1);
    await page.fill("#outbox-filter", "erin@");
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll("tr.message").length === 1);
    const [code] = (await emu.messages({ username: "erin" })).map((m) => m.code);
    await page.locator("tr.message button.copy").click();
    expect(await clipboard()).toBe(code);
    await page.fill("#outbox-filter", "");

    const clear = page.locator("button.danger", { hasText: /Clear outbox|Really clear/ });
    await clear.click();
    expect(await clear.innerText()).toBe("Really clear?");
    await clear.click();
    await page.locator("p.empty", { hasText: "Nothing sent yet" }).waitFor();
    expect(await emu.messages()).toEqual([]);
  });

  it("shows identity pools with their role mappings and identities, live, and deletes an identity", async () => {
    await page.goto(`${emu.url}/_emu/ui/#/identity-pools`);
    const card = page.locator(`section.identity[data-identity-pool="${IDENTITY_POOL}"]`);
    await card.waitFor();
    expect(await card.innerText()).toMatch(/cognito:groups Contains "admins"\s+→ arn:aws:iam::123456789012:role\/BenchAdmins/);
    await card.locator("p", { hasText: "No identities yet" }).waitFor();

    const identity = new CognitoIdentityClient({ endpoint: emu.url, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
    const { IdToken } = await signIn("bob");
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins: { [`cognito-idp.us-east-1.amazonaws.com/${POOL}`]: IdToken! } }));
    const identityRow = card.locator(`tr.identity-row[data-identity="${IdentityId}"]`);
    await identityRow.waitFor();
    expect(await identityRow.innerText()).toContain(`cognito-idp.us-east-1.amazonaws.com/${POOL}`);
    await page.screenshot({ path: path.join(SHOTS, "console-identities.png") });

    await identityRow.locator("button.danger").click();
    await identityRow.locator("button.danger", { hasText: "Really delete?" }).click();
    await identityRow.waitFor({ state: "detached" });
    expect((await identity.send(new ListIdentitiesCommand({ IdentityPoolId: IDENTITY_POOL, MaxResults: 10 }))).Identities).toEqual([]);
  });

  it("moves the clock by the buttons and by a custom duration, showing the offset", async () => {
    await page.goto(`${emu.url}/_emu/ui/#/pools/${POOL}/users`);
    await page.locator("#live.on").waitFor();
    expect(await page.locator("#clock-offset").innerText()).toBe("clock: real time");
    await page.click(".clock-step[data-seconds='60']");
    await page.locator("#clock-offset", { hasText: "clock +1 min" }).waitFor();
    await page.click(".clock-step[data-seconds='3600']");
    await page.click(".clock-step[data-seconds='86400']");
    await page.locator("#clock-offset", { hasText: "clock +1 d 1 h" }).waitFor();
    await page.fill("#clock-custom", "1h30m");
    await page.press("#clock-custom", "Enter");
    await page.locator("#clock-offset", { hasText: "clock +1 d 2 h" }).waitFor();
    expect(emu.clock.offsetSeconds()).toBe(60 + 3600 + 86400 + 5400);
    await page.fill("#clock-custom", "soon");
    await page.press("#clock-custom", "Enter");
    await toast("Give a duration");
    expect(emu.clock.offsetSeconds()).toBe(60 + 3600 + 86400 + 5400);
  });

  it("downloads /_emu/state", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-state")]);
    expect(download.suggestedFilename()).toBe("cognito-emu-state.json");
    const state = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
    expect(state.UserPools[0].Id).toBe(POOL);
    expect(state.UserPools[0].Users.map((u: { Username: string }) => u.Username)).toContain("erin");
  });

  it("resets to the fixtures after asking once more: created users, messages and the clock offset go", async () => {
    await row("erin").waitFor();
    const reset = page.locator(".side-actions button", { hasText: /Reset to fixtures|Really reset/ });
    await reset.click();
    expect(await reset.innerText()).toBe("Really reset?");
    await reset.click();
    await row("erin").waitFor({ state: "detached" });
    await row("carl").waitFor();
    await page.locator("#clock-offset", { hasText: "clock: real time" }).waitFor();
    expect(emu.clock.offsetSeconds()).toBe(0);
    await expect(getUser("erin")).rejects.toMatchObject({ name: "UserNotFoundException" });
    expect(await attributesOf("bob")).toMatchObject({ name: "Bob Example" });
  });

  it("renders the workbench: a screenshot of a user's details, codes and tokens", async () => {
    // alice's fixture secret turns TOTP MFA on: her sign-in answers the authenticator app's code.
    const challenge = await idp.send(new InitiateAuthCommand({ ClientId: CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" } }));
    expect(challenge.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: CLIENT,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: "alice", SOFTWARE_TOKEN_MFA_CODE: totpCode(SECRET, timeStep(Date.now())) },
      }),
    );
    await idp.send(new SignUpCommand({ ClientId: CLIENT, Username: "frank", Password: "Passw0rd!", UserAttributes: [{ Name: "email", Value: "frank@example.com" }] }));
    await page.goto(`${emu.url}/_emu/ui/#/pools/${POOL}/users`);
    await page.locator("#live.on").waitFor();
    const details = await openUser("alice");
    await details.locator(".token-item .badge", { hasText: "valid" }).waitFor();
    await page.click(".clock-step[data-seconds='3600']");
    await toast("Clock moved 1 h on");
    await page.locator("#clock-offset", { hasText: "clock +1 h" }).waitFor();
    await details.locator(".token-item .badge", { hasText: "expired" }).waitFor();
    await page.waitForFunction(() => !(globalThis as any).document.querySelector("#toast.show"));
    await page.waitForTimeout(300); // the toast's fade
    const png = await page.screenshot({ path: path.join(SHOTS, "console-workbench.png") });
    expect(png.length).toBeGreaterThan(20_000);
    if (process.env.COGNITO_EMU_UPDATE_DOCS === "1") fs.writeFileSync(DOCS_SHOT, png);
  });
});
