import request from "supertest";
import { type StartedCli, startCli } from "../support/cli";

/** What `start` says about where it listens, and the Host names its control endpoints answer. */
const running: StartedCli[] = [];
async function start(args: string[], env: Record<string, string> = {}): Promise<StartedCli> {
  const cli = await startCli(["--port", "0", "--no-watch", ...args], env);
  running.push(cli);
  // The warning goes to stderr, the banner to stdout: let both arrive.
  await new Promise((resolve) => setTimeout(resolve, 150));
  return cli;
}
afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.child.kill("SIGTERM");
    await cli.exited;
  }
});

const portOf = (cli: StartedCli) => new URL(cli.url).port;

describe("cognito-emu start and exposure", () => {
  it("warns, naming what is exposed, when bound to every interface, and prints the address bound and usable URLs", async () => {
    const cli = await start(["--host", "0.0.0.0"]);
    const port = portOf(cli);
    const output = cli.output();
    expect(output).toContain(`warning: listening on 0.0.0.0 (every network interface): anyone who can reach port ${port} can use the control endpoints`);
    for (const exposed of ["/_emu/*", "private signing keys", "password hashes", "reset", "clock", "web console (/_emu/ui)"]) expect(output).toContain(exposed);
    expect(output).toContain(`cognito-emu listening on http://localhost:${port} (bound to 0.0.0.0: every network interface)`);
    // The URL printed works, control endpoints included.
    expect(cli.url).toBe(`http://localhost:${port}`);
    expect((await fetch(`${cli.url}/_emu/clock`)).status).toBe(200);
  });

  it("stays silent about exposure on loopback, the default", async () => {
    const cli = await start([]);
    expect(cli.output()).not.toContain("warning:");
    expect(cli.output()).toMatch(/cognito-emu listening on http:\/\/127\.0\.0\.1:\d+\n/);
  });

  it("logs the warning and the bound address as JSON with --log-format json", async () => {
    const cli = await start(["--host", "0.0.0.0", "--log-format", "json"]);
    const lines = cli
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.level === "warn")?.message).toContain("private signing keys");
    expect(lines.find((line) => line.url)).toMatchObject({ url: expect.stringMatching(/^http:\/\/localhost:\d+$/), boundAddress: "0.0.0.0" });
  });

  it("answers the names given with --allow-host, and refuses other dotted names", async () => {
    const cli = await start(["--allow-host", "emu.test", "--allow-host", "other.test"]);
    const port = portOf(cli);
    for (const host of ["emu.test", "other.test", "cognito", "localhost"]) {
      expect([host, (await request(cli.url).get("/_emu/state").set("Host", `${host}:${port}`)).status]).toEqual([host, 200]);
    }
    const refused = await request(cli.url).get("/_emu/state").set("Host", `third.test:${port}`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain("--allow-host third.test");
  });

  it("reads allowed hosts from COGNITO_EMU_ALLOW_HOST, comma-separated", async () => {
    const cli = await start([], { COGNITO_EMU_ALLOW_HOST: "emu.test,other.test" });
    const port = portOf(cli);
    expect((await request(cli.url).get("/_emu/state").set("Host", `other.test:${port}`)).status).toBe(200);
    expect((await request(cli.url).get("/_emu/state").set("Host", `emu.test:${port}`)).status).toBe(200);
    expect((await request(cli.url).get("/_emu/state").set("Host", `third.test:${port}`)).status).toBe(403);
  });
});
