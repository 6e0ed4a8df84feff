import vm from "node:vm";
import { AdminCreateUserCommand, AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";

// The console's server side, without a browser: these run even where Chromium is not installed.
const POOL = "us-east-1_ConsoleApi1";
const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "console-api",
      Users: [
        { Username: "fresh", Password: "Passw0rd!", UserStatus: "UNCONFIRMED", Attributes: { email: "fresh@example.com" } },
        { Username: "steady", Password: "Passw0rd!" },
      ],
    },
  ],
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
    expect(overview.body.userPools).toEqual([{ Id: POOL, Name: "console-api", users: 2, clients: 0, groups: 0 }]);
    const detail = await api(`pools/${POOL}?q=fresh`);
    expect(detail.body.totalUsers).toBe(2);
    expect(detail.body.users.map((u: { Username: string }) => u.Username)).toEqual(["fresh"]);
    expect(JSON.stringify(detail.body)).not.toMatch(/scrypt|PasswordHash|TotpSecret/);
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
});
