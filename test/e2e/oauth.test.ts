import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  type CognitoIdentityProviderClient,
  CreateIdentityProviderCommand,
  CreateManagedLoginBrandingCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  GetUserCommand,
  ListResourceServersCommand,
  UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import * as client from "openid-client";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, tempDir } from "../support/emulator";
import { Cookies, redirectParams, startOAuthTestEmulator } from "../support/oauth";
import { type OidcProvider, startOidcProvider } from "../support/oidc-provider";

const POOL = "us-east-1_OAuthE2E1";
const WEB = "oauthwebclient00000000001";
const SERVICE = "oauthm2mclient00000000001";
const SERVICE_SECRET = "oauthm2msecret000000000000000000000000000000000001";
const CALLBACK = "http://localhost:3000/callback";

const triggers = tempDir("cognito-emu-oauth-triggers-");
fs.writeFileSync(
  path.join(triggers, "pre-sign-up.js"),
  `exports.handler = async (event) => {
     require("fs").appendFileSync(${JSON.stringify(path.join(triggers, "events.jsonl"))}, JSON.stringify(event) + "\\n");
     if (event.request.userAttributes.email === "blocked@example.com") throw new Error("blocked address");
     if (event.triggerSource === "PreSignUp_ExternalProvider") event.response.autoVerifyEmail = true;
     return event;
   };`,
);
fs.writeFileSync(
  path.join(triggers, "pre-token.js"),
  `exports.handler = async (event) => {
     require("fs").appendFileSync(${JSON.stringify(path.join(triggers, "events.jsonl"))}, JSON.stringify(event) + "\\n");
     return event;
   };`,
);
const triggerEvents = () =>
  fs.existsSync(path.join(triggers, "events.jsonl"))
    ? fs.readFileSync(path.join(triggers, "events.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line))
    : [];

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "oauth",
      LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:preSignUp", PreTokenGeneration: "arn:aws:lambda:us-east-1:123456789012:function:preToken" },
      Clients: [
        {
          ClientId: WEB,
          ClientName: "web",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code", "implicit"],
          AllowedOAuthScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
          CallbackURLs: [CALLBACK],
          LogoutURLs: ["http://localhost:3000/signed-out"],
          SupportedIdentityProviders: ["COGNITO"],
        },
        {
          ClientId: SERVICE,
          ClientName: "service",
          ClientSecret: SERVICE_SECRET,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["orders/read", "orders/write"],
        },
      ],
      ResourceServers: [
        { Identifier: "orders", Name: "Orders API", Scopes: [{ ScopeName: "read", ScopeDescription: "read orders" }, { ScopeName: "write", ScopeDescription: "write orders" }] },
      ],
      Domain: "oauth-e2e",
      Users: [
        { Username: "ann", Password: "Passw0rd!", Attributes: { email: "ann@example.com", email_verified: "true", name: "Ann", phone_number: "+15555550100" } },
        { Username: "fresh", Password: "Temp0rary!", UserStatus: "FORCE_CHANGE_PASSWORD" },
      ],
    },
  ],
  Functions: { preSignUp: path.join(triggers, "pre-sign-up.js"), preToken: path.join(triggers, "pre-token.js") },
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

beforeAll(async () => {
  emu = await startOAuthTestEmulator(fixture);
  idp = idpClient(emu);
});
afterAll(async () => {
  idp?.destroy();
  await emu?.stop();
});

/** Signs in on the hosted UI the way a browser would, returning where it was sent back to. */
async function signInThroughHostedUi(authorizeUrl: string, username: string, password: string, cookies = new Cookies()): Promise<string> {
  const authorize = await fetch(authorizeUrl, { redirect: "manual", headers: { cookie: cookies.header() } });
  expect(authorize.status).toBe(302);
  const loginUrl = new URL(authorize.headers.get("location")!, emu.url);
  if (!loginUrl.pathname.startsWith("/login")) return loginUrl.toString();
  const page = await fetch(loginUrl);
  expect(await page.text()).toContain('name="password"');
  const submitted = await fetch(loginUrl, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }),
  });
  cookies.store(submitted);
  expect(submitted.status).toBe(302);
  return submitted.headers.get("location")!;
}

function authorizeUrl(params: Record<string, string>): string {
  return `${emu.url}/oauth2/authorize?${new URLSearchParams({ client_id: WEB, redirect_uri: CALLBACK, response_type: "code", ...params })}`;
}

async function discover(clientId: string, secret?: string): Promise<client.Configuration> {
  return client.discovery(new URL(`${emu.url}/${POOL}`), clientId, secret, secret ? client.ClientSecretBasic(secret) : client.None(), {
    execute: [client.allowInsecureRequests],
  });
}

describe("OAuth 2.0 and OIDC with openid-client", () => {
  it("authorization code with PKCE, then refresh, userInfo and revocation", async () => {
    const config = await discover(WEB);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid email profile",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    expect(url.origin + url.pathname).toBe(`${emu.url}/oauth2/authorize`);

    const callback = await signInThroughHostedUi(url.toString(), "ann", "Passw0rd!");
    expect(callback.startsWith(CALLBACK)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });

    // One sign-in on the hosted UI runs the pre token generation trigger once, as HostedAuth.
    const tokenEvents = () => triggerEvents().filter((e) => String(e.triggerSource).startsWith("TokenGeneration_") && e.userName === "ann");
    expect(tokenEvents().map((e) => e.triggerSource)).toEqual(["TokenGeneration_HostedAuth"]);

    const id = tokens.claims()!;
    expect(id).toMatchObject({ iss: `${emu.url}/${POOL}`, aud: WEB, "cognito:username": "ann", email: "ann@example.com", email_verified: true, nonce, token_use: "id" });
    expect(id.at_hash).toBe(createHash("sha256").update(tokens.access_token).digest().subarray(0, 16).toString("base64url"));
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({ scope: "openid email profile", version: 2, client_id: WEB, username: "ann", token_use: "access" });
    expect(tokens.refresh_token).toBeDefined();
    expect(tokens.token_type.toLowerCase()).toBe("bearer");

    const info = await client.fetchUserInfo(config, tokens.access_token, id.sub);
    expect(info).toEqual({ sub: id.sub, name: "Ann", email: "ann@example.com", email_verified: "true", username: "ann" });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ scope: "openid email profile", version: 2, origin_jti: access.origin_jti });
    expect(refreshed.claims()?.sub).toBe(id.sub);
    expect(refreshed.refresh_token).toBeUndefined();

    await client.tokenRevocation(config, tokens.refresh_token!);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    const revokedInfo = await fetch(`${emu.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(revokedInfo.status).toBe(401);
    expect(revokedInfo.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("client credentials with resource-server scopes", async () => {
    const config = await discover(SERVICE, SERVICE_SECRET);
    const all = await client.clientCredentialsGrant(config);
    expect(all.id_token).toBeUndefined();
    expect(all.refresh_token).toBeUndefined();
    expect(decodeJwt(all.access_token)).toMatchObject({ sub: SERVICE, client_id: SERVICE, scope: "orders/read orders/write", token_use: "access", version: 2 });
    const narrow = await client.clientCredentialsGrant(config, { scope: "orders/read" });
    expect(decodeJwt(narrow.access_token).scope).toBe("orders/read");
    await expect(client.clientCredentialsGrant(config, { scope: "orders/delete" })).rejects.toMatchObject({ error: "invalid_scope" });
  });

  it("lists the endpoints in the discovery document on the emulator", async () => {
    const config = await discover(WEB);
    const metadata = config.serverMetadata();
    for (const endpoint of ["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "revocation_endpoint", "end_session_endpoint"] as const) {
      expect(String(metadata[endpoint]).startsWith(emu.url)).toBe(true);
    }
  });
});

describe("authorize endpoint", () => {
  it("never redirects to an unregistered URI, and sends the other errors back to the app", async () => {
    const mismatch = await fetch(authorizeUrl({ redirect_uri: "https://evil.example/cb" }), { redirect: "manual" });
    expect(mismatch.headers.get("location")).toBe(`/error?error=redirect_mismatch&client_id=${WEB}&redirect_uri=${encodeURIComponent("https://evil.example/cb")}`);
    const errorPage = await fetch(new URL(mismatch.headers.get("location")!, emu.url));
    expect(errorPage.status).toBe(400);
    const page = await errorPage.text();
    expect(page).toContain("An error was encountered with the requested page.");
    // It names the URI refused and the ones the client allows, as text.
    expect(page).toContain("Refused: <code>https://evil.example/cb</code>");
    expect(page).toContain(`The app client's callback URLs (CallbackURLs), one of which must match exactly:</p><ul class="hint"><li><code>${CALLBACK}</code></li>`);
    expect(page).not.toContain("<a ");
    const pageFor = async (query: string) => (await fetch(`${emu.url}/error?error=redirect_mismatch&client_id=${WEB}&${query}`)).text();
    expect(await pageFor("redirect_uri=")).toContain("No redirect_uri was given, and the app client has no DefaultRedirectURI.");
    expect(await pageFor(`redirect_uri=${encodeURIComponent("<script>x</script>")}`)).toContain("Refused: <code>&lt;script&gt;x&lt;/script&gt;</code>");

    const unknownClient = await fetch(authorizeUrl({ client_id: "nosuchclient" }), { redirect: "manual" });
    expect(unknownClient.headers.get("location")).toMatch(/^\/error\?error=invalid_request/);

    const cases: Array<[Record<string, string>, string]> = [
      [{ scope: "email" }, "invalid_scope"],
      [{ scope: "openid orders/read" }, "invalid_scope"],
      [{ response_type: "id_token" }, "unsupported_response_type"],
      [{ code_challenge: "abc", code_challenge_method: "plain" }, "invalid_request"],
      [{ code_challenge: "abc" }, "invalid_request"],
      [{ identity_provider: "Google" }, "invalid_request"],
    ];
    for (const [params, error] of cases) {
      const response = await fetch(authorizeUrl({ state: "s1", ...params }), { redirect: "manual" });
      expect(redirectParams(response.headers.get("location"))).toMatchObject({ error, state: "s1" });
    }
  });

  it("issues single-use codes that expire after five minutes and must match redirect_uri and the PKCE verifier", async () => {
    const exchange = (code: string, extra: Record<string, string> = {}) =>
      fetch(`${emu.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", client_id: WEB, code, redirect_uri: CALLBACK, ...extra }),
      });
    const codeOf = async (params: Record<string, string> = {}) => redirectParams(await signInThroughHostedUi(authorizeUrl({ scope: "openid", ...params }), "ann", "Passw0rd!")).code;

    const code = await codeOf();
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect(Object.keys((await first.json()) as object)).toEqual(["id_token", "access_token", "refresh_token", "expires_in", "token_type"]);
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: "invalid_grant" });

    expect(await (await exchange(await codeOf(), { redirect_uri: "http://localhost:3000/other" })).json()).toEqual({ error: "invalid_grant" });

    const challenge = createHash("sha256").update("the-right-verifier-0123456789012345678901234").digest("base64url");
    const pkceCode = await codeOf({ code_challenge: challenge, code_challenge_method: "S256" });
    // The error alone leaves a client's author guessing which check failed: the answer says (RFC 6749 section 5.2's error_description).
    expect(await (await exchange(pkceCode, { code_verifier: "a-wrong-verifier-012345678901234567890123456" })).json()).toEqual({
      error: "invalid_grant",
      error_description: "code_verifier does not match the code_challenge of the authorization request (S256: BASE64URL(SHA256(code_verifier)))",
    });
    const unverified = await codeOf({ code_challenge: challenge, code_challenge_method: "S256" });
    expect(await (await exchange(unverified)).json()).toEqual({
      error: "invalid_request",
      error_description: "code_verifier is required: the code was requested with a code_challenge (PKCE)",
    });

    const late = await codeOf();
    await emu.clock.advance(301);
    expect(await (await exchange(late)).json()).toEqual({ error: "invalid_grant" });
  });

  it("answers the implicit grant in the fragment, without a refresh token", async () => {
    const location = await signInThroughHostedUi(authorizeUrl({ response_type: "token", scope: "openid aws.cognito.signin.user.admin", state: "xyz", nonce: "n-1" }), "ann", "Passw0rd!");
    const fragment = redirectParams(location, "fragment");
    expect(Object.keys(fragment)).toEqual(["id_token", "access_token", "token_type", "expires_in", "state"]);
    expect(fragment).toMatchObject({ token_type: "Bearer", expires_in: "3600", state: "xyz" });
    expect(decodeJwt(fragment.id_token).nonce).toBe("n-1");
    // The admin scope makes the access token good for the user-pool API.
    const me = await idp.send(new GetUserCommand({ AccessToken: fragment.access_token }));
    expect(me.Username).toBe("ann");
  });

  it("remembers the browser's sign-in until /logout", async () => {
    const cookies = new Cookies();
    await signInThroughHostedUi(authorizeUrl({ scope: "openid" }), "ann", "Passw0rd!", cookies);
    const silent = await fetch(authorizeUrl({ scope: "openid", state: "again" }), { redirect: "manual", headers: { cookie: cookies.header() } });
    expect(redirectParams(silent.headers.get("location"))).toMatchObject({ state: "again", code: expect.any(String) });

    const forced = await fetch(authorizeUrl({ scope: "openid", prompt: "login" }), { redirect: "manual", headers: { cookie: cookies.header() } });
    expect(forced.headers.get("location")).toMatch(/^\/login\?/);

    const signedOut = await fetch(`${emu.url}/logout?client_id=${WEB}&logout_uri=${encodeURIComponent("http://localhost:3000/signed-out")}`, { redirect: "manual", headers: { cookie: cookies.header() } });
    expect(signedOut.headers.get("location")).toBe("http://localhost:3000/signed-out");
    cookies.store(signedOut);
    const afterLogout = await fetch(authorizeUrl({ scope: "openid" }), { redirect: "manual", headers: { cookie: cookies.header() } });
    expect(afterLogout.headers.get("location")).toMatch(/^\/login\?/);

    const badLogout = await fetch(`${emu.url}/logout?client_id=${WEB}&logout_uri=${encodeURIComponent("https://evil.example/")}`, { redirect: "manual" });
    expect(badLogout.headers.get("location")).toContain("error=redirect_mismatch");
    const logoutPage = await (await fetch(new URL(badLogout.headers.get("location")!, emu.url))).text();
    expect(logoutPage).toContain("Refused: <code>https://evil.example/</code>");
    expect(logoutPage).toContain("The app client's sign-out URLs (LogoutURLs), one of which must match exactly:</p><ul class=\"hint\"><li><code>http://localhost:3000/signed-out</code>");
  });

  it("takes a user with a temporary password through the new-password step", async () => {
    const login = `${emu.url}/login?${new URLSearchParams({ client_id: WEB, redirect_uri: CALLBACK, response_type: "code", state: "np" })}`;
    const form = (body: Record<string, string>) => ({ method: "POST", redirect: "manual" as const, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body) });
    const challenge = await fetch(login, form({ username: "fresh", password: "Temp0rary!" }));
    const page = await challenge.text();
    expect(page).toContain("<h1 class=\"textDescription-customizable\">Change password</h1>");
    const hidden = Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name, value.replace(/&quot;/g, '"').replace(/&amp;/g, "&")]));
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(page)![1].replace(/&amp;/g, "&"), emu.url);
    const mismatch = await fetch(action, form({ ...hidden, new_password: "N3w-Passw0rd!", confirm_password: "other" }));
    expect(await mismatch.text()).toContain("Passwords do not match.");
    const done = await fetch(action, form({ ...hidden, new_password: "N3w-Passw0rd!", confirm_password: "N3w-Passw0rd!" }));
    expect(redirectParams(done.headers.get("location"))).toMatchObject({ code: expect.any(String), state: "np" });
    expect((await idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "fresh" }))).UserStatus).toBe("CONFIRMED");
  });

  it("keeps a refused answer on its challenge page, and starts the sign-in over once the challenge's session is spent", async () => {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: "newbie", TemporaryPassword: "Temp0rary!", MessageAction: "SUPPRESS" }));
    const login = `${emu.url}/login?${new URLSearchParams({ client_id: WEB, redirect_uri: CALLBACK, response_type: "code", state: "again" })}`;
    const form = (body: Record<string, string>) => ({ method: "POST", redirect: "manual" as const, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body) });
    const page = await (await fetch(login, form({ username: "newbie", password: "Temp0rary!" }))).text();
    const hidden = Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name, value.replace(/&quot;/g, '"').replace(/&amp;/g, "&")]));
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(page)![1].replace(/&amp;/g, "&"), emu.url);

    const weak = await fetch(action, form({ ...hidden, new_password: "short", confirm_password: "short" }));
    expect(weak.status).toBe(400);
    const weakPage = await weak.text();
    expect(weakPage).toContain("<h1 class=\"textDescription-customizable\">Change password</h1>");
    expect(weakPage).toContain("Password did not conform with policy: Password not long enough");

    const done = await fetch(action, form({ ...hidden, new_password: "N3w-Passw0rd!", confirm_password: "N3w-Passw0rd!" }));
    expect(redirectParams(done.headers.get("location"))).toMatchObject({ code: expect.any(String), state: "again" });

    for (const session of [hidden.session, "not-a-session"]) {
      const spent = await fetch(action, form({ ...hidden, session, new_password: "N3w-Passw0rd!", confirm_password: "N3w-Passw0rd!" }));
      expect(spent.status).toBe(400);
      const spentPage = await spent.text();
      expect(spentPage).toContain("Your sign-in session has expired. Please sign in again.");
      expect(spentPage).toContain('name="password"');
    }
  });

  it("shows the sign-in error on the page", async () => {
    const login = `${emu.url}/login?${new URLSearchParams({ client_id: WEB, redirect_uri: CALLBACK, response_type: "code" })}`;
    const response = await fetch(login, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "username=ann&password=wrong" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Incorrect username or password.");
  });
});

describe("token endpoint errors", () => {
  const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${emu.url}/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(body) });

  it("answers Cognito's error codes", async () => {
    expect(await (await token({ grant_type: "password", client_id: WEB })).json()).toEqual({ error: "unsupported_grant_type" });
    expect(await (await token({ grant_type: "client_credentials", client_id: SERVICE, client_secret: "wrong" })).json()).toEqual({ error: "invalid_client" });
    const basicWrong = await token({ grant_type: "client_credentials" }, { authorization: `Basic ${Buffer.from(`${SERVICE}:nope`).toString("base64")}` });
    expect(await basicWrong.json()).toEqual({ error: "invalid_client" });
    expect(await (await token({ grant_type: "client_credentials", client_id: WEB })).json()).toEqual({ error: "unauthorized_client" });
    expect(await (await token({ grant_type: "refresh_token", client_id: WEB, refresh_token: "nope" })).json()).toEqual({ error: "invalid_grant" });
    expect(await (await token({ grant_type: "authorization_code", client_id: WEB, redirect_uri: CALLBACK })).json()).toEqual({ error: "invalid_request" });
    const viaForm = await token({ grant_type: "client_credentials", client_id: SERVICE, client_secret: SERVICE_SECRET, scope: "orders/write" });
    expect(viaForm.status).toBe(200);
  });
});

describe("resource servers and domains through the API", () => {
  it("creates a resource server whose scopes a new client may then use", async () => {
    await idp.send(new CreateResourceServerCommand({ UserPoolId: POOL, Identifier: "https://reports.example.com", Name: "Reports", Scopes: [{ ScopeName: "view", ScopeDescription: "view reports" }] }));
    const listed = await idp.send(new ListResourceServersCommand({ UserPoolId: POOL, MaxResults: 10 }));
    expect(listed.ResourceServers!.map((s) => s.Identifier)).toEqual(["https://reports.example.com", "orders"]);
    const created = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: POOL,
        ClientName: "reports",
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["https://reports.example.com/view"],
      }),
    );
    const { ClientId, ClientSecret } = created.UserPoolClient!;
    const response = await fetch(`${emu.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${ClientId}:${ClientSecret}`).toString("base64")}` },
      body: "grant_type=client_credentials",
    });
    expect(decodeJwt(((await response.json()) as { access_token: string }).access_token).scope).toBe("https://reports.example.com/view");
  });

  it("serves managed login branding's logo on version 2 domains", async () => {
    const logo = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108020000009077530000", "hex");
    await idp.send(new UpdateUserPoolDomainCommand({ UserPoolId: POOL, Domain: "oauth-e2e", ManagedLoginVersion: 2 }));
    await idp.send(new CreateManagedLoginBrandingCommand({ UserPoolId: POOL, ClientId: WEB, Assets: [{ Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "PNG", Bytes: logo }] }));
    const login = await (await fetch(`${emu.url}/login?${new URLSearchParams({ client_id: WEB, redirect_uri: CALLBACK, response_type: "code" })}`)).text();
    const src = /<img class="logo-customizable" alt="[^"]*" src="([^"]+)"/.exec(login)![1].replace(/&amp;/g, "&");
    const image = await fetch(new URL(src, emu.url));
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer())).toEqual(logo);
    await idp.send(new UpdateUserPoolDomainCommand({ UserPoolId: POOL, Domain: "oauth-e2e", ManagedLoginVersion: 1 }));
  });

  it("describes the fixture's domain as Cognito's prefix domain", async () => {
    const { DomainDescription } = await idp.send(new DescribeUserPoolDomainCommand({ Domain: "oauth-e2e" }));
    expect(DomainDescription).toMatchObject({ UserPoolId: POOL, Domain: "oauth-e2e", Status: "ACTIVE", CloudFrontDistribution: "oauth-e2e.auth.us-east-1.amazoncognito.com" });
    await expect(idp.send(new CreateUserPoolDomainCommand({ UserPoolId: POOL, Domain: "another-one" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "User pool already has a domain configured.",
    });
  });
});

describe("federation", () => {
  let oidc: OidcProvider;
  const FEDERATED = "oauthfedclient00000000001";

  beforeAll(async () => {
    oidc = await startOidcProvider({ user: { sub: "oidc-user-1", email: "olivia@example.com", name: "Olivia" }, userinfo: { locale: "en-GB" } });
    await idp.send(
      new CreateIdentityProviderCommand({
        UserPoolId: POOL,
        ProviderName: "TestOIDC",
        ProviderType: "OIDC",
        ProviderDetails: { client_id: oidc.clientId, client_secret: oidc.clientSecret, oidc_issuer: oidc.issuer, authorize_scopes: "openid email profile", attributes_request_method: "GET" },
        AttributeMapping: { email: "email", name: "name", locale: "locale" },
        IdpIdentifiers: ["example.org"],
      }),
    );
    await idp.send(
      new CreateIdentityProviderCommand({
        UserPoolId: POOL,
        ProviderName: "Google",
        ProviderType: "Google",
        ProviderDetails: { client_id: "google-client", client_secret: "google-secret", authorize_scopes: "openid email profile" },
        AttributeMapping: { email: "email", name: "name", email_verified: "email_verified" },
      }),
    );
    await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: POOL,
        ClientName: "federated",
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "email", "profile"],
        CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ["COGNITO", "TestOIDC", "Google"],
      }),
    ).then((created) => {
      // Fixed ids keep the fixture simple; the API chose this one.
      federatedClientId = created.UserPoolClient!.ClientId!;
    });
  });
  afterAll(async () => oidc?.stop());

  let federatedClientId = FEDERATED;
  const federatedAuthorize = (params: Record<string, string>) =>
    `${emu.url}/oauth2/authorize?${new URLSearchParams({ client_id: federatedClientId, redirect_uri: CALLBACK, response_type: "code", scope: "openid email profile", state: "fed", ...params })}`;

  async function follow(url: string, cookies = new Cookies()): Promise<Response> {
    let response = await fetch(url, { redirect: "manual", headers: { cookie: cookies.header() } });
    for (let hops = 0; hops < 10 && response.status === 302; hops++) {
      cookies.store(response);
      const next = new URL(response.headers.get("location")!, response.url || url);
      if (next.toString().startsWith(CALLBACK)) return response;
      response = await fetch(next, { redirect: "manual", headers: { cookie: cookies.header() } });
    }
    return response;
  }

  it("signs in through a real OIDC provider on loopback, creating TestOIDC_<sub> with mapped attributes", async () => {
    const page = await follow(federatedAuthorize({ identity_provider: "TestOIDC" }));
    expect(page.status).toBe(200);
    expect(oidc.seen.authorize[0]).toMatchObject({ client_id: oidc.clientId, redirect_uri: `${emu.url}/oauth2/idpresponse`, scope: "openid email profile" });
    const approved = await fetch(`${oidc.issuer}/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ redirect_uri: oidc.seen.authorize[0].redirect_uri, state: oidc.seen.authorize[0].state, nonce: oidc.seen.authorize[0].nonce }),
    });
    const back = await follow(approved.headers.get("location")!);
    const { code, state } = redirectParams(back.headers.get("location"));
    expect(state).toBe("fed");
    expect(oidc.seen.userinfo).toBe(1);

    const tokens = await exchange(code);
    const id = decodeJwt(tokens.id_token);
    expect(id).toMatchObject({ "cognito:username": "TestOIDC_oidc-user-1", email: "olivia@example.com", name: "Olivia", locale: "en-GB" });
    expect(id.identities).toEqual([{ userId: "oidc-user-1", providerName: "TestOIDC", providerType: "OIDC", issuer: null, primary: "true", dateCreated: expect.any(String) }]);
    const user = await idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "TestOIDC_oidc-user-1" }));
    expect(user.UserStatus).toBe("EXTERNAL_PROVIDER");
    const events = triggerEvents().filter((event) => event.triggerSource === "PreSignUp_ExternalProvider");
    expect(events.at(-1)).toMatchObject({ userName: "TestOIDC_oidc-user-1", request: { userAttributes: { email: "olivia@example.com" } } });
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: "email_verified", Value: "true" }]));
  });

  it("finds the provider from idp_identifier", async () => {
    const response = await fetch(federatedAuthorize({ idp_identifier: "example.org" }), { redirect: "manual" });
    expect(response.headers.get("location")!.startsWith(`${oidc.issuer}/authorize?`)).toBe(true);
  });

  it("plays Google on its fake provider page, and signs a linked identity in as the native user", async () => {
    const fake = await fetch(federatedAuthorize({ identity_provider: "Google" }), { redirect: "manual" });
    const pageUrl = new URL(fake.headers.get("location")!, emu.url);
    expect(pageUrl.pathname).toBe("/_emu/idp");
    const html = await (await fetch(pageUrl)).text();
    expect(html).toContain('name="claim:email"');
    const submit = (fields: Record<string, string>) =>
      fetch(`${emu.url}/_emu/idp`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ state: pageUrl.searchParams.get("state")!, ...fields }) });
    const signedIn = await submit({ sub: "112233445566778899001", "claim:email": "gina@example.com", "claim:name": "Gina", "claim:email_verified": "true" });
    const tokens = await exchange(redirectParams(signedIn.headers.get("location")).code);
    expect(decodeJwt(tokens.id_token)).toMatchObject({ "cognito:username": "Google_112233445566778899001", email: "gina@example.com", email_verified: true });

    await idp.send(
      new AdminLinkProviderForUserCommand({
        UserPoolId: POOL,
        DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "ann" },
        SourceUser: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "998877" },
      }),
    );
    const again = await fetch(federatedAuthorize({ identity_provider: "Google" }), { redirect: "manual" });
    const state = new URL(again.headers.get("location")!, emu.url).searchParams.get("state")!;
    const linked = await fetch(`${emu.url}/_emu/idp`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ state, sub: "998877", "claim:email": "ann.personal@gmail.example" }),
    });
    const linkedTokens = await exchange(redirectParams(linked.headers.get("location")).code);
    const claims = decodeJwt(linkedTokens.id_token);
    expect(claims["cognito:username"]).toBe("ann");
    expect(claims.identities).toEqual([expect.objectContaining({ userId: "998877", providerName: "Google", primary: "false" })]);

    await expect(
      idp.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: POOL,
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "ann" },
          SourceUser: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "112233445566778899001" },
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: expect.stringContaining("Merging is not currently supported") });
  });

  it("sends a failing PreSignUp_ExternalProvider back to the app as Cognito does", async () => {
    const fake = await fetch(federatedAuthorize({ identity_provider: "Google" }), { redirect: "manual" });
    const state = new URL(fake.headers.get("location")!, emu.url).searchParams.get("state")!;
    const refused = await fetch(`${emu.url}/_emu/idp`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ state, sub: "5550001", "claim:email": "blocked@example.com" }),
    });
    expect(redirectParams(refused.headers.get("location"))).toEqual({ error_description: "PreSignUp failed with error blocked address.", error: "invalid_request", state: "fed" });
  });

  async function exchange(code: string): Promise<{ id_token: string; access_token: string }> {
    const response = await fetch(`${emu.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: federatedClientId, code, redirect_uri: CALLBACK }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { id_token: string; access_token: string };
  }
});
