import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { type CognitoIdentityProviderClient, GetSigningCertificateCommand } from "@aws-sdk/client-cognito-identity-provider";
import jwt from "jsonwebtoken";
import type { Browser, Page } from "playwright-core";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient } from "../support/emulator";
import { startOAuthTestEmulator } from "../support/oauth";
import { type SamlIdp, startSamlIdp } from "../support/saml-idp";
import { describeWithChromium, launchChromium } from "./chromium";

const POOL = "us-east-1_SamlBrow01";
const WEB = "samlbrowserclient00000001";
const SHOTS = process.env.COGNITO_EMU_SCREENSHOTS || path.join(os.tmpdir(), "cognito-emu-screenshots");

/** The app the hosted UI sends users back to: it records each callback URL. */
async function startApp(): Promise<{ url: string; callbacks: URL[]; stop(): Promise<void> }> {
  const callbacks: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, `http://${req.headers.host}`);
    if (url.pathname === "/callback") callbacks.push(url);
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>App</title><h1>Signed in to the app</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, callbacks, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

describeWithChromium("SAML federation in Chromium", () => {
  jest.setTimeout(60_000);
  let samlIdp: SamlIdp;
  let postIdp: SamlIdp;
  let app: Awaited<ReturnType<typeof startApp>>;
  let emu: RunningEmulator;
  let cognito: CognitoIdentityProviderClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startApp();
    samlIdp = await startSamlIdp({
      user: { nameId: "ada@corp.example", attributes: { email: "ada@corp.example", given_name: "Ada", family_name: "Lovelace", department: "Engineering" } },
      // The IdP wants AuthnRequests signed: Chromium carries the pool's signature there.
      wantAuthnRequestsSigned: true,
    });
    // Its metadata offers the HTTP-POST binding only, and it encrypts assertions to the pool's certificate.
    postIdp = await startSamlIdp({ user: { nameId: "grace", nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", attributes: { email: "grace@corp.example" } }, ssoBinding: "post" });
    postIdp.responseOptions = { encrypt: true };
    emu = await startOAuthTestEmulator({
      UserPools: [
        {
          Id: POOL,
          PoolName: "Corp Sign-in",
          Schema: [{ Name: "department", AttributeDataType: "String", Mutable: true }],
          IdentityProviders: [
            {
              ProviderName: "Corp",
              ProviderType: "SAML",
              ProviderDetails: { MetadataURL: samlIdp.metadataUrl, IDPInit: "true" },
              AttributeMapping: { email: "email", given_name: "given_name", family_name: "family_name", "custom:department": "department" },
            },
            { ProviderName: "CorpPost", ProviderType: "SAML", ProviderDetails: { MetadataFile: postIdp.metadata, EncryptedResponses: "true" }, AttributeMapping: { email: "email" } },
          ],
          Clients: [
            {
              ClientId: WEB,
              ClientName: "web",
              AllowedOAuthFlowsUserPoolClient: true,
              AllowedOAuthFlows: ["code"],
              AllowedOAuthScopes: ["openid", "email", "profile"],
              CallbackURLs: [`${app.url}/callback`],
              SupportedIdentityProviders: ["COGNITO", "Corp", "CorpPost"],
            },
          ],
        },
      ],
    });
    cognito = idpClient(emu);
    const { Certificate } = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: POOL }));
    for (const idp of [samlIdp, postIdp]) idp.trust({ entityId: `urn:amazon:cognito:sp:${POOL}`, acsUrl: `${emu.url}/saml2/idpresponse`, certificate: Certificate });
    browser = await launchChromium();
  });

  beforeEach(async () => {
    page = await (await browser.newContext()).newPage();
  });
  afterEach(async () => page?.context().close());
  afterAll(async () => {
    await browser?.close();
    cognito?.destroy();
    await emu?.stop();
    await samlIdp?.stop();
    await postIdp?.stop();
    await app?.stop();
  });

  async function tokensFromCallback(): Promise<Record<string, unknown>> {
    await page.waitForURL((url) => url.toString().startsWith(`${app.url}/callback`));
    const callback = app.callbacks.at(-1)!;
    const code = callback.searchParams.get("code");
    expect(code).toBeTruthy();
    const response = await fetch(`${emu.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: WEB, code: code!, redirect_uri: `${app.url}/callback` }),
    });
    expect(response.status).toBe(200);
    const { id_token } = (await response.json()) as { id_token: string };
    return jwt.decode(id_token) as Record<string, unknown>;
  }

  it("SP-initiated: the login page's button, the IdP's sign-in, and tokens with the mapped attributes", async () => {
    await page.goto(`${emu.url}/oauth2/authorize?${new URLSearchParams({ client_id: WEB, redirect_uri: `${app.url}/callback`, response_type: "code", scope: "openid email profile", state: "st" })}`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.click("text=Continue with Corp");
    // At the IdP: it verified the signed AuthnRequest before showing its page.
    await expect(page.locator("h1").textContent()).resolves.toBe("Test SAML IdP");
    expect(samlIdp.seen.authnRequests.at(-1)).toMatchObject({ binding: "redirect", signed: true });
    await page.screenshot({ path: path.join(SHOTS, "saml-idp.png") });
    await page.click("text=Sign in");
    const claims = await tokensFromCallback();
    expect(app.callbacks.at(-1)!.searchParams.get("state")).toBe("st");
    expect(claims).toMatchObject({
      "cognito:username": "Corp_ada@corp.example",
      email: "ada@corp.example",
      given_name: "Ada",
      family_name: "Lovelace",
      "custom:department": "Engineering",
    });
    expect(claims.identities).toEqual([expect.objectContaining({ providerName: "Corp", providerType: "SAML", userId: "ada@corp.example" })]);
  });

  it("HTTP-POST binding: the browser posts the AuthnRequest by itself, and the encrypted assertion signs the user in", async () => {
    await page.goto(`${emu.url}/oauth2/authorize?${new URLSearchParams({ client_id: WEB, redirect_uri: `${app.url}/callback`, response_type: "code", scope: "openid email", identity_provider: "CorpPost" })}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Test SAML IdP");
    expect(postIdp.seen.authnRequests.at(-1)).toMatchObject({ binding: "post" });
    await page.click("text=Sign in");
    expect(await tokensFromCallback()).toMatchObject({ "cognito:username": "CorpPost_grace", email: "grace@corp.example" });
  });

  it("IdP-initiated: the IdP's portal posts an unsolicited response that signs the user in", async () => {
    const relayState = new URLSearchParams({ identity_provider: "Corp", client_id: WEB, redirect_uri: `${app.url}/callback`, response_type: "code", scope: "openid email profile" });
    await page.goto(`${samlIdp.url}/idp-init?${new URLSearchParams({ RelayState: relayState.toString() })}`);
    const claims = await tokensFromCallback();
    expect(claims).toMatchObject({ "cognito:username": "Corp_ada@corp.example", "custom:department": "Engineering" });
  });
});
