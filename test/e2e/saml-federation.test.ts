import { AdminGetUserCommand, type CognitoIdentityProviderClient, GetSigningCertificateCommand } from "@aws-sdk/client-cognito-identity-provider";
import jwt from "jsonwebtoken";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient } from "../support/emulator";
import { Cookies, redirectParams, startOAuthTestEmulator } from "../support/oauth";
import { type SamlIdp, startSamlIdp } from "../support/saml-idp";

/**
 * SAML 2.0 federation of a user pool, end to end against real IdPs built with samlify: SP-initiated
 * sign-in by both bindings (signed and unsigned AuthnRequests, plain and encrypted assertions),
 * IdP-initiated sign-in, every check /saml2/idpresponse makes, and single logout.
 *
 * Evidence for Cognito's answers: a refused response goes back to the app as `error=server_error` with
 * `error_description=Invalid SAML response received: SAML Assertion signature is invalid. ` (the
 * callback URL quoted in aws/aws-sdk-js-v3#6201, trailing space included); a response Cognito cannot
 * place is "Invalid samlResponse or relayState from identity provider" (gaiin-platform/amplify-genai-backend#25,
 * IdP-initiated sign-in without IDPInit). IdP-initiated RelayState carries /oauth2/authorize's parameters
 * (developer guide, "The IdP SAML assertion endpoint"); the LogoutRequest is HTTP-Redirect, signed with
 * rsa-sha256, and the LogoutResponse comes back to /saml2/logout by POST (developer guide, "SAML sign-out flow").
 */

const POOL = "us-east-1_SamlFed01";
const WEB = "samlwebclient000000000001";
const CALLBACK = "http://localhost:3000/callback";
const SIGNED_OUT = "http://localhost:3000/signed-out";
const SP_ENTITY = `urn:amazon:cognito:sp:${POOL}`;
const SIGNATURE_INVALID = "Invalid SAML response received: SAML Assertion signature is invalid. ";

let corp: SamlIdp; // HTTP-Redirect binding, unsigned requests, IdP-initiated allowed, single logout
let secure: SamlIdp; // HTTP-POST binding, wants signed requests, encrypted responses
let emu: RunningEmulator;
let cognito: CognitoIdentityProviderClient;

const jane = { nameId: "jane@example.com", attributes: { email: "jane@example.com", name: "Jane Doe", "http://schemas.xmlsoap.org/claims/Group": ["ops", "dev"] } };

beforeAll(async () => {
  corp = await startSamlIdp({ user: jane });
  secure = await startSamlIdp({ user: { nameId: "sam", nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", attributes: { mail: "sam@example.com" } }, ssoBinding: "post", wantAuthnRequestsSigned: true });
  secure.responseOptions = { encrypt: true };
  emu = await startOAuthTestEmulator({
    UserPools: [
      {
        Id: POOL,
        PoolName: "saml-federation",
        Schema: [{ Name: "groups", AttributeDataType: "String", Mutable: true }],
        IdentityProviders: [
          {
            ProviderName: "Corp",
            ProviderType: "SAML",
            // A loopback MetadataURL is fetched at sign-in.
            ProviderDetails: { MetadataURL: corp.metadataUrl, IDPInit: "true", IDPSignout: "true" },
            AttributeMapping: { email: "email", name: "name", "custom:groups": "http://schemas.xmlsoap.org/claims/Group" },
            IdpIdentifiers: ["corp.example"],
          },
          {
            ProviderName: "Secure",
            ProviderType: "SAML",
            // Inline metadata, as a fixture declares it.
            ProviderDetails: { MetadataFile: secure.metadata, EncryptedResponses: "true", RequestSigningAlgorithm: "rsa-sha256" },
            AttributeMapping: { email: "mail" },
          },
          { ProviderName: "Elsewhere", ProviderType: "SAML", ProviderDetails: { MetadataURL: "https://idp.elsewhere.example/metadata" } },
        ],
        Clients: [
          {
            ClientId: WEB,
            ClientName: "web",
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthFlows: ["code"],
            AllowedOAuthScopes: ["openid", "email", "profile"],
            CallbackURLs: [CALLBACK],
            LogoutURLs: [SIGNED_OUT],
            SupportedIdentityProviders: ["Corp", "Secure", "Elsewhere"],
          },
        ],
      },
    ],
  });
  cognito = idpClient(emu);
  const { Certificate } = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: POOL }));
  for (const idp of [corp, secure]) idp.trust({ entityId: SP_ENTITY, acsUrl: `${emu.url}/saml2/idpresponse`, sloUrl: `${emu.url}/saml2/logout`, certificate: Certificate });
});
afterAll(async () => {
  cognito?.destroy();
  await emu?.stop();
  await corp?.stop();
  await secure?.stop();
});

const authorizeUrl = (params: Record<string, string>) =>
  `${emu.url}/oauth2/authorize?${new URLSearchParams({ client_id: WEB, redirect_uri: CALLBACK, response_type: "code", scope: "openid email profile", state: "app-state", ...params })}`;

/** Hidden fields of an auto-posting HTML form (the emulator's, or the test IdP's). */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const text = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const action = text(/<form method="post" action="([^"]*)"/.exec(html)![1]);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)) fields[text(match[1])] = text(match[2]);
  return { action, fields };
}

const post = (url: string, fields: Record<string, string>, cookies?: Cookies) =>
  fetch(url, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies?.header() ?? "" }, body: new URLSearchParams(fields) });

/** The browser's part up to the IdP: /oauth2/authorize, then the AuthnRequest by the IdP's binding; returns the IdP's sign-in page. */
async function toIdp(idp: SamlIdp, params: Record<string, string>): Promise<{ requestId: string; relayState: string }> {
  const authorize = await fetch(authorizeUrl(params), { redirect: "manual" });
  let page: Response;
  if (authorize.status === 302) {
    const location = authorize.headers.get("location")!;
    expect(location.startsWith(`${idp.url}/sso?SAMLRequest=`)).toBe(true);
    page = await fetch(location);
  } else {
    expect(authorize.status).toBe(200);
    const form = formOf(await authorize.text());
    expect(form.action).toBe(`${idp.url}/sso`);
    page = await post(form.action, form.fields);
  }
  if (page.status !== 200) throw new Error(await page.text());
  const seen = idp.seen.authnRequests.at(-1)!;
  return { requestId: seen.id, relayState: seen.relayState! };
}

/** The IdP's answer, posted back by the browser to /saml2/idpresponse. */
async function toCognito(idp: SamlIdp, requestId: string, relayState: string, cookies = new Cookies()): Promise<Record<string, string>> {
  const approval = await post(`${idp.url}/sso/approve`, { id: requestId, relayState });
  const form = formOf(await approval.text());
  expect(form.action).toBe(`${emu.url}/saml2/idpresponse`);
  const answered = await post(form.action, form.fields, cookies);
  cookies.store(answered);
  expect(answered.status).toBe(302);
  return redirectParams(answered.headers.get("location"));
}

async function tokensFor(code: string): Promise<{ id_token: string; access_token: string }> {
  const response = await post(`${emu.url}/oauth2/token`, { grant_type: "authorization_code", client_id: WEB, code, redirect_uri: CALLBACK });
  expect(response.status).toBe(200);
  return (await response.json()) as { id_token: string; access_token: string };
}

/** What /saml2/idpresponse answers a response of the pending sign-in `pending` with. */
async function answerTo(pending: { relayState: string }, samlResponse: string): Promise<Record<string, string>> {
  const answered = await post(`${emu.url}/saml2/idpresponse`, { SAMLResponse: samlResponse, RelayState: pending.relayState });
  expect(answered.status).toBe(302);
  return redirectParams(answered.headers.get("location"));
}

describe("SP-initiated SAML sign-in", () => {
  it("redirect binding: the IdP's signed assertion signs the user in with the mapped attributes", async () => {
    const pending = await toIdp(corp, { identity_provider: "Corp" });
    expect(corp.seen.authnRequests.at(-1)).toMatchObject({ binding: "redirect", signed: false });
    expect(pending.requestId).toMatch(/^_/);
    const back = await toCognito(corp, pending.requestId, pending.relayState);
    expect(back).toMatchObject({ state: "app-state", code: expect.any(String) });
    const claims = jwt.decode((await tokensFor(back.code)).id_token) as Record<string, unknown>;
    // A multi-valued attribute is one string, as a real Cognito ID token shows it (oauth2-proxy/oauth2-proxy#1765).
    expect(claims).toMatchObject({ "cognito:username": "Corp_jane@example.com", email: "jane@example.com", name: "Jane Doe", "custom:groups": "[ops, dev]" });
    expect(claims.identities).toEqual([expect.objectContaining({ userId: "jane@example.com", providerName: "Corp", providerType: "SAML", primary: "true" })]);
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "Corp_jane@example.com" }));
    expect(user.UserStatus).toBe("EXTERNAL_PROVIDER");
  });

  it("idp_identifier finds the provider too", async () => {
    const pending = await toIdp(corp, { idp_identifier: "corp.example" });
    expect((await toCognito(corp, pending.requestId, pending.relayState)).code).toBeDefined();
  });

  it("POST binding with a signed AuthnRequest the IdP verifies, and an encrypted assertion (EncryptedResponses)", async () => {
    const pending = await toIdp(secure, { identity_provider: "Secure" });
    // The test IdP refuses an AuthnRequest whose signature does not verify with GetSigningCertificate's certificate.
    expect(secure.seen.authnRequests.at(-1)).toMatchObject({ binding: "post", signed: true });
    const back = await toCognito(secure, pending.requestId, pending.relayState);
    const claims = jwt.decode((await tokensFor(back.code)).id_token) as Record<string, unknown>;
    expect(claims).toMatchObject({ "cognito:username": "Secure_sam", email: "sam@example.com" });
  });

  it("a provider without usable metadata (not on this machine) is still played by the stand-in page", async () => {
    const authorize = await fetch(authorizeUrl({ identity_provider: "Elsewhere" }), { redirect: "manual" });
    expect(authorize.headers.get("location")).toMatch(/^\/_emu\/idp\?state=/);
  });
});

describe("/saml2/idpresponse refuses", () => {
  it("a tampered response", async () => {
    const pending = await toIdp(corp, { identity_provider: "Corp" });
    const signed = Buffer.from(await corp.response({ inResponseTo: pending.requestId }), "base64").toString();
    const tampered = signed.replace(">Jane Doe<", ">Mallory<");
    expect(tampered).not.toBe(signed);
    expect(await answerTo(pending, Buffer.from(tampered).toString("base64"))).toEqual({ error: "server_error", error_description: SIGNATURE_INVALID, state: "app-state" });
  });

  it("an unsigned response (Cognito wants the response or its assertion signed)", async () => {
    const pending = await toIdp(corp, { identity_provider: "Corp" });
    expect(await answerTo(pending, await corp.response({ inResponseTo: pending.requestId, sign: "none" }))).toMatchObject({ error: "server_error", error_description: SIGNATURE_INVALID });
  });

  it("a response signed by another key than the metadata's", async () => {
    const pending = await toIdp(corp, { identity_provider: "Corp" });
    expect(await answerTo(pending, await secure.response({ inResponseTo: pending.requestId, issuer: corp.entityId }))).toMatchObject({ error_description: SIGNATURE_INVALID });
  });

  it("an expired response, whether issued long ago or outlived on the emulator's clock", async () => {
    let pending = await toIdp(corp, { identity_provider: "Corp" });
    const old = await corp.response({ inResponseTo: pending.requestId, issuedAt: new Date(Date.now() - 600_000) });
    expect(await answerTo(pending, old)).toMatchObject({ error: "server_error", error_description: "Invalid SAML response received: SAML Assertion has expired. " });
    pending = await toIdp(corp, { identity_provider: "Corp" });
    const fresh = await corp.response({ inResponseTo: pending.requestId, validForSeconds: 120 });
    await emu.clock.advance(121);
    try {
      expect(await answerTo(pending, fresh)).toMatchObject({ error_description: "Invalid SAML response received: SAML Assertion has expired. " });
    } finally {
      await emu.clock.advance(-121);
    }
  });

  it("a response for another audience, recipient or issuer, or answering another request", async () => {
    const cases: Array<[Parameters<SamlIdp["response"]>[0], string]> = [
      [{ audience: "urn:amazon:cognito:sp:us-east-1_SomeOther" }, "SAML Assertion audience is invalid."],
      [{ recipient: "http://127.0.0.1:1/saml2/idpresponse" }, "SAML Assertion recipient is invalid."],
      [{ issuer: "https://impostor.example" }, "SAML Assertion issuer is invalid."],
      [{ inResponseTo: "_someone-elses-request" }, "SAML Response InResponseTo is invalid."],
    ];
    for (const [options, reason] of cases) {
      const pending = await toIdp(corp, { identity_provider: "Corp" });
      const response = await corp.response({ inResponseTo: pending.requestId, ...options });
      expect(await answerTo(pending, response)).toMatchObject({ error: "server_error", error_description: `Invalid SAML response received: ${reason} ` });
    }
  });

  it("a plain assertion from a provider with EncryptedResponses", async () => {
    const pending = await toIdp(secure, { identity_provider: "Secure" });
    expect(await answerTo(pending, await secure.response({ inResponseTo: pending.requestId }))).toMatchObject({
      error_description: "Invalid SAML response received: SAML Assertion is not encrypted. ",
    });
  });

  it("a response no sign-in is waiting for", async () => {
    const answered = await post(`${emu.url}/saml2/idpresponse`, { SAMLResponse: await corp.response(), RelayState: "no-such-sign-in" });
    expect(answered.status).toBe(400);
    expect(await answered.text()).toContain("Invalid samlResponse or relayState from identity provider");
  });
});

describe("IdP-initiated SAML sign-in", () => {
  const relayState = (provider: string) => new URLSearchParams({ identity_provider: provider, client_id: WEB, redirect_uri: CALLBACK, response_type: "code", scope: "openid email" }).toString();

  it("with IDPInit, an unsolicited response whose RelayState carries the authorization request signs the user in", async () => {
    const answered = await post(`${emu.url}/saml2/idpresponse`, { SAMLResponse: await corp.response(), RelayState: relayState("Corp") });
    expect(answered.status).toBe(302);
    const back = redirectParams(answered.headers.get("location"));
    const claims = jwt.decode((await tokensFor(back.code)).id_token) as Record<string, unknown>;
    expect(claims).toMatchObject({ "cognito:username": "Corp_jane@example.com", email: "jane@example.com" });
  });

  it("takes each assertion once", async () => {
    const response = await corp.response();
    expect((await post(`${emu.url}/saml2/idpresponse`, { SAMLResponse: response, RelayState: relayState("Corp") })).status).toBe(302);
    const again = await post(`${emu.url}/saml2/idpresponse`, { SAMLResponse: response, RelayState: relayState("Corp") });
    expect(redirectParams(again.headers.get("location"))).toMatchObject({ error: "server_error", error_description: "Invalid SAML response received: SAML Assertion has already been used. " });
  });

  it("refuses a response answering a request, and a provider without IDPInit", async () => {
    const solicited = await post(`${emu.url}/saml2/idpresponse`, { SAMLResponse: await corp.response({ inResponseTo: "_some-request" }), RelayState: relayState("Corp") });
    expect(redirectParams(solicited.headers.get("location"))).toMatchObject({ error_description: "Invalid SAML response received: SAML Response InResponseTo is invalid. " });
    const notAllowed = await post(`${emu.url}/saml2/idpresponse`, { SAMLResponse: await secure.response({ encrypt: true }), RelayState: relayState("Secure") });
    expect(notAllowed.status).toBe(400);
    expect(await notAllowed.text()).toContain("Invalid samlResponse or relayState from identity provider");
  });
});

describe("SAML single logout (IDPSignout)", () => {
  it("/logout sends a signed LogoutRequest to the IdP, whose LogoutResponse leads on to the logout_uri", async () => {
    const cookies = new Cookies();
    const pending = await toIdp(corp, { identity_provider: "Corp" });
    expect((await toCognito(corp, pending.requestId, pending.relayState, cookies)).code).toBeDefined();

    const logout = await fetch(`${emu.url}/logout?${new URLSearchParams({ client_id: WEB, logout_uri: SIGNED_OUT })}`, { redirect: "manual", headers: { cookie: cookies.header() } });
    expect(logout.status).toBe(302);
    const toIdpLogout = new URL(logout.headers.get("location")!);
    expect(`${toIdpLogout.origin}${toIdpLogout.pathname}`).toBe(`${corp.url}/slo`);
    expect(toIdpLogout.searchParams.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    expect(toIdpLogout.searchParams.get("Signature")).toBeTruthy();

    // The test IdP verifies the LogoutRequest's signature against the pool's certificate before answering.
    const idpAnswer = await fetch(toIdpLogout);
    expect(idpAnswer.status).toBe(200);
    expect(corp.seen.logoutRequests.at(-1)).toMatchObject({ nameId: "jane@example.com" });
    const form = formOf(await idpAnswer.text());
    expect(form.action).toBe(`${emu.url}/saml2/logout`);
    const back = await post(form.action, form.fields);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(SIGNED_OUT);

    // The browser's pool session is over: the next sign-in goes back to the IdP.
    const again = await fetch(authorizeUrl({ identity_provider: "Corp" }), { redirect: "manual", headers: { cookie: cookies.header() } });
    expect(again.headers.get("location")).toContain(`${corp.url}/sso?`);
  });

  it("a LogoutResponse nobody is waiting for is refused", async () => {
    const answered = await post(`${emu.url}/saml2/logout`, { SAMLResponse: "PHg+", RelayState: "nothing-pending" });
    expect(answered.status).toBe(400);
  });
});
