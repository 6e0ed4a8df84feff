import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { runCli, runCliInTerminal, startCli } from "../support/cli";
import { tempDir } from "../support/emulator";

const version = require("../../package.json").version;

describe("cognito-emu command line", () => {
  it("prints its version and help", () => {
    expect(runCli(["--version"]).stdout.trim()).toBe(version);
    const help = runCli(["start", "--help"]);
    expect(help.status).toBe(0);
    for (const option of ["--port", "--host", "--region", "--fixtures", "--no-watch", "--persist", "--lambda-endpoint", "--issuer", "--kinesis-endpoint", "--sns-endpoint"]) {
      expect(help.stdout).toContain(option);
    }
    expect(runCli(["--help"]).stdout).toMatch(/start[\s\S]*exec/);
  });

  it("starts the bundled example, prints what to sign in with, and stops cleanly on SIGTERM", async () => {
    const cli = await startCli(["--port", "0", "--no-watch"]);
    await new Promise((r) => setTimeout(r, 100));
    expect(cli.output()).toContain("us-east-1_Example01");
    expect(cli.output()).toContain("exampleclientid0000000001");
    expect(cli.output()).toMatch(/test user:\s+alice \/ Passw0rd!/);
    const health = await fetch(`${cli.url}/health`).then((r) => r.json() as Promise<any>);
    expect(health.status).toBe("ok");
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("reads every option from the environment", async () => {
    const cli = await startCli([], { COGNITO_EMU_PORT: "0", COGNITO_EMU_REGION: "eu-west-2", COGNITO_EMU_WATCH: "false", COGNITO_EMU_QUIET: "true" });
    const health = await fetch(`${cli.url}/health`).then((r) => r.json() as Promise<any>);
    expect(health.region).toBe("eu-west-2");
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
  });

  it("names each option's environment variable once in the help, with what it takes", () => {
    const help = runCli(["start", "--help"]).stdout.replace(/\s+/g, " ");
    const variables = help.match(/COGNITO_EMU_\w+/g) ?? [];
    expect(variables.length).toBeGreaterThan(10);
    expect(new Set(variables).size).toBe(variables.length);
    expect(help.match(/\benv:/g)?.length).toBe(variables.length);
    expect(help).toContain("(env: COGNITO_EMU_FIXTURES, comma-separated)");
    expect(help).toContain("(env: COGNITO_EMU_QUIET=true|false)");
    expect(help).not.toContain("(env: comma-separated)");
  });

  it("answers a usage mistake with one line and a pointer to the help, not the whole help", () => {
    const unknown = runCli(["start", "--bogus"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toBe("cognito-emu: unknown option '--bogus'; see cognito-emu start --help\n");
    expect(runCli(["start", "--prot", "1"]).stderr).toBe("cognito-emu: unknown option '--prot' (Did you mean --port?); see cognito-emu start --help\n");
    expect(runCli(["exec", "--nope", "--", "true"]).stderr).toBe("cognito-emu: unknown option '--nope'; see cognito-emu exec --help\n");
    expect(runCli(["strat"]).stderr).toBe("cognito-emu: unknown command 'strat' (Did you mean start?); see cognito-emu --help\n");
  });

  it("refuses a port out of range, or not a number, with one line naming it", () => {
    const run = runCli(["start", "--port", "70000"]);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringContaining("port 70000 is out of range (0-65535)")]);
    const word = runCli(["start", "--port", "abc"]);
    expect(word.status).toBe(1);
    expect(word.stderr.trim().split("\n")).toEqual([expect.stringContaining('"abc" is not a port number (0-65535)')]);
    expect(word.stderr).not.toContain("out of range");
    const fromEnv = runCli(["start"], { COGNITO_EMU_PORT: "-1" });
    expect(fromEnv.status).toBe(1);
    expect(fromEnv.stderr).toContain("COGNITO_EMU_PORT");
  });

  it("--quiet prints one line, where it listens, and then only errors", async () => {
    for (const [args, env] of [[["--quiet"], {}], [[], { COGNITO_EMU_QUIET: "true" }]] as const) {
      const cli = await startCli(["--port", "0", "--no-watch", ...args], env);
      await fetch(`${cli.url}/`, { method: "POST", headers: { "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools", "content-type": "application/x-amz-json-1.1" }, body: "{}" });
      await new Promise((r) => setTimeout(r, 100));
      expect(cli.output()).toBe(`cognito-emu listening on ${cli.url}\n`);
      cli.child.kill("SIGTERM");
      expect(await cli.exited).toBe(0);
    }
  });

  it("refuses a --kinesis-endpoint or --sns-endpoint that is not an http(s) URL, with one line naming it", () => {
    const kinesis = runCli(["start", "--port", "0", "--kinesis-endpoint", "localhost:4566"]);
    expect(kinesis.status).toBe(1);
    expect(kinesis.stderr.trim()).toBe("cognito-emu: --kinesis-endpoint localhost:4566 is not an http:// or https:// URL");
    const sns = runCli(["start", "--port", "0"], { COGNITO_EMU_SNS_ENDPOINT: "not a url" });
    expect(sns.stderr.trim()).toBe("cognito-emu: --sns-endpoint not a url is not an http:// or https:// URL");
  });

    it("refuses a port in use with one line naming it", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = runCli(["start", "--port", String(port), "--no-watch"]);
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(`cognito-emu: port ${port} is already in use on 127.0.0.1`);
    } finally {
      blocker.close();
    }
  });

  it("refuses a missing or invalid fixture with one line naming the file and JSON path", () => {
    const dir = tempDir();
    const missing = path.join(dir, "nope.json");
    const run = runCli(["start", "--port", "0", "--fixtures", missing]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(missing);

    const invalid = path.join(dir, "bad.json");
    fs.writeFileSync(invalid, JSON.stringify({ UserPools: [{ PoolName: "p", Clients: [{ ClientName: "c", ExplicitAuthFlows: ["NOPE"] }] }] }));
    const bad = runCli(["start", "--port", "0", "--fixtures", invalid]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("bad.json");
    expect(bad.stderr).toContain("UserPools[0].Clients[0].ExplicitAuthFlows[0]");
  });

  it("exec runs a command against a started emulator and exits with its code", () => {
    const run = runCli(["exec", "--", process.execPath, "-e", "fetch(process.env.COGNITO_EMU_URL + '/health').then(r => r.json()).then(h => { console.log('health', h.status); process.exit(3); })"]);
    expect(run.stdout).toContain("health ok");
    expect(run.status).toBe(3);
  });

  it("shows a large fixture's progress on a terminal only, and a summary line unless --quiet", () => {
    const dir = tempDir();
    const users = Array.from({ length: 1500 }, (_, i) => ({ Username: `user${i}`, Password: "Passw0rd!" }));
    const file = path.join(dir, "many.json");
    fs.writeFileSync(file, JSON.stringify({ UserPools: [{ Id: "us-east-1_Many0001", PoolName: "many", Users: users }] }));
    const args = ["exec", "--no-watch", "--fixtures", file];
    const command = ["--", process.execPath, "-e", ""];
    const summary = /\d\d:\d\d:\d\d fixtures loaded: 1,500 users in \d+\.\d s \([\d,]+ users\/s\)/;

    const piped = runCli([...args, "--no-quiet", ...command]);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toMatch(summary);
    expect(`${piped.stdout}${piped.stderr}`).not.toContain("loading fixtures");
    const quiet = runCli([...args, ...command]);
    expect(`${quiet.stdout}${quiet.stderr}`).toBe("");
    const json = runCli([...args, "--no-quiet", "--log-format", "json", ...command]);
    expect(json.stdout.trim().split("\n").map((line) => JSON.parse(line))).toContainEqual(expect.objectContaining({ level: "info", message: expect.stringMatching(/^fixtures loaded: 1,500 users/) }));

    const terminal = runCliInTerminal([...args, "--no-quiet", ...command], { NO_COLOR: "1" });
    if (!terminal) return console.warn("progress on a terminal not checked: util-linux script is not installed");
    expect(terminal.status).toBe(0);
    // Drawn after erasing the line (carriage return, erase to its end), and erased before the next line.
    const erase = "\r\x1b[K";
    const drawn = terminal.stdout.split(erase);
    expect(drawn).toContainEqual(expect.stringMatching(/^loading fixtures: 1,000 of 1,500 users \([\d,]+ users\/s\)$/));
    expect(terminal.stdout).toMatch(summary);
  });
});
