import request from "supertest";
import { startEmulator, type RunningEmulator } from "../../src/server/emulator";
import { banner } from "../../src/cli/banner";

/** `GET /`: what runs here, for a person (HTML) or a script (JSON); guarded like the console, as it names a password. */
let emu: RunningEmulator;
beforeAll(async () => {
  // The bundled example fixtures, as a bare `cognito-emu start` serves them.
  emu = await startEmulator({ port: 0, quiet: true, watch: false });
});
afterAll(() => emu.stop());

const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("landing page", () => {
  it("answers JSON to clients that do not ask for HTML: endpoints, console, example pool and user", async () => {
    for (const accept of [undefined, "*/*", "application/json"]) {
      const res = await fetch(`${emu.url}/`, { headers: accept ? { accept } : {} });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("vary")).toMatch(/Accept/);
      const body = (await res.json()) as Record<string, any>;
      expect(body).toMatchObject({
        name: "cognito-emu",
        url: emu.url,
        console: `${emu.url}/_emu/ui/`,
        example: { userPoolId: "us-east-1_Example01", clientId: "exampleclientid0000000001", username: "alice", password: "Passw0rd!" },
        control: { tokens: `${emu.url}/_emu/tokens`, reset: `${emu.url}/_emu/reset` },
      });
      expect(body.userPools[0]).toMatchObject({ Id: "us-east-1_Example01", issuer: `${emu.url}/us-east-1_Example01`, jwksUri: `${emu.url}/us-east-1_Example01/.well-known/jwks.json` });
      // App client secrets stay in the console.
      expect(JSON.stringify(body)).not.toContain("exampleclientsecret");
    }
  });

  it("answers HTML to a browser, under a strict content policy, with the values escaped", async () => {
    const res = await fetch(`${emu.url}/`, { headers: { accept: HTML } });
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain(`href="/_emu/ui/"`);
    expect(html).toContain("us-east-1_Example01");
    expect(html).toContain("exampleclientid0000000001");
    expect(html).toContain("USERNAME=alice,PASSWORD=Passw0rd!");
    expect(html).not.toMatch(/<script>|\son[a-z]+=/);
    const script = await fetch(`${emu.url}/_emu/ui/landing.js`);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
  });

  it("is the emulator's own page: other origins and rebindable Host names are refused; POST / stays the AWS API", async () => {
    const foreign = await fetch(`${emu.url}/`, { headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const rebound = await request(emu.url).get("/").set({ Host: "attacker.example", Accept: HTML });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatchObject({ __type: "AccessDeniedException" });

    const api = await fetch(`${emu.url}/`, {
      method: "POST",
      headers: { origin: "https://app.example", "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools", "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify({ MaxResults: 1 }),
    });
    expect(api.status).toBe(200);
    expect(api.headers.get("access-control-allow-origin")).toBe("https://app.example");
    const preflight = await fetch(`${emu.url}/`, { method: "OPTIONS", headers: { origin: "https://app.example", "access-control-request-method": "POST" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
  });

  it("the start banner names the console", () => {
    // The test emulator runs quiet, which cuts the banner to its first line; the console line is in the full one.
    const loud = { ...emu, options: { ...emu.options, quiet: false } } as typeof emu;
    expect(banner(loud).split("\n")).toContain(`  web console:       ${emu.url}/_emu/ui/`);
  });
});
