import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { transformSync } from "@swc/core";
import { OPTION_ENV } from "../../src/index";
import { Logger } from "../../src/log";
import type { RunningEmulator } from "../../src/server/emulator";
import { BIN } from "../support/cli";
import { tempDir } from "../support/emulator";
import { startEmulator } from "../../src/server/emulator";

/**
 * Every fenced block of the README is exercised here, by its language: code runs against an emulator
 * (`http://127.0.0.1:9229` is rewritten to the test's own), shell commands run or are checked against
 * what they name, and sample output is compared with what the emulator really prints. A block no
 * handler recognises fails, so a new snippet cannot go untested.
 */
const ROOT = path.resolve(__dirname, "../..");
// jest's own dependency; the project has no types for it.
const yaml = require("js-yaml") as { load(text: string): unknown };
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const DEFAULT_URL = /http:\/\/(127\.0\.0\.1|localhost):9229/g;

interface Block {
  lang: string;
  code: string;
  heading: string;
  line: number;
  /** From `<!-- file: path -->` just above the block: the snippet is a file of a user's project. */
  file?: string;
}

function readBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  let heading = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^#{1,4} /.test(line)) heading = line.replace(/^#+ /, "");
    const open = /^```(\w*)\s*$/.exec(line);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    let above = start - 1;
    while (above >= 0 && !lines[above].trim()) above--;
    const file = /^<!-- file: (\S+) -->$/.exec(lines[above] ?? "")?.[1];
    blocks.push({ lang: open[1], code: body.join("\n"), heading, line: start + 1, file });
  }
  return blocks;
}

const blocks = readBlocks(README);
const label = (b: Block) => `README.md:${b.line} (${b.heading}, ${b.file ?? (b.lang || "text")})`;
const fileBlocks = blocks.filter((b) => b.file);
const codeBlocks = blocks.filter((b) => !b.file && ["ts", "js", "typescript", "javascript"].includes(b.lang));
const shellBlocks = blocks.filter((b) => !b.file && ["sh", "bash", "shell"].includes(b.lang));
const pythonBlocks = blocks.filter((b) => !b.file && b.lang === "python");
const yamlBlocks = blocks.filter((b) => !b.file && ["yaml", "yml"].includes(b.lang));
const jsonBlocks = blocks.filter((b) => !b.file && b.lang === "json");
const textBlocks = blocks.filter((b) => !b.file && ["", "text", "console"].includes(b.lang));

/** Packages a snippet may use that this repository does not install; such a snippet is skipped, saying so. */
const OPTIONAL_PACKAGES = ["aws-amplify"];

/** A user's project: this package and this repository's dependencies installed, plus the README's files. */
function makeProject(): string {
  const dir = tempDir("cognito-emu-readme-");
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
    if (entry !== "cognito-emu") fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry), "dir");
  }
  fs.symlinkSync(ROOT, path.join(modules, "cognito-emu"), "dir");
  for (const block of fileBlocks) {
    const target = path.join(dir, block.file!);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, block.code + "\n");
  }
  return dir;
}

let project: string;
let emu: RunningEmulator;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  project = makeProject();
  emu = await startEmulator({ port: 0, quiet: true, watch: false });
  env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emu.url,
    COGNITO_EMU_URL: emu.url,
    // Keep the user's own AWS configuration out of the way.
    AWS_CONFIG_FILE: path.join(project, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(project, "no-aws-credentials"),
    AWS_PAGER: "",
    NODE_NO_WARNINGS: "1",
  };
});
afterAll(() => emu?.stop());
beforeEach(() => emu.reset());

const rewrite = (code: string) => code.replace(DEFAULT_URL, emu.url);

/** Asynchronous on purpose: the emulator the snippet talks to runs in this process and must keep answering. */
function run(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  return new Promise<{ status: number | null; stdout: string; output: string }>((resolve) => {
    const child = spawn(command, args, { cwd: project, env: options.env ?? env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeout ?? 30_000);
    child.on("error", (error) => ((output += error.message), undefined));
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, output });
    });
    child.stdin.end(options.input ?? "");
  });
}

function succeeded(result: { status: number | null; output: string }, what: string): void {
  if (result.status !== 0) throw new Error(`${what}\nexited with ${result.status}:\n${result.output}`);
}

const have = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

/** Node 22.18+ and 24 run TypeScript themselves (type stripping), as the README tells readers to; older Node needs a tool. */
const NODE_STRIPS_TYPES = Boolean((process.features as { typescript?: unknown }).typescript);
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string; scripts: Record<string, string>; files: string[] };

describe("README", () => {
  jest.setTimeout(60_000);

  it("has snippets, and every one of them is of a kind this test exercises", () => {
    expect(blocks.length).toBeGreaterThan(20);
    const handled = new Set([...fileBlocks, ...codeBlocks, ...shellBlocks, ...pythonBlocks, ...yamlBlocks, ...jsonBlocks, ...textBlocks]);
    expect(blocks.filter((b) => !handled.has(b)).map(label)).toEqual([]);
  });

  forEachBlock(codeBlocks, (block) => {
    it("runs against the emulator", async () => {
      const missing = [...block.code.matchAll(/from "([^"]+)"/g)].map((m) => m[1].split("/")[0]).filter((name) => OPTIONAL_PACKAGES.includes(name));
      const absent = missing.filter((name) => !fs.existsSync(path.join(ROOT, "node_modules", name)));
      if (absent.length) {
        console.warn(`${label(block)} not run: it needs ${absent.join(", ")}, which is not installed here`);
        return;
      }
      let file: string;
      if (NODE_STRIPS_TYPES && ["ts", "typescript"].includes(block.lang)) {
        // As a reader runs it: saved as .mts, run by node.
        file = path.join(project, `snippet-${block.line}.mts`);
        fs.writeFileSync(file, rewrite(block.code));
      } else {
        // Node 20 cannot strip types (a reader uses tsx there); swc compiles the snippet the same way.
        const js = transformSync(rewrite(block.code), {
          filename: "snippet.ts",
          jsc: { parser: { syntax: "typescript" }, target: "es2022" },
          module: { type: "es6" },
        }).code;
        file = path.join(project, `snippet-${block.line}.mjs`);
        fs.writeFileSync(file, js);
      }
      const result = await run(process.execPath, [file]);
      succeeded(result, label(block));
    });
  });

  forEachBlock(shellBlocks, (block) => {
    it("runs, or names only what exists", async () => {
      const shellEnv: Record<string, string> = {};
      let image: string | undefined;
      for (const command of commands(rewrite(block.code))) {
        const words = shellWords(command);
        if (/^npm (ci|test)\b/.test(command)) continue; // what .ci/run itself runs
        if (words[0] === "npm" && ["install", "i"].includes(words[1])) {
          checkNpmInstall(words.slice(2));
        } else if (words[0] === "npm" && words[1] === "pack") {
          // The tarball holds the build: packing builds it first.
          expect(PACKAGE.scripts.prepack).toMatch(/\bbuild\b/);
          expect(PACKAGE.files).toEqual(expect.arrayContaining(["bin", "dist"]));
        } else if (words[0] === "npx" && words[1] === "cognito-emu") {
          await checkCognitoEmu(words.slice(2));
        } else if (words[0] === "node" && words[1] === "node_modules/cognito-emu/bin/cognito-emu") {
          // The bin as installed in a project, run in the background (`&`): the process started is the emulator.
          expect(fs.existsSync(path.join(project, words[1]))).toBe(true);
          await checkCognitoEmu(words.slice(2).filter((word) => word !== "&"));
        } else if (words[0] === "docker" && words[1] === "build") {
          expect(words).toContain("-t");
          image = words[words.indexOf("-t") + 1];
          expect(words.at(-1)).toBe(".");
          expect(fs.existsSync(path.join(ROOT, "Dockerfile"))).toBe(true);
        } else if (words[0] === "docker" && words[1] === "run") {
          checkDockerRun(words, image);
        } else if (words[0] === "export") {
          for (const assignment of words.slice(1)) {
            const [name, ...value] = assignment.split("=");
            shellEnv[name] = value.join("=");
          }
        } else if (words[0] === "aws" || words[0] === "curl") {
          if (!have(words[0])) {
            console.warn(`${label(block)}: "${command.slice(0, 60)}..." not run: no ${words[0]} on this machine`);
            continue;
          }
          const result = await run("bash", ["-c", command], { env: { ...env, ...shellEnv } });
          succeeded(result, command);
          if (words[0] === "curl" && !command.includes(">")) expect(() => JSON.parse(result.stdout)).not.toThrow();
        } else {
          throw new Error(`${label(block)}: no check for the command "${command}"; teach test/e2e/readme.test.ts how to exercise it`);
        }
      }
    });
  });

  forEachBlock(pythonBlocks, (block) => {
    it("runs with boto3", async () => {
      if ((await run("python3", ["-c", "import boto3"])).status !== 0) {
        console.warn(`${label(block)} not run: python3 with boto3 is not installed here`);
        return;
      }
      const result = await run("python3", ["-"], { input: rewrite(block.code) });
      succeeded(result, label(block));
    });
  });

  forEachBlock(jsonBlocks, (block) => {
    it("is valid JSON", () => {
      expect(() => JSON.parse(block.code)).not.toThrow();
    });
  });

  it("fixture files load, and their users can sign in", async () => {
    const fixtures = fileBlocks.filter((b) => b.file!.startsWith("cognito/"));
    expect(fixtures.length).toBeGreaterThan(0);
    const own = await startEmulator({ port: 0, quiet: true, watch: false, fixtures: fixtures.map((b) => path.join(project, b.file!)) });
    try {
      for (const pool of (JSON.parse(fixtures[0].code).UserPools ?? []) as Array<{ Id: string; Clients: Array<{ ClientId: string }>; Users: Array<{ Username: string; Password: string }> }>) {
        const user = pool.Users[0];
        const response = await fetch(`${own.url}/`, {
          method: "POST",
          headers: { "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth", "content-type": "application/x-amz-json-1.1" },
          body: JSON.stringify({ ClientId: pool.Clients[0].ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: user.Username, PASSWORD: user.Password } }),
        });
        expect(await response.json()).toHaveProperty("AuthenticationResult.IdToken");
      }
    } finally {
      await own.stop();
    }
  });

  it("the jest recipe's files pass as a user's project, in parallel workers", () => {
    const config = fileBlocks.find((b) => b.file === "jest.config.js");
    expect(config).toBeDefined();
    const tests = fileBlocks.filter((b) => /\.test\.[jt]s$/.test(b.file!));
    expect(tests.length).toBeGreaterThan(0);
    const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/jest/bin/jest.js"), "--ci", "--maxWorkers=2", "--rootDir", project], {
      cwd: project,
      encoding: "utf8",
      timeout: 90_000,
      env: { ...process.env, COGNITO_EMU_URL: "", AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: "", JEST_WORKER_ID: "" },
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toContain(`Tests:       ${tests.length} passed, ${tests.length} total`);
    expect(result.status).toBe(0);
  });

  forEachBlock(yamlBlocks, (block) => {
    it("is a GitHub Actions job whose service is this image, configured by real options", () => {
      const workflow = yaml.load(block.code) as any;
      const job = Object.values(workflow.jobs)[0] as any;
      const [name, service] = Object.entries(job.services)[0] as [string, any];
      expect(typeof service.image).toBe("string");
      const exposed = /^EXPOSE\s+(\d+)/m.exec(fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8"))![1];
      expect(service.ports.map((p: string) => String(p).split(":")[1])).toContain(exposed);
      const hostPort = String(service.ports[0]).split(":")[0];
      const known = new Set(Object.values(OPTION_ENV));
      expect(Object.keys(service.env).filter((key) => !known.has(key))).toEqual([]);
      expect(job.env.COGNITO_EMU_URL).toBe(`http://localhost:${hostPort}`);
      expect(job.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER).toBe(job.env.COGNITO_EMU_URL);
      const copy = job.steps.find((s: { run?: string }) => s.run?.startsWith("docker cp"));
      expect(copy.run).toBe(`docker cp cognito/. \${{ job.services.${name}.id }}:/fixtures/`);
      expect(fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8")).toContain("COGNITO_EMU_FIXTURES=/fixtures");
    });
  });

  forEachBlock(textBlocks, (block) => {
    it("shows what the emulator really prints, or names what exists", async () => {
      const lines = block.code.split("\n").filter((l) => l.trim());
      if (lines.some((l) => l.includes("listening on"))) return checkBanner(lines);
      if (lines.every((l) => l.startsWith("cognito-emu "))) return checkUsage(lines);
      // A map of the source tree: each entry names paths that exist (siblings after commas); indented
      // lines continue the entry above.
      const entries = lines.filter((l) => !/^\s/.test(l));
      if (entries.length && entries.every((l) => /^(bin|src|jest|test)\/?\S*[\s,]/.test(l))) {
        for (const entry of entries) {
          const [first, ...siblings] = entry.split(/\s{2,}/)[0].trim().split(/,\s*/);
          for (const named of [first, ...siblings.map((sibling) => path.join(path.dirname(first), sibling))]) {
            expect([named, fs.existsSync(path.join(ROOT, named))]).toEqual([named, true]);
          }
        }
        return;
      }
      if (lines.every((l) => /^\d\d:\d\d:\d\d /.test(l))) return checkTextLog(lines);
      if (lines.every((l) => l.startsWith("{"))) return checkJsonLog(lines);
      throw new Error(`${label(block)}: no check for this sample; teach test/e2e/readme.test.ts what it shows`);
    });
  });

  it("documents every control endpoint, and the curl examples cover them", () => {
    const curls = shellBlocks.map((b) => b.code).join("\n");
    for (const route of ["/health", "/_emu/messages", "/_emu/reset", "/_emu/clock", "/_emu/state", "/_emu/risk"]) expect(curls).toContain(route);
    expect(README).toContain("/_emu/ui/");
  });
});

/** One describe per block, named by where it is; none when the README has no block of the kind. */
function forEachBlock(list: Block[], body: (block: Block) => void): void {
  for (const block of list) describe(label(block), () => body(block));
}

/** Logical shell lines: continuations joined, comments dropped. */
function commands(script: string): string[] {
  return script
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

/** Words as the shell splits them, for the simple quoting the README uses. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

/** What an `npm install` installs: from the registry, or this package packed (the name `npm pack` gives it), or a folder. */
function checkNpmInstall(args: string[]): void {
  for (const target of args.filter((arg) => !arg.startsWith("-"))) {
    if (target.endsWith(".tgz")) expect(path.basename(target)).toBe(`${PACKAGE.name}-${PACKAGE.version}.tgz`);
    else if (!target.startsWith(".")) expect(target).toBe(PACKAGE.name);
  }
}

/** `npx cognito-emu start|exec ...` with the README's arguments: it starts, serves, and stops cleanly. */
async function checkCognitoEmu(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === "start") {
    const withPort = rest.includes("--port") ? rest : [...rest, "--port", "0"];
    const started = await startProcess([BIN, "start", ...withPort]);
    const health = await fetch(`${started.url}/health`).then((r) => r.json() as Promise<{ status: string }>);
    expect(health.status).toBe("ok");
    started.child.kill("SIGTERM");
    expect(await started.exited).toBe(0);
    return;
  }
  if (command === "exec") {
    // The README's command (npm test, ...) is the reader's; ours checks what it would be given.
    const separator = rest.indexOf("--");
    const options = rest.slice(0, separator);
    const probe = "fetch(process.env.COGNITO_EMU_URL + '/health').then((r) => process.exit(r.ok && process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ? 0 : 1))";
    const result = spawnSync(process.execPath, [BIN, "exec", ...options, "--", process.execPath, "-e", probe], { cwd: project, env, encoding: "utf8", timeout: 30_000 });
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
    return;
  }
  throw new Error(`no check for "cognito-emu ${args.join(" ")}"`);
}

function startProcess(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, args, { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1], output: () => output, exited });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function checkDockerRun(words: string[], image: string | undefined): void {
  const dockerfile = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
  const exposed = /^EXPOSE\s+(\d+)/m.exec(dockerfile)![1];
  const known = new Set(Object.values(OPTION_ENV));
  for (let i = 2; i < words.length; i++) {
    if (words[i] === "-p") expect(words[++i].split(":").at(-1)).toBe(exposed);
    else if (words[i] === "-v") expect(words[++i].split(":")[1]).toMatch(/^\/(fixtures|data)\b/);
    else if (words[i] === "-e") expect(known).toContain(words[++i].split("=")[0]);
  }
  if (image) expect(words.at(-1)).toBe(image);
}

async function checkBanner(sample: string[]): Promise<void> {
  const started = await startProcess([BIN, "start", "--port", "0", "--no-watch"]);
  const port = new URL(started.url).port;
  started.child.kill("SIGTERM");
  await started.exited;
  const squash = (l: string) => l.trim().replace(/\s+/g, " ");
  const printed = started.output().split("\n").map(squash);
  for (const line of sample) expect(printed).toContain(squash(line.replace(/:9229\b/, `:${port}`)));
}

function checkUsage(lines: string[]): void {
  const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" }).stdout;
  for (const line of lines) {
    const word = line.split(/\s+/)[1];
    if (word.startsWith("-")) continue;
    expect(help).toContain(word);
  }
}

/** Each sample line is what the logger prints for the facts it shows. */
function checkTextLog(lines: string[]): void {
  for (const line of lines) {
    const [hh, mm, ss] = line.slice(0, 8).split(":").map(Number);
    const printed: string[] = [];
    const log = new Logger("text", false, (l) => printed.push(l), { color: false, now: () => new Date(2026, 0, 2, hh, mm, ss) });
    const request = /^\S+ (\S+) +(\S+) +(\S+) +(\S+) (\d+\.\d) ms$/.exec(line);
    const message = /^\S+ ✉ (EMAIL|SMS) to (\S+) (?:code|temporary password) (\S+) {2}\((\w+) · (\S+) · (\S+)\)$/.exec(line);
    if (request) {
      const [, operation, pool, user, outcome, ms] = request;
      log.request({ operation, userPoolId: pool === "-" ? undefined : pool, username: user === "-" ? undefined : user, outcome, ms: Number(ms) });
    } else if (message) {
      const [, deliveryMedium, destination, code, reason, userPoolId, username] = message;
      log.message(`${deliveryMedium} to ${destination}`, { deliveryMedium, destination, code, reason, userPoolId, username });
    } else {
      throw new Error(`not a log line the emulator prints: ${line}`);
    }
    expect(printed).toEqual([line]);
  }
}

function checkJsonLog(lines: string[]): void {
  for (const line of lines) {
    const entry = JSON.parse(line);
    const printed: string[] = [];
    const log = new Logger("json", false, (l) => printed.push(l), { now: () => new Date(entry.time) });
    const { level, time, type, message, ...fields } = entry;
    if (type === "request") log.request(fields);
    else if (type === "message") log.message(message, fields);
    else throw new Error(`not a log entry the emulator writes: ${line}`);
    expect(JSON.parse(printed[0])).toEqual(entry);
    expect([level, time]).toEqual([JSON.parse(printed[0]).level, JSON.parse(printed[0]).time]);
  }
}
