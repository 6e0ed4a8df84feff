import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { tempDir } from "../support/emulator";

// No Docker engine runs where these tests do, so the image's entry is checked by running it outside
// Docker: the final stage's CMD, in its WORKDIR (this checkout), with its ENV, and /fixtures and /data
// mapped to folders of the test's own.
const ROOT = path.resolve(__dirname, "../..");

interface Instruction {
  keyword: string;
  args: string;
}

function parseDockerfile(text: string): Instruction[] {
  const logical = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  return logical
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [keyword] = line.split(/\s/, 1);
      return { keyword: keyword.toUpperCase(), args: line.slice(keyword.length).trim() };
    });
}

/** `KEY=value KEY2="value 2"` as ENV writes them. */
function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[match[1]] = match[3] ?? match[2];
  return env;
}

const dockerfile = parseDockerfile(fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8"));
const finalStage = dockerfile.slice(dockerfile.map((i) => i.keyword).lastIndexOf("FROM"));
const one = (keyword: string) => finalStage.filter((i) => i.keyword === keyword).at(-1)?.args;
const imageEnv = Object.assign({}, ...finalStage.filter((i) => i.keyword === "ENV").map((i) => parseEnv(i.args))) as Record<string, string>;
const command: string[] = JSON.parse(one("CMD") ?? "null");
const healthcheck: string[] = JSON.parse(/CMD\s+(\[.*\])$/.exec(one("HEALTHCHECK") ?? "")?.[1] ?? "null");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The container's view of the file system, mapped onto folders of this test. */
function containerPaths() {
  const fixtures = tempDir("cognito-emu-fixtures-");
  const data = tempDir("cognito-emu-data-");
  // COPY fixtures /fixtures: what the image serves when nothing is mounted.
  for (const file of fs.readdirSync(path.join(ROOT, "fixtures"))) fs.copyFileSync(path.join(ROOT, "fixtures", file), path.join(fixtures, file));
  const map = (value: string) => value.replace(/^\/fixtures\b/, fixtures).replace(/^\/data\b/, data);
  return { fixtures, data, map };
}

interface Container {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  ready: Promise<void>;
}

/** Starts the image's CMD with the image's ENV, plus `env` as `docker run -e` would add it. */
function runEntry(env: Record<string, string>, map: (value: string) => string): Container {
  const [program, ...args] = command;
  const merged = Object.fromEntries(Object.entries({ ...imageEnv, ...env }).map(([k, v]) => [k, map(v)]));
  const child = spawn(program === "node" ? process.execPath : program, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...merged },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/listening on http/.test(output)) {
        clearInterval(timer);
        resolve();
      }
    }, 25);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`entry command exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output, exited, ready };
}

function runHealthcheck(env: Record<string, string>): number | null {
  const [program, ...args] = healthcheck;
  return spawnSync(program === "node" ? process.execPath : program, args, { env: { ...process.env, ...imageEnv, ...env }, timeout: 10_000 }).status;
}

describe("Dockerfile", () => {
  it("builds a small, non-root image that serves on 0.0.0.0 and checks /health", () => {
    // The current Node LTS line, and the build stage on the same line as the image that runs its output.
    expect(finalStage[0].args).toMatch(/^node:24-alpine\b/);
    expect(dockerfile.find((i) => i.keyword === "FROM")?.args).toMatch(/^node:24-[a-z]+-slim AS build$/);
    const user = one("USER");
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(imageEnv).toMatchObject({ COGNITO_EMU_HOST: "0.0.0.0", COGNITO_EMU_PORT: "9229", COGNITO_EMU_FIXTURES: "/fixtures" });
    expect(one("EXPOSE")).toBe(imageEnv.COGNITO_EMU_PORT);
    expect(one("WORKDIR")).toBe("/app");
    expect(command).toEqual(["node", "bin/cognito-emu", "start"]);
    expect(healthcheck[0]).toBe("node");
    expect(healthcheck.join(" ")).toContain("/health");
  });

  it("copies only files that exist and that .dockerignore lets through", () => {
    const ignore = fs.readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    expect(ignore[0]).toBe("*");
    const allowed = ignore.filter((l) => l.startsWith("!")).map((l) => l.slice(1).replace(/\/$/, ""));
    for (const copy of dockerfile.filter((i) => i.keyword === "COPY" && !i.args.startsWith("--from"))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) {
        const name = source.replace(/^\.\//, "").replace(/\/$/, "");
        expect(fs.existsSync(path.join(ROOT, name))).toBe(true);
        expect(allowed).toContain(name);
      }
    }
    // The build stage compiles with the same scripts as a checkout does.
    expect(dockerfile.some((i) => i.keyword === "RUN" && i.args.includes("npm run build"))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.build).toBeDefined();
  });
});

describe("the image's entry command, run outside Docker", () => {
  jest.setTimeout(30_000);
  const running: Container[] = [];
  afterEach(async () => {
    for (const container of running.splice(0)) {
      if (container.child.exitCode === null) container.child.kill("SIGKILL");
      await container.exited;
    }
  });

  it("serves the bundled example from /fixtures on 0.0.0.0, passes its HEALTHCHECK, and stops cleanly on docker stop (SIGTERM)", async () => {
    const { map } = containerPaths();
    const port = String(await freePort());
    // Nothing listening yet: the check fails.
    expect(runHealthcheck({ COGNITO_EMU_PORT: port })).toBe(1);
    const container = runEntry({ COGNITO_EMU_PORT: port }, map);
    running.push(container);
    await container.ready;
    // 0.0.0.0 is shown as localhost: what a published port is reached by.
    expect(container.output()).toContain(`listening on http://localhost:${port}`);
    expect(container.output()).toContain("us-east-1_Example01");
    expect(runHealthcheck({ COGNITO_EMU_PORT: port })).toBe(0);
    container.child.kill("SIGTERM");
    expect(await container.exited).toBe(0);
  });

  it("takes every option from the environment: mounted fixtures, region, persistence, JSON logs", async () => {
    const { fixtures, data, map } = containerPaths();
    // A mount replaces the image's /fixtures.
    for (const file of fs.readdirSync(fixtures)) fs.rmSync(path.join(fixtures, file));
    fs.writeFileSync(path.join(fixtures, "ci.json"), JSON.stringify({ UserPools: [{ Id: "eu-west-1_Mounted01", PoolName: "mounted" }] }));
    const port = String(await freePort());
    const env = {
      COGNITO_EMU_PORT: port,
      COGNITO_EMU_REGION: "eu-west-1",
      COGNITO_EMU_WATCH: "false",
      COGNITO_EMU_PERSIST: "/data/state.json",
      COGNITO_EMU_LOG_FORMAT: "json",
      COGNITO_EMU_QUIET: "false",
    };
    const container = runEntry(env, map);
    running.push(container);
    await container.ready;
    const url = `http://127.0.0.1:${port}`;
    expect(await fetch(`${url}/health`).then((r) => r.json())).toMatchObject({ status: "ok", region: "eu-west-1", userPools: 1 });
    const state = (await fetch(`${url}/_emu/state`).then((r) => r.json())) as { UserPools: Array<{ Id: string }> };
    expect(state.UserPools.map((p) => p.Id)).toEqual(["eu-west-1_Mounted01"]);
    await fetch(`${url}/`, {
      method: "POST",
      headers: { "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools", "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify({ MaxResults: 10 }),
    });
    await new Promise((r) => setTimeout(r, 100));
    const request = container
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .find((entry) => entry.type === "request");
    expect(request).toMatchObject({ operation: "ListUserPools", outcome: "ok" });
    container.child.kill("SIGTERM");
    expect(await container.exited).toBe(0);
    expect(fs.existsSync(path.join(data, "state.json"))).toBe(true);
  });
});
