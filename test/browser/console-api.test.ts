import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { CognitoIdentityClient, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator, tempDir } from "../support/emulator";

// The console's server side, without a browser: these run even where Chromium is not installed.
const POOL = "us-east-1_ConsoleApi1";
const CLIENT = "consoleapiclient000000001";
const IDENTITY_POOL = "us-east-1:00000000-0000-4000-8000-0000000000a2";

// Triggers record what they were called with: the console's actions must run them as the API does.
const triggers = tempDir("cognito-emu-console-triggers-");
const events = path.join(triggers, "events.jsonl");
const recorder = path.join(triggers, "record.js");
fs.writeFileSync(recorder, `exports.handler = async (event) => { require("node:fs").appendFileSync(${JSON.stringify(events)}, JSON.stringify({ triggerSource: event.triggerSource, userName: event.userName }) + "\\n"); return event; };`);
const triggerSources = () => (fs.existsSync(events) ? fs.readFileSync(events, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)) : []);
const lambda = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "console-api",
      MfaConfiguration: "OPTIONAL",
      SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms", ExternalId: "x" },
      LambdaConfig: { PreSignUp: lambda("record"), PostConfirmation: lambda("record") },
      Clients: [{ ClientId: CLIENT, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Groups: [{ GroupName: "admins", Precedence: 1 }, { GroupName: "staff" }],
      Users: [
        { Username: "fresh", Password: "Passw0rd!", UserStatus: "UNCONFIRMED", Attributes: { email: "fresh@example.com" } },
        { Username: "steady", Password: "Passw0rd!" },
        { Username: "edited", Password: "Passw0rd!", Attributes: { email: "edited@example.com", email_verified: "true", name: "Before" }, Groups: ["staff"] },
        { Username: "totp", Password: "Passw0rd!", TotpSecret: "JBSWY3DPEHPK3PXP", Attributes: { phone_number: "+15555550100", phone_number_verified: "true" } },
      ],
    },
  ],
  IdentityPools: [
    {
      IdentityPoolId: IDENTITY_POOL,
      IdentityPoolName: "console-api identities",
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.us-east-1.amazonaws.com/${POOL}`, ClientId: CLIENT }],
      Roles: { authenticated: "arn:aws:iam::123456789012:role/Auth", unauthenticated: "arn:aws:iam::123456789012:role/Guest" },
      RoleMappings: {
        [`cognito-idp.us-east-1.amazonaws.com/${POOL}:${CLIENT}`]: {
          Type: "Rules",
          AmbiguousRoleResolution: "AuthenticatedRole",
          RulesConfiguration: { Rules: [{ Claim: "cognito:groups", MatchType: "Contains", Value: "admins", RoleARN: "arn:aws:iam::123456789012:role/Admin" }] },
        },
      },
    },
  ],
  Functions: { record: recorder },
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
  idp = idpClient(emu);
});
afterAll(() => emu.stop());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${emu.url}/_emu/ui/api/${path}`, init).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  api(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

describe("web console: page and JSON endpoints", () => {
  it("serves the page at /_emu/ui/ on the emulator's own (loopback) address, with a strict content policy", async () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const bare = await fetch(`${emu.url}/_emu/ui?x=1`, { redirect: "manual" });
    expect(bare.status).toBe(308);
    expect(bare.headers.get("location")).toBe("/_emu/ui/?x=1");
    const page = await fetch(`${emu.url}/_emu/ui/`);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="console.js" defer></script>');
    const script = await fetch(`${emu.url}/_emu/ui/console.js`);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    const source = await script.text();
    expect(() => new vm.Script(source, { filename: "console.js" })).not.toThrow();
    expect((await fetch(`${emu.url}/_emu/ui/console.css`)).headers.get("content-type")).toMatch(/^text\/css/);
  });

  it("describes pools, users (no secrets) and identity pools", async () => {
    const overview = await api("overview");
    expect(overview.body.userPools).toEqual([{ Id: POOL, Name: "console-api", users: 4, clients: 1, groups: 2 }]);
    const detail = await api(`pools/${POOL}?q=fresh`);
    expect(detail.body.totalUsers).toBe(4);
    expect(detail.body.users.map((u: { Username: string }) => u.Username)).toEqual(["fresh"]);
    expect(JSON.stringify(detail.body)).not.toMatch(/scrypt|PasswordHash|TotpSecret|JBSWY3DPEHPK3PXP/);
    expect((await api("pools/us-east-1_Nope")).status).toBe(400);
  });

  it("creates, confirms, disables and deletes users with Cognito's rules and errors", async () => {
    const created = await post(`pools/${POOL}/users`, { username: "nina", password: "Passw0rd!", permanent: true, email: "nina@example.com", emailVerified: true });
    expect(created).toEqual({ status: 200, body: { user: { Username: "nina", UserStatus: "CONFIRMED", Enabled: true } } });
    const again = await post(`pools/${POOL}/users`, { username: "nina" });
    expect(again).toMatchObject({ status: 400, body: { __type: "UsernameExistsException" } });
    expect((await post(`pools/${POOL}/users`, { username: "x", attributes: { "custom:nope": "1" } })).body.__type).toBe("InvalidParameterException");

    expect((await post(`pools/${POOL}/users/steady/confirm`)).body).toMatchObject({ __type: "NotAuthorizedException" });
    expect((await post(`pools/${POOL}/users/fresh/confirm`)).body.user.UserStatus).toBe("CONFIRMED");
    expect((await post(`pools/${POOL}/users/steady/disable`)).body.user.Enabled).toBe(false);
    expect((await idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "steady" }))).Enabled).toBe(false);
    expect((await api(`pools/${POOL}/users/steady`, { method: "DELETE" })).body).toEqual({ status: "ok" });
    expect((await api(`pools/${POOL}/users/steady`, { method: "DELETE" })).body.__type).toBe("UserNotFoundException");
  });

  it("refuses actions sent from another site's page", async () => {
    const refused = await post(`pools/${POOL}/users`, { username: "csrf", password: "Passw0rd!", permanent: true }, { origin: "http://evil.example" });
    expect(refused).toMatchObject({ status: 403, body: { __type: "AccessDeniedException" } });
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "csrf" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
    const own = await post(`pools/${POOL}/users`, { username: "samesite", password: "Passw0rd!", permanent: true }, { origin: emu.url });
    expect(own.status).toBe(200);
  });

  it("streams which tables changed, batched, for live pages", async () => {
    const controller = new AbortController();
    const response = await fetch(`${emu.url}/_emu/ui/api/events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    const changeEvent = (async () => {
      while (!/event: change\ndata: .*\n\n/.test(received)) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
    })();
    await idp.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: "streamed", UserAttributes: [{ Name: "email", Value: "s@example.com" }], DesiredDeliveryMediums: ["EMAIL"] }));
    await changeEvent;
    controller.abort();
    const data = JSON.parse(/event: change\ndata: (.*)\n\n/.exec(received)![1]);
    expect(data.tables).toEqual(expect.arrayContaining(["users", "messages"]));
  });

  it("runs the pool's triggers, as the API does: PreSignUp on create, PostConfirmation on confirm", async () => {
    const before = triggerSources().length;
    const logged = jest.spyOn(emu.services.log, "request");
    expect((await post(`pools/${POOL}/users`, { username: "triggered", password: "Passw0rd!", permanent: true })).status).toBe(200);
    // Each operation is logged as the API's are, saying where it came from.
    expect(logged.mock.calls.map(([entry]) => [entry.operation, entry.username, entry.outcome])).toEqual([
      ["AdminCreateUser (console)", "triggered", "ok"],
      ["AdminSetUserPassword (console)", "triggered", "ok"],
    ]);
    logged.mockRestore();
    await idp.send(new SignUpCommand({ ClientId: CLIENT, Username: "toconfirm", Password: "Passw0rd!" }));
    expect((await post(`pools/${POOL}/users/toconfirm/confirm`)).body.user.UserStatus).toBe("CONFIRMED");
    expect(triggerSources().slice(before)).toEqual([
      { triggerSource: "PreSignUp_AdminCreateUser", userName: "triggered" },
      { triggerSource: "PreSignUp_SignUp", userName: "toconfirm" },
      { triggerSource: "PostConfirmation_ConfirmSignUp", userName: "toconfirm" },
    ]);
  });

  it("edits attributes (set and remove), password, groups, status and MFA through the admin operations", async () => {
    const user = (name: string) => idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: name }));
    const attrs = async (name: string) => Object.fromEntries((await user(name)).UserAttributes!.map((a) => [a.Name, a.Value]));

    const edited = await post(`pools/${POOL}/users/edited/attributes`, { set: { name: "After", "custom:nope": "x" } });
    expect(edited).toMatchObject({ status: 400, body: { __type: "InvalidParameterException" } });
    expect((await attrs("edited")).name).toBe("Before");
    // Both operations or neither: the removal is refused, so the update is not kept either.
    expect((await post(`pools/${POOL}/users/edited/attributes`, { set: { given_name: "Ed" }, remove: ["sub"] })).status).toBe(400);
    expect(await attrs("edited")).not.toHaveProperty("given_name");
    expect((await post(`pools/${POOL}/users/edited/attributes`, { set: { given_name: "Ed" }, remove: ["name"] })).status).toBe(200);
    expect(await attrs("edited")).toMatchObject({ given_name: "Ed", email: "edited@example.com" });
    expect(await attrs("edited")).not.toHaveProperty("name");
    expect((await post(`pools/${POOL}/users/edited/attributes`, {})).body.message).toBe("Nothing to change.");

    expect((await post(`pools/${POOL}/users/edited/password`, { password: "short" })).body.__type).toBe("InvalidPasswordException");
    expect((await post(`pools/${POOL}/users/edited/password`, { password: "N3w-Passw0rd!", permanent: false })).body.user.UserStatus).toBe("FORCE_CHANGE_PASSWORD");
    expect((await post(`pools/${POOL}/users/edited/password`, { password: "N3w-Passw0rd!", permanent: true })).body.user.UserStatus).toBe("CONFIRMED");
    const signIn = await idp.send(new InitiateAuthCommand({ ClientId: CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "edited", PASSWORD: "N3w-Passw0rd!" } }));
    expect(signIn.AuthenticationResult?.AccessToken).toBeTruthy();

    const groups = async () => (await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: "edited" }))).Groups!.map((g) => g.GroupName);
    expect((await post(`pools/${POOL}/users/edited/groups`, { group: "admins" })).status).toBe(200);
    expect((await groups()).sort()).toEqual(["admins", "staff"]);
    expect((await post(`pools/${POOL}/users/edited/groups`, { group: "nosuch" })).body.__type).toBe("ResourceNotFoundException");
    expect((await api(`pools/${POOL}/users/edited/groups/staff`, { method: "DELETE" })).status).toBe(200);
    expect(await groups()).toEqual(["admins"]);

    expect((await post(`pools/${POOL}/users/edited/reset-password`)).body.user.UserStatus).toBe("RESET_REQUIRED");
    expect((await emu.messages({ userPoolId: POOL, username: "edited" })).at(-1)).toMatchObject({ reason: "AdminResetUserPassword", code: expect.any(String) });

    expect((await post(`pools/${POOL}/users/totp/mfa`, { totp: { enabled: true, preferred: true }, sms: { enabled: true } })).status).toBe(200);
    expect(await user("totp")).toMatchObject({ PreferredMfaSetting: "SOFTWARE_TOKEN_MFA", UserMFASettingList: expect.arrayContaining(["SOFTWARE_TOKEN_MFA", "SMS_MFA"]) });
    // No authenticator app: Cognito's own refusal comes back.
    expect((await post(`pools/${POOL}/users/edited/mfa`, { totp: { enabled: true } })).status).toBe(400);
    expect((await post(`pools/${POOL}/users/totp/mfa`, { totp: "yes" })).body.message).toMatch(/totp must be/);
  });

  it("shows a user's current authenticator code, sessions and last tokens; sign-out revokes them", async () => {
    await post(`pools/${POOL}/users`, { username: "steady2", password: "Passw0rd!", permanent: true });
    const tokens = (await idp.send(new InitiateAuthCommand({ ClientId: CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "steady2", PASSWORD: "Passw0rd!" } }))).AuthenticationResult!;
    const detail = (await api(`pools/${POOL}/users/steady2`)).body;
    expect(detail.sessions).toMatchObject([{ clientId: CLIENT, clientName: "web", revoked: false, expired: false }]);
    expect(detail.tokens).toMatchObject([{ source: "Authentication", clientId: CLIENT, status: "valid", AccessToken: tokens.AccessToken, IdToken: tokens.IdToken }]);
    expect(detail.totp).toBeUndefined();

    const totp = (await api(`pools/${POOL}/users/totp`)).body.totp;
    expect(totp.code).toMatch(/^\d{6}$/);
    expect(totp.secondsLeft).toBeGreaterThan(0);
    expect(totp.secondsLeft).toBeLessThanOrEqual(30);

    expect((await post(`pools/${POOL}/users/steady2/sign-out`)).status).toBe(200);
    const after = (await api(`pools/${POOL}/users/steady2`)).body;
    expect(after.tokens[0].status).toBe("Access Token has been revoked");
    expect(after.sessions).toEqual([]);
    expect((await api(`pools/${POOL}/users/nobody`)).body.__type).toBe("UserNotFoundException");
  });

  it("decodes pasted tokens: claims, signature against the pool's keys, expiry by the emulator's clock, and its verdict", async () => {
    const mint = (body: object) =>
      fetch(`${emu.url}/_emu/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userPoolId: POOL, username: "triggered", ...body }) }).then((r) => r.json() as Promise<any>);
    const decode = async (token: unknown) => (await post("decode", { token })).body;

    const genuine = await mint({});
    const id = await decode(`Bearer ${genuine.IdToken}`);
    expect(id).toMatchObject({
      kind: "jwt",
      header: { alg: "RS256", kid: expect.any(String) },
      claims: { token_use: "id", "cognito:username": "triggered", aud: CLIENT },
      signature: "valid",
      signedBy: { userPoolId: POOL, key: "IdToken" },
      issuer: { expected: `${emu.url}/${POOL}`, matches: true },
      expired: false,
      emulator: "ok",
    });
    expect(id.secondsLeft).toBeGreaterThan(3500);

    expect(await decode((await mint({ tamper: "signature" })).AccessToken)).toMatchObject({ signature: "invalid", emulator: "Invalid Access Token" });
    expect(await decode((await mint({ tamper: "issuer" })).AccessToken)).toMatchObject({ signature: "valid", issuer: { matches: false }, emulator: "Invalid Access Token" });
    expect(await decode((await mint({ expiresInSeconds: -5 })).AccessToken)).toMatchObject({ signature: "valid", expired: true, emulator: "Access Token has expired" });
    expect(await decode(genuine.RefreshToken)).toMatchObject({ kind: "refresh", emulator: "ok", session: { userPoolId: POOL, clientId: CLIENT, username: "triggered" } });
    const foreign = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    expect(await decode(foreign)).toMatchObject({ kind: "jwt", claims: { sub: "x" }, signature: "unknown-key" });
    expect(await decode("not a token")).toMatchObject({ kind: "unreadable" });
    expect(await decode(42)).toMatchObject({ kind: "unreadable" });
    expect((await post("decode", { token: genuine.IdToken }, { origin: "http://evil.example" })).status).toBe(403);
  });

  it("lists an identity pool's identities, and deletes one through DeleteIdentities", async () => {
    const cognitoIdentity = new CognitoIdentityClient({ endpoint: emu.url, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
    const { IdentityId } = await cognitoIdentity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL }));
    const detail = (await api(`identity-pools/${encodeURIComponent(IDENTITY_POOL)}`)).body;
    expect(detail).toMatchObject({ total: 1, identities: [{ IdentityId, Logins: [] }] });
    const overview = (await api("overview")).body;
    expect(overview.identityPools[0].RoleMappings).toMatchObject({ [`cognito-idp.us-east-1.amazonaws.com/${POOL}:${CLIENT}`]: { Type: "Rules" } });

    const path = `identity-pools/${encodeURIComponent(IDENTITY_POOL)}/identities/${encodeURIComponent(IdentityId!)}`;
    expect((await api(path, { method: "DELETE" })).status).toBe(200);
    expect((await api(`identity-pools/${encodeURIComponent(IDENTITY_POOL)}`)).body.total).toBe(0);
    expect((await api(path, { method: "DELETE" })).body.__type).toBe("ResourceNotFoundException");
    expect((await api("identity-pools/us-east-1%3Anope")).status).toBe(400);
  });

  it("clears the outbox, all of it or one user's share (DELETE /_emu/messages)", async () => {
    await post(`pools/${POOL}/users`, { username: "mailed1", email: "m1@example.com" });
    await post(`pools/${POOL}/users`, { username: "mailed2", email: "m2@example.com" });
    const cleared = await fetch(`${emu.url}/_emu/messages?userPoolId=${POOL}&username=mailed1`, { method: "DELETE" }).then((r) => r.json());
    expect(cleared).toEqual({ cleared: 1 });
    expect(await emu.messages({ username: "mailed1" })).toEqual([]);
    expect(await emu.messages({ username: "mailed2" })).toHaveLength(1);
    const all = await fetch(`${emu.url}/_emu/messages`, { method: "DELETE" }).then((r) => r.json() as Promise<{ cleared: number }>);
    expect(all.cleared).toBeGreaterThan(1);
    expect(await emu.messages()).toEqual([]);
  });
});
