import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type Emulator, harnessOptions, startEmulator } from "../../src/index";
import { Logger } from "../../src/log";
import { BIN, runCli } from "../support/cli";
import { tempDir } from "../support/emulator";

const ROOT = path.resolve(__dirname, "../..");

const client = (emu: Emulator) =>
  new CognitoIdentityProviderClient({ endpoint: emu.url, region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "s" }, maxAttempts: 1 });

function fixtureFile(document: object): string {
  const file = path.join(tempDir(), "fixtures.json");
  fs.writeFileSync(file, JSON.stringify(document));
  return file;
}

const POOL = "us-east-1_Harness01";
const poolFixture = { UserPools: [{ Id: POOL, PoolName: "harness", Users: [{ Username: "fixed", Password: "Passw0rd!" }] }] };

describe("programmatic API", () => {
  it("is the package's main export, typed, and builds to package.json's main", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(pkg.main).toBe("dist/index.js");
    expect(pkg.types).toBe("dist/index.d.ts");
    expect(fs.readFileSync(path.join(ROOT, "src/index.ts"), "utf8")).toContain("export async function startEmulator");
  });

  it("runs several instances in one process, each with its own state, clock, outbox and port", async () => {
    const fixtures = [fixtureFile(poolFixture)];
    const [a, b] = await Promise.all([startEmulator({ port: 0, quiet: true, fixtures }), startEmulator({ port: 0, quiet: true, fixtures })]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
      await client(a).send(
        new AdminCreateUserCommand({ UserPoolId: POOL, Username: "only-in-a", UserAttributes: [{ Name: "email", Value: "a@example.com" }], DesiredDeliveryMediums: ["EMAIL"] }),
      );
      await expect(client(b).send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "only-in-a" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
      expect(await a.messages({ username: "only-in-a" })).toHaveLength(1);
      expect(await b.messages()).toEqual([]);

      await a.clock.advance(3600);
      expect(a.clock.offsetSeconds()).toBe(3600);
      expect(b.clock.offsetSeconds()).toBe(0);
      const clockB = await fetch(`${b.url}/_emu/clock`).then((r) => r.json() as Promise<{ offsetSeconds: number }>);
      expect(clockB.offsetSeconds).toBe(0);

      await client(b).send(new CreateUserPoolCommand({ PoolName: "only-in-b" }));
      await a.reset();
      expect(a.clock.offsetSeconds()).toBe(0);
      expect((await b.state()).UserPools!.map((p) => p.PoolName).sort()).toEqual(["harness", "only-in-b"]);
      expect((await a.state()).UserPools!.map((p) => p.PoolName)).toEqual(["harness"]);

      await a.stop();
      await a.stop();
      expect((await client(b).send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools).toHaveLength(2);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it("reports bad options as errors, not crashes", async () => {
    await expect(startEmulator({ port: 0, quiet: true, fixtures: ["/nonexistent/fixtures.json"] })).rejects.toThrow("/nonexistent/fixtures.json");
  });
});

describe("harness options (what the jest hooks start)", () => {
  it("defaults to a free port, quiet and unwatched; reads cognito-emu.config.json, then COGNITO_EMU_* over it", () => {
    const dir = tempDir();
    expect(harnessOptions(dir, {})).toEqual({ port: 0, quiet: true, watch: false });
    fs.writeFileSync(path.join(dir, "cognito-emu.config.json"), JSON.stringify({ fixtures: "./fixtures", region: "eu-west-1", persist: "state.json" }));
    expect(harnessOptions(dir, { COGNITO_EMU_REGION: "ap-south-1", COGNITO_EMU_QUIET: "false" })).toEqual({
      port: 0,
      quiet: false,
      watch: false,
      fixtures: [path.join(dir, "fixtures")],
      region: "ap-south-1",
      persist: path.join(dir, "state.json"),
    });
    expect(harnessOptions(dir, { COGNITO_EMU_FIXTURES: "/a.json,/b", COGNITO_EMU_PORT: "9300" })).toMatchObject({ fixtures: ["/a.json", "/b"], port: 9300 });    expect(harnessOptions(dir, { COGNITO_EMU_ALLOW_HOST: "emu.test,other.test" })).toMatchObject({ allowHosts: ["emu.test", "other.test"] });
    fs.writeFileSync(path.join(dir, "cognito-emu.config.json"), JSON.stringify({ allowHosts: ["emu.test"] }));
    expect(harnessOptions(dir, {})).toMatchObject({ allowHosts: ["emu.test"] });
  });

  it("names the file or variable that is wrong", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "cognito-emu.config.json"), JSON.stringify({ prot: 1 }));
    expect(() => harnessOptions(dir, {})).toThrow(/cognito-emu\.config\.json: unknown option "prot"/);
    fs.writeFileSync(path.join(dir, "cognito-emu.config.json"), JSON.stringify({ port: "x" }));
    expect(() => harnessOptions(dir, {})).toThrow(/option "port" must be a number/);
    expect(() => harnessOptions(tempDir(), { COGNITO_EMU_PORT: "abc" })).toThrow("COGNITO_EMU_PORT=abc");
  });
});

/** A throwaway project that depends on this package, as a user's would. */
function userProject(files: Record<string, string>): string {
  const dir = tempDir("cognito-emu-project-");
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "cognito-emu"), "dir");
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Runs jest in a user's project; the project's other dependencies come from this repository. */
function runJest(dir: string, args: string[] = []) {
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules/jest/bin/jest.js"), "--rootDir", dir, "--ci", ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 90_000,
    env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules"), COGNITO_EMU_URL: "", AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: "", JEST_WORKER_ID: "" },
  });
}

describe("jest globalSetup / globalTeardown", () => {
  jest.setTimeout(120_000);

  it("starts one emulator per run, hands its URL to parallel workers, and stops it afterwards", () => {
    const worker = (name: string) => `
      const fs = require("node:fs");
      const { CognitoIdentityProviderClient, CreateUserPoolCommand, AdminCreateUserCommand, AdminGetUserCommand } = require("@aws-sdk/client-cognito-identity-provider");
      // No endpoint here: the SDK reads AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.
      const idp = new CognitoIdentityProviderClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "s" } });
      test("${name}", async () => {
        expect(process.env.COGNITO_EMU_URL).toMatch(/^http:\\/\\/127\\.0\\.0\\.1:\\d+$/);
        expect(process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER).toBe(process.env.COGNITO_EMU_URL);
        const health = await fetch(process.env.COGNITO_EMU_URL + "/health").then((r) => r.json());
        expect(health.region).toBe("eu-central-1");
        // A pool per file: parallel files never see each other's users.
        const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: "${name}" }));
        await idp.send(new AdminCreateUserCommand({ UserPoolId: UserPool.Id, Username: "someone", MessageAction: "SUPPRESS" }));
        expect((await idp.send(new AdminGetUserCommand({ UserPoolId: UserPool.Id, Username: "someone" }))).Username).toBe("someone");
        const fixture = await idp.send(new AdminGetUserCommand({ UserPoolId: "eu-central-1_FromConf1", Username: "configured" }));
        expect(fixture.UserStatus).toBe("CONFIRMED");
        fs.writeFileSync(__dirname + "/${name}.seen", JSON.stringify({ url: process.env.COGNITO_EMU_URL, worker: process.env.JEST_WORKER_ID }));
      });`;
    const dir = userProject({
      "jest.config.js": `module.exports = { testEnvironment: "node", transform: {}, globalSetup: "cognito-emu/jest/globalSetup", globalTeardown: "cognito-emu/jest/globalTeardown" };`,
      "cognito-emu.config.json": JSON.stringify({ fixtures: ["./cognito"], region: "eu-central-1" }),
      "cognito/pool.json": JSON.stringify({ UserPools: [{ Id: "eu-central-1_FromConf1", PoolName: "conf", Users: [{ Username: "configured", Password: "Passw0rd!" }] }] }),
      "one.test.js": worker("one"),
      "two.test.js": worker("two"),
      "three.test.js": worker("three"),
    });
    const run = runJest(dir, ["--maxWorkers=2"]);
    expect(`${run.stdout}${run.stderr}`).toContain("Tests:       3 passed, 3 total");
    expect(run.status).toBe(0);
    const seen = ["one", "two", "three"].map((name) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.seen`), "utf8")));
    expect(new Set(seen.map((s) => s.url)).size).toBe(1);
    expect(new Set(seen.map((s) => s.worker)).size).toBe(2);
    // Teardown closed the port: nothing answers there any more.
    const closed = spawnSync(process.execPath, ["-e", `fetch(${JSON.stringify(seen[0].url)} + "/health").then(() => process.exit(0), () => process.exit(7))`]);
    expect(closed.status).toBe(7);
  });
});

describe("cognito-emu exec", () => {
  jest.setTimeout(30_000);
  const node = process.execPath;

  it("runs a one-string command line through the shell, with the emulator's URL set", () => {
    const run = runCli(["exec", "--", `"${node}" -e "console.log(process.env.COGNITO_EMU_URL)" && echo second`]);
    expect(run.status).toBe(0);
    const [url, second] = run.stdout.trim().split("\n");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(second).toBe("second");
  });

  it("exits 127 when the command does not exist", () => {
    const run = runCli(["exec", "--", "/no/such/command", "arg"]);
    expect(run.status).toBe(127);
    expect(run.stderr).toContain("cannot run /no/such/command");
  });

  it("exits 128 + n when the command is killed by signal n", () => {
    const run = runCli(["exec", "--", node, "-e", "process.kill(process.pid, 'SIGTERM'); setTimeout(() => {}, 5000)"]);
    expect(run.status).toBe(143);
  });

  it("passes SIGTERM and SIGINT on to the command, then stops the emulator and exits with the command's status", async () => {
    for (const [signal, expected] of [
      ["SIGTERM", 143],
      ["SIGINT", 130],
    ] as const) {
      const dir = tempDir();
      const script = `require("fs").writeFileSync(${JSON.stringify(path.join(dir, "url"))}, process.env.COGNITO_EMU_URL); setInterval(() => {}, 1000);`;
      const child = spawn(node, [BIN, "exec", "--", node, "-e", script], { stdio: "ignore" });
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const urlFile = path.join(dir, "url");
      for (let i = 0; i < 200 && !fs.existsSync(urlFile); i++) await new Promise((r) => setTimeout(r, 50));
      const url = fs.readFileSync(urlFile, "utf8");
      expect((await fetch(`${url}/health`)).status).toBe(200);
      child.kill(signal);
      expect(await exited).toBe(expected);
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    }
  });

  it("exits 1 with one line when the emulator cannot start, without running the command", () => {
    const run = runCli(["exec", "--fixtures", "/no/such/fixtures.json", "--", node, "-e", "console.log('ran')"]);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain("ran");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("logs", () => {
  const at = new Date(2026, 0, 2, 3, 4, 5);
  const capture = (format: "text" | "json", quiet = false, color = false) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const log = new Logger(format, quiet, (line) => lines.push(line), { color, now: () => at, errorSink: (line) => errors.push(line) });
    return { log, lines, errors };
  };

  it("prints one readable line per request: time, operation, pool, user, outcome, ms", () => {
    const { log, lines } = capture("text");
    log.request({ operation: "InitiateAuth", userPoolId: "us-east-1_Example01", username: "alice", outcome: "ok", ms: 4.24 });
    log.request({ operation: "AdminGetUser", userPoolId: "us-east-1_Example01", username: "bob", outcome: "UserNotFoundException", ms: 0.8 });
    log.request({ operation: "ListUserPools", outcome: "ok", ms: 1 });
    expect(lines).toEqual([
      "03:04:05 InitiateAuth               us-east-1_Example01  alice            ok 4.2 ms",
      "03:04:05 AdminGetUser               us-east-1_Example01  bob              UserNotFoundException 0.8 ms",
      "03:04:05 ListUserPools              -                    -                ok 1.0 ms",
    ]);
  });

  it("sets codes and invitations apart, in colour on a terminal", () => {
    const plain = capture("text");
    const fields = { userPoolId: "us-east-1_Example01", username: "alice", destination: "alice@example.com", deliveryMedium: "EMAIL", reason: "ForgotPassword", code: "123456" };
    plain.log.message("EMAIL to alice@example.com", fields);
    plain.log.message("SMS to +15555550100", { ...fields, destination: "+15555550100", deliveryMedium: "SMS", reason: "AdminCreateUser", code: "Tmp!pass1" });
    expect(plain.lines).toEqual([
      "03:04:05 ✉ EMAIL to alice@example.com code 123456  (ForgotPassword · us-east-1_Example01 · alice)",
      "03:04:05 ✉ SMS to +15555550100 temporary password Tmp!pass1  (AdminCreateUser · us-east-1_Example01 · alice)",
    ]);
    const coloured = capture("text", false, true);
    coloured.log.message("EMAIL to alice@example.com", fields);
    expect(coloured.lines[0]).toContain("\x1b[1;30;43m 123456 \x1b[0m");
  });

  it("--log-format json: one object per line with the same facts", () => {
    const { log, lines } = capture("json");
    log.request({ operation: "SignUp", userPoolId: "p", username: "u", outcome: "ok", ms: 2.345 });
    log.message("EMAIL to u@example.com", { userPoolId: "p", username: "u", destination: "u@example.com", deliveryMedium: "EMAIL", reason: "SignUp", code: "654321" });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { level: "info", type: "request", time: at.toISOString(), operation: "SignUp", userPoolId: "p", username: "u", outcome: "ok", ms: 2.3 },
      { level: "info", type: "message", time: at.toISOString(), message: "EMAIL to u@example.com", userPoolId: "p", username: "u", destination: "u@example.com", deliveryMedium: "EMAIL", reason: "SignUp", code: "654321" },
    ]);
  });

  it("--quiet keeps only errors, including requests the emulator itself failed", () => {
    const { log, lines, errors } = capture("text", true);
    log.info("fixtures reloaded");
    log.request({ operation: "SignUp", outcome: "ok", ms: 1 });
    log.request({ operation: "SignUp", outcome: "UsernameExistsException", ms: 1 });
    log.message("EMAIL", { code: "1" });
    log.request({ operation: "SignUp", outcome: "InternalErrorException", ms: 1 });
    log.error("fixtures not reloaded: bad.json");
    expect(lines).toEqual([]);
    expect(errors).toEqual([expect.stringContaining("InternalErrorException"), "03:04:05 error: fixtures not reloaded: bad.json"]);
  });

  it("times reload, reset and trigger lines as it times requests", () => {
    const { log, lines, errors } = capture("text");
    log.info("fixtures reloaded: 0 created, 1 updated, 0 removed, 2 unchanged");
    log.info("trigger PreSignUp_SignUp -> local module: ok", { userPoolId: "us-east-1_Example01" });
    log.warn("listening on 0.0.0.0");
    expect(lines).toEqual(["03:04:05 fixtures reloaded: 0 created, 1 updated, 0 removed, 2 unchanged", "03:04:05 trigger PreSignUp_SignUp -> local module: ok userPoolId=us-east-1_Example01"]);
    expect(errors).toEqual(["03:04:05 warning: listening on 0.0.0.0"]);
  });

  it("--log-format json: a refused request is a warning, one the emulator failed an error", () => {
    const { log, lines, errors } = capture("json");
    log.request({ operation: "SignUp", outcome: "ok", ms: 1 });
    log.request({ operation: "SignUp", outcome: "UsernameExistsException", ms: 1 });
    log.request({ operation: "SignUp", outcome: "InternalErrorException", ms: 1 });
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(["info", "warn"]);
    expect(errors.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: "error", outcome: "InternalErrorException" })]);
  });

  it("draws progress in place on a terminal only, and clears it before the next line", () => {
    const drawn: string[] = [];
    const terminal = { isTTY: true, write: (text: string) => drawn.push(text) > 0 };
    const lines: string[] = [];
    const log = new Logger("text", false, (line) => lines.push(line), { color: false, now: () => at, progressStream: terminal });
    expect(log.showsProgress).toBe(true);
    log.progress("loading fixtures: 1,000 of 50,000 users");
    log.progress("loading fixtures: 2,000 of 50,000 users");
    log.info("fixtures loaded");
    expect(drawn).toEqual(["\r\x1b[Kloading fixtures: 1,000 of 50,000 users", "\r\x1b[Kloading fixtures: 2,000 of 50,000 users", "\r\x1b[K"]);
    expect(lines).toEqual(["03:04:05 fixtures loaded"]);

    for (const quiet of [
      new Logger("text", false, () => undefined, { progressStream: { isTTY: false, write: terminal.write } }),
      new Logger("json", false, () => undefined, { progressStream: terminal }),
      new Logger("text", true, () => undefined, { progressStream: terminal }),
    ]) {
      drawn.length = 0;
      quiet.progress("loading");
      expect([quiet.showsProgress, drawn]).toEqual([false, []]);
    }
  });

  it("the CLI logs each request and each code it sends, as text or JSON", async () => {
    for (const format of ["text", "json"]) {
      const dir = tempDir();
      const script = `
        const url = process.env.COGNITO_EMU_URL;
        fetch(url + "/", { method: "POST", headers: { "x-amz-target": "AWSCognitoIdentityProviderService.AdminCreateUser", "content-type": "application/x-amz-json-1.1" },
          body: JSON.stringify({ UserPoolId: "us-east-1_Example01", Username: "logged", UserAttributes: [{ Name: "email", Value: "logged@example.com" }], DesiredDeliveryMediums: ["EMAIL"] }) })
          .then(() => fetch(url + "/_emu/messages?username=logged")).then((r) => r.json())
          .then((m) => require("fs").writeFileSync(${JSON.stringify(path.join(dir, "code"))}, m.messages[0].code));`;
      const run = runCli(["exec", "--no-watch", "--log-format", format, "--no-quiet", "--", process.execPath, "-e", script]);
      const code = fs.readFileSync(path.join(dir, "code"), "utf8");
      if (format === "text") {
        expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d AdminCreateUser +us-east-1_Example01 +logged +ok \d+\.\d ms$/m);
        expect(run.stdout).toContain(`✉ EMAIL to logged@example.com temporary password ${code}`);
      } else {
        const entries = run.stdout.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
        expect(entries).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ type: "request", operation: "AdminCreateUser", userPoolId: "us-east-1_Example01", username: "logged", outcome: "ok" }),
            expect.objectContaining({ type: "message", code, destination: "logged@example.com" }),
          ]),
        );
      }
    }
  });
});
