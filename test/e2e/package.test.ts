import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../support/emulator";

/**
 * The package as users get it: packed as `npm publish` would pack it, installed into a fresh project
 * that has nothing else, then type-checked with `skipLibCheck: false` and loaded from CommonJS and ESM.
 * dist/ is already built by `npm test`'s pretest; the pack runs from a copy of what `files` ships, with
 * the manifest step of `prepack` but not its build, so no test touches the repository's own files.
 */
const ROOT = path.resolve(__dirname, "../..");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const NPM_ENV = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

let project: string;
let installOutput: string;

beforeAll(() => {
  const dir = tempDir("cognito-emu-pack-");
  const copy = path.join(dir, "package");
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  for (const entry of [...manifest.files, "package.json", "README.md", "scripts/pack-manifest.js"]) {
    fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  execFileSync(process.execPath, [path.join(copy, "scripts/pack-manifest.js"), "strip"]);
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: copy, env: NPM_ENV, encoding: "utf8" }));
  const tarball = path.join(dir, packed[0].filename);
  project = path.join(dir, "app");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "app", private: true, dependencies: { "cognito-emu": `file:${tarball}` } }));
  // Every dependency is already in npm's cache from installing this repository.
  const install = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: project, env: NPM_ENV, encoding: "utf8", timeout: 240_000 });
  installOutput = `${install.stdout}${install.stderr}`;
  if (install.status !== 0) throw new Error(`npm install of the packed tarball failed:\n${installOutput}`);
}, 300_000);

it("installs without warnings and ships what it needs, nothing else", () => {
  expect(installOutput).not.toMatch(/warn/i);
  const installed = path.join(project, "node_modules/cognito-emu");
  for (const file of ["LICENSE", "README.md", "bin/cognito-emu", "dist/index.js", "dist/index.d.ts", "jest/globalSetup.js", "fixtures/example.json"]) {
    expect(fs.existsSync(path.join(installed, file))).toBe(true);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
  expect(manifest.scripts.prepare).toBeUndefined();
  expect(fs.existsSync(path.join(installed, "src"))).toBe(false);
  expect(fs.existsSync(path.join(installed, "test"))).toBe(false);
});

it("type-checks in a project that has only cognito-emu installed (skipLibCheck false)", () => {
  fs.writeFileSync(
    path.join(project, "index.ts"),
    [
      'import { startEmulator, harnessOptions, type EmulatorOptions, type FixtureDocument, type Emulator } from "cognito-emu";',
      "const options: EmulatorOptions = { port: 0, quiet: true, watch: false };",
      'const fixture: FixtureDocument = { UserPools: [{ PoolName: "typed", Clients: [{ ClientName: "web" }] }] };',
      "export async function run(): Promise<string> {",
      "  const emulator: Emulator = await startEmulator({ ...harnessOptions(), ...options });",
      "  const url = emulator.url;",
      "  await emulator.stop();",
      "  return url + JSON.stringify(fixture);",
      "}",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "node16",
        moduleResolution: "node16",
        target: "es2022",
        skipLibCheck: false,
        noEmit: true,
        // A Node project has @types/node; borrow this repository's rather than installing it.
        typeRoots: [path.join(ROOT, "node_modules/@types")],
        types: ["node"],
      },
      files: ["index.ts"],
    }),
  );
  const check = spawnSync(process.execPath, [TSC, "-p", project], { encoding: "utf8" });
  expect(`${check.stdout}${check.stderr}`).toBe("");
  expect(check.status).toBe(0);
});

it("loads from CommonJS and ESM, and resolves the jest hooks through its exports map", () => {
  const script = [
    'const { startEmulator } = require("cognito-emu");',
    'require.resolve("cognito-emu/jest/globalSetup"); require.resolve("cognito-emu/jest/globalTeardown");',
    "startEmulator({ port: 0, quiet: true, watch: false }).then(async (e) => { const r = await fetch(e.url + '/health'); console.log('cjs', r.status); await e.stop(); });",
  ].join("\n");
  const cjs = spawnSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8", timeout: 30_000 });
  expect(cjs.stdout.trim()).toBe("cjs 200");
  const esm = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", "import { startEmulator } from 'cognito-emu'; const e = await startEmulator({ port: 0, quiet: true, watch: false }); console.log('esm', (await fetch(e.url + '/health')).status); await e.stop();"],
    { cwd: project, encoding: "utf8", timeout: 30_000 },
  );
  expect(esm.stdout.trim()).toBe("esm 200");
});
