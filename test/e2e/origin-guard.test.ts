import { CreateUserPoolCommand, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import request from "supertest";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";

/**
 * The control endpoints and the console hold what no web page may read or change (private signing keys,
 * password hashes, reset, clock): they answer only their own origin, under a Host no page can rebind.
 * The AWS APIs keep answering browsers from any origin and any Host, as Cognito does.
 */
const POOL = "us-east-1_Guarded01";
const CLIENT = "guardedclient00000000001";
const CALLBACK = "http://localhost:3000/callback";
const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "guarded",
      Domain: "guarded-e2e",
      Clients: [
        {
          ClientId: CLIENT,
          ClientName: "web",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid"],
          CallbackURLs: [CALLBACK],
          SupportedIdentityProviders: ["COGNITO"],
        },
      ],
      Users: [{ Username: "gina", Password: "Passw0rd!" }],
    },
  ],
};

const EVIL = "https://evil.example";
const TARGET = "AWSCognitoIdentityProviderService.DescribeUserPool";

let emu: RunningEmulator;
let port: number;
beforeAll(async () => {
  emu = await startTestEmulator(fixture, { allowHosts: ["emu.test", "Other.Test:1234"] });
  port = emu.port;
});
afterAll(() => emu.stop());

const agent = () => request(emu.url);
const grants = (headers: Record<string, string>) => Object.keys(headers).filter((name) => name.startsWith("access-control-allow-"));

function expectRefused(res: request.Response, messagePart: string | RegExp): void {
  expect(res.status).toBe(403);
  expect(res.body.__type).toBe("AccessDeniedException");
  expect(res.body.message).toMatch(messagePart);
  expect(res.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
  expect(grants(res.headers)).toEqual([]);
}

describe("control endpoints and another site's page", () => {
  it("refuses to show the state to another origin, and grants it no CORS", async () => {
    const res = await agent().get("/_emu/state").set("Origin", EVIL);
    expectRefused(res, `answer only their own origin, not ${EVIL}`);
    expect(JSON.stringify(res.body)).not.toContain("PasswordHash");
    // Case and trailing slash do not get around it: express would route both.
    expectRefused(await agent().get("/_EMU/State/").set("Origin", EVIL), /own origin/);
    expectRefused(await agent().get("/_emu/messages").set("Origin", EVIL), /own origin/);
    expectRefused(await agent().get("/_emu/clock").set("Origin", "null"), /own origin/);
  });

  it("refuses text/plain POSTs (no preflight needed) to reset and the clock from another origin, and changes nothing", async () => {
    const idp = idpClient(emu);
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: "made-at-runtime" }));
    const before = (await agent().get("/_emu/clock")).body.offsetSeconds;

    expectRefused(await agent().post("/_emu/reset").set("Origin", EVIL).set("Content-Type", "text/plain").send("{}"), /own origin/);
    expectRefused(await agent().post("/_emu/clock").set("Origin", EVIL).set("Content-Type", "text/plain").send('{"advanceSeconds":86400}'), /own origin/);

    await expect(idp.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }))).resolves.toHaveProperty("UserPool.Name", "made-at-runtime");
    expect((await agent().get("/_emu/clock")).body.offsetSeconds).toBe(before);
    idp.destroy();
  });

  it("refuses preflights for them", async () => {
    for (const path of ["/_emu/reset", "/_emu/clock", "/_emu/state", "/_emu/ui/api/pools/x/users"]) {
      const res = await agent()
        .options(path)
        .set({ Origin: EVIL, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" });
      expectRefused(res, /own origin/);
    }
  });

  it("refuses the console to another origin and to what another site's page embeds", async () => {
    expectRefused(await agent().get("/_emu/ui/").set("Origin", EVIL), /own origin/);
    expectRefused(await agent().get("/_emu/ui/api/overview").set("Origin", EVIL), /own origin/);
    // A <script> or no-cors fetch of a GET sends no Origin, but browsers say where it comes from.
    expectRefused(await agent().get("/_emu/state").set({ "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors" }), /another site's page/);
    expectRefused(await agent().get("/_emu/state").set({ "Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "cors" }), /another site's page/);
    // Following a link to the console from elsewhere is fine: the page then talks to its own origin.
    const navigated = await agent().get("/_emu/ui/").set({ "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate" });
    expect(navigated.status).toBe(200);
    expect(navigated.headers["content-type"]).toContain("text/html");
  });

  it("answers their own origin, and clients that send none", async () => {
    const own = `http://127.0.0.1:${port}`;
    const state = await agent().get("/_emu/state").set("Origin", own);
    expect(state.status).toBe(200);
    expect(grants(state.headers)).toEqual([]);
    const moved = await agent().post("/_emu/clock").set("Origin", own).send({ advanceSeconds: 0 });
    expect(moved.status).toBe(200);
    expect((await agent().get("/_emu/state")).status).toBe(200);
    expect((await agent().get("/_emu/ui/").set({ "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate" })).status).toBe(200);
  });
});

describe("control endpoints and the Host header (DNS rebinding)", () => {
  it("refuses a name a web page could point at the emulator, even from that page's own origin", async () => {
    const host = `attacker.example:${port}`;
    for (const path of ["/_emu/state", "/_emu/messages", "/_emu/clock", "/_emu/ui/"]) {
      expectRefused(await agent().get(path).set("Host", host), "do not answer Host 'attacker.example");
    }
    // After rebinding, the page and the emulator share an origin: the Host still gives it away.
    const rebound = await agent().post("/_emu/reset").set({ Host: host, Origin: `http://${host}` });
    expectRefused(rebound, "--allow-host attacker.example");
    expectRefused(await agent().get("/_emu/state").set("Host", `cognito.evil.example:${port}`), /DNS rebinding/);
  });

  it("answers loopback names, IP literals and single-label names such as a CI service container's", async () => {
    for (const host of ["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "10.1.2.3", "[::1]", "[fd00::5]", "cognito", "cognito-emu", "localhost."]) {
      const res = await agent().get("/_emu/clock").set("Host", `${host}:${port}`);
      expect([host, res.status]).toEqual([host, 200]);
    }
    // The service container's own origin, as a browser in another container would send it.
    const res = await agent().post("/_emu/clock").set({ Host: `cognito:${port}`, Origin: `http://cognito:${port}` }).send({ advanceSeconds: 0 });
    expect(res.status).toBe(200);
  });

  it("answers names given with allowHosts, case and port aside, and only those", async () => {
    expect((await agent().get("/_emu/state").set("Host", `emu.test:${port}`)).status).toBe(200);
    expect((await agent().get("/_emu/state").set("Host", `EMU.TEST:${port}`)).status).toBe(200);
    expect((await agent().get("/_emu/state").set("Host", `other.test:${port}`)).status).toBe(200);
    expect((await agent().post("/_emu/clock").set({ Host: `emu.test:${port}`, Origin: `http://emu.test:${port}` }).send({ advanceSeconds: 0 })).status).toBe(200);
    expectRefused(await agent().get("/_emu/state").set("Host", `sub.emu.test:${port}`), /DNS rebinding/);
    // An allowed Host does not make another origin welcome.
    expectRefused(await agent().get("/_emu/state").set({ Host: `emu.test:${port}`, Origin: `http://other.test:${port}` }), /own origin/);
  });
});

describe("what stays open", () => {
  it("AWS APIs answer browsers from any origin and under any Host, as today", async () => {
    const preflight = await agent()
      .options("/")
      .set({
        Host: `attacker.example:${port}`,
        Origin: EVIL,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent,x-amz-content-sha256,amz-sdk-invocation-id,amz-sdk-request",
      });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(EVIL);
    expect(preflight.headers["access-control-allow-headers"]).toContain("x-amz-target");
    expect(preflight.headers["access-control-allow-headers"]).toContain("x-amz-user-agent");

    const call = await agent()
      .post("/")
      .set({ Host: `cognito-idp.us-east-1.amazonaws.com`, Origin: EVIL, "X-Amz-Target": TARGET, "Content-Type": "application/x-amz-json-1.1" })
      .send(JSON.stringify({ UserPoolId: POOL }));
    expect(call.status).toBe(200);
    expect(call.headers["access-control-allow-origin"]).toBe(EVIL);
    expect(call.headers["access-control-expose-headers"]).toContain("x-amzn-RequestId");
    expect(JSON.parse(call.text).UserPool.Id).toBe(POOL);

    const jwks = await agent().get(`/${POOL}/.well-known/jwks.json`).set({ Host: `attacker.example:${port}`, Origin: EVIL });
    expect(jwks.status).toBe(200);
    expect(jwks.headers["access-control-allow-origin"]).toBe(EVIL);
  });

  it("the hosted UI answers any Host, and its stand-in pages under /_emu are not control endpoints", async () => {
    const query = new URLSearchParams({ client_id: CLIENT, redirect_uri: CALLBACK, response_type: "code", scope: "openid" });
    const login = await agent().get(`/login?${query}`).set({ Host: `auth.myapp.example:${port}`, Origin: EVIL });
    expect(login.status).toBe(200);
    expect(login.text).toContain("<form");
    // The upload URL of user imports stands for S3's pre-signed URL; the fake identity provider for Google and co.
    const upload = await agent().put("/_emu/import/import-unknown").set("Host", `attacker.example:${port}`).send("x");
    expect(upload.status).toBe(404);
    expect(upload.text).toContain("NoSuchUpload");
    const idpPage = await agent().get("/_emu/idp").set("Host", `auth.myapp.example:${port}`);
    expect(idpPage.status).not.toBe(403);
  });

  it("/health is readable by any page, without credentials", async () => {
    for (const path of ["/health", "/health?probe=1"]) {
      const res = await agent().get(path).set({ Origin: EVIL, Host: `attacker.example:${port}` });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe("ok");
      expect(res.headers["access-control-allow-origin"]).toBe("*");
      expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    }
  });
});
