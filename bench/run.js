#!/usr/bin/env node
/*
 * npm run bench — cognito-emu against moto (server mode) and cognito-local, measured in one run with the
 * same raw-HTTP requests, at 5,000 users (created through the API, alike for every server) and, where the
 * server can take it, at 100,000 (a fixture for cognito-emu, a prepared database for cognito-local; moto
 * has no way to load users but its API).
 *
 *   BENCH_SECONDS      measured seconds per timed workload (default 3)
 *   BENCH_WARMUP       warm-up seconds per workload (default 1)
 *   BENCH_CONCURRENCY  requests in flight (default 16)
 *   BENCH_CREATE       users AdminCreateUser creates, after its warm-up (default 5000)
 *   BENCH_LARGE        users of the large fixture (default 100000)
 *   BENCH_SMALL        users of the small fixture, for flatness (default 2000)
 *   BENCH_MOTO_LARGE   users moto is given through its API for the large size (default BENCH_LARGE;
 *                      0 skips it: at moto's rate that is about three minutes at 100,000)
 *   BENCH_STARTS       empty starts per server, median reported (default 5)
 *   BENCH_LARGE_STARTS starts with the large fixture, median reported (default 3)
 *   BENCH_ROUNDS       rounds of reset, export and reload, median reported (default 5)
 *   BENCH_ONLY         comma list of servers: emu,moto,local (default all)
 *   BENCH_EMU_ROOT     another cognito-emu checkout to measure (built), e.g. an older version
 *   BENCH_TIMEOUT      seconds to wait for a server to become ready (default 60)
 *   BENCH_PROFILE      set: every cognito-emu process writes a CPU profile into .bench/profiles
 *                      (summarise one with `node bench/profile.js <file>`; the run's figures then
 *                      include the profiler's cost and are not for comparing)
 *
 * Results: a table on stdout and .bench/results.json. Every server the bench starts is killed on exit,
 * error or SIGINT/SIGTERM.
 */

const http = require("node:http");
const net = require("node:net");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn, execFileSync } = require("node:child_process");
const { Worker } = require("node:worker_threads");

const ROOT = path.resolve(__dirname, "..");
const EMU_ROOT = path.resolve(process.env.BENCH_EMU_ROOT || ROOT);
const SECONDS = num("BENCH_SECONDS", 3);
const WARMUP = num("BENCH_WARMUP", 1);
const CONCURRENCY = Math.floor(num("BENCH_CONCURRENCY", 16));
const CREATE = Math.floor(num("BENCH_CREATE", 5000));
const LARGE = Math.floor(num("BENCH_LARGE", 100000));
const SMALL = Math.floor(num("BENCH_SMALL", 2000));
const MOTO_LARGE = Math.floor(num("BENCH_MOTO_LARGE", LARGE));
const STARTS = Math.floor(num("BENCH_STARTS", 5));
const LARGE_STARTS = Math.floor(num("BENCH_LARGE_STARTS", 3));
const ROUNDS = Math.floor(num("BENCH_ROUNDS", 5));
const PROFILE = Boolean(process.env.BENCH_PROFILE);
const PROFILE_DIR = path.join(ROOT, ".bench", "profiles");
const READY_TIMEOUT_MS = num("BENCH_TIMEOUT", 60) * 1000;
const ONLY = (process.env.BENCH_ONLY || "emu,moto,local")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

const AUTHORIZATION =
  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request, " +
  "SignedHeaders=host, Signature=00";
const BENCH_USER = "bench-user";
const BENCH_PASSWORD = "Bench-Passw0rd!";
const FIXTURE_POOL = "us-east-1_Bench0001";
const FIXTURE_CLIENT = "benchclient00000000000001";

function num(name, dflt) {
  const v = process.env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench: ${name}=${v} is not a positive number`);
    process.exit(2);
  }
  return n;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => {
  const s = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (v, digits = 0) => (v === null || v === undefined ? null : +v.toFixed(digits));
const log = (line) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Child processes: every one is tracked and killed (whole process group) on any exit path.

const children = new Set();

function killTree(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // detached => own process group
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

async function stopChild(child) {
  if (!children.has(child)) return;
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", resolve);
  });
  killTree(child, "SIGTERM");
  const timer = setTimeout(() => killTree(child, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

function killAllSync() {
  for (const child of children) killTree(child, "SIGKILL");
  children.clear();
}

process.on("exit", killAllSync);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`\nbench: ${sig}, stopping servers`);
    killAllSync();
    process.exit(130);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Start a server process; its output goes to a log file (read back only on failure). */
function launch(spec, port, workDir, options = {}) {
  const logFile = path.join(workDir, `${spec.key}-${port}.log`);
  const fd = fs.openSync(logFile, "w");
  const { cmd, args, env, cwd } = spec.command(port, workDir, options);
  const child = spawn(cmd, args, {
    cwd: cwd || ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  fs.closeSync(fd);
  children.add(child);
  child.logFile = logFile;
  child.spawnError = null;
  child.on("error", (e) => {
    child.spawnError = e;
  });
  return child;
}

function logTail(child, lines = 30) {
  try {
    const text = fs.readFileSync(child.logFile, "utf8").trimEnd().split("\n");
    return text.slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Resident memory of a process, MB (Linux /proc), or null. */
function rssMb(pid, field = "VmRSS") {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+)`));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Starts peak-RSS tracking over (clear_refs 5 resets VmHWM to the current RSS); false where not available. */
function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

const agents = new Map();
function agentFor(port) {
  let a = agents.get(port);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 4 });
    agents.set(port, a);
  }
  return a;
}

/** One request. Resolves { status, body, json, bytes } or { error } (network); never rejects. */
function request(port, { method = "POST", pathName = "/", target, body, agent, timeoutMs = 30000, keepBody = true }) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { Authorization: AUTHORIZATION };
    if (target) headers["X-Amz-Target"] = `AWSCognitoIdentityProviderService.${target}`;
    if (payload) {
      headers["Content-Type"] = "application/x-amz-json-1.1";
      headers["Content-Length"] = payload.length;
    }
    const req = http.request(
      { host: "127.0.0.1", port, method, path: pathName, headers, agent: agent === undefined ? agentFor(port) : agent },
      (res) => {
        const chunks = [];
        let bytes = 0;
        res.on("data", (c) => {
          bytes += c.length;
          if (keepBody) chunks.push(c);
        });
        res.on("end", () => {
          const text = keepBody ? Buffer.concat(chunks).toString("utf8") : "";
          let json;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, body: text, json, bytes });
        });
        res.on("error", (error) => resolve({ error }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on("error", (error) => resolve({ error }));
    if (payload) req.write(payload);
    req.end();
  });
}

function describeFailure(res) {
  if (res.error) return `network: ${res.error.code || res.error.message}`;
  const type = (res.json && (res.json.__type || res.json.code)) || res.headers["x-amzn-errortype"] || "";
  const msg = (res.json && (res.json.message || res.json.Message)) || "";
  const short = type || msg ? `${type}${msg ? `: ${msg}` : ""}` : res.body.slice(0, 160);
  return `HTTP ${res.status} ${short}`.trim();
}

async function call(port, target, body, check) {
  const res = await request(port, { target, body });
  if (res.error || res.status !== 200 || (check && !check(res.json))) {
    const err = new Error(
      `${target} failed: ${describeFailure(res)}${res.status === 200 ? ` (unexpected body ${res.body.slice(0, 200)})` : ""}`,
    );
    err.operation = target;
    throw err;
  }
  return res.json;
}

// ---------------------------------------------------------------------------------------------
// Readiness

/** Polls probe() (fresh connection each time) until it reports ready; returns ms since t0. */
async function waitReady(child, probe, t0, what) {
  const deadline = t0 + READY_TIMEOUT_MS;
  let last = "no attempt";
  for (;;) {
    if (child.spawnError) throw new Error(`${what}: could not spawn: ${child.spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what}: exited (${child.exitCode ?? child.signalCode}) before becoming ready; log tail:\n${logTail(child)}`);
    }
    const res = await probe();
    if (res.ok) return performance.now() - t0;
    last = res.why;
    if (performance.now() > deadline) {
      throw new Error(`${what}: not ready after ${READY_TIMEOUT_MS / 1000} s (last probe: ${last}); log tail:\n${logTail(child)}`);
    }
    await sleep(5);
  }
}

function probeRequest(port, options, ok) {
  return async () => {
    const res = await request(port, { ...options, agent: false, timeoutMs: 5000 });
    if (!res.error && res.status === 200 && ok(res.json)) return { ok: true };
    return { ok: false, why: describeFailure(res) };
  };
}

const probeListUserPools = (port) => probeRequest(port, { target: "ListUserPools", body: { MaxResults: 10 } }, (j) => Array.isArray(j?.UserPools));
const probeHealth = (port) => probeRequest(port, { method: "GET", pathName: "/health" }, () => true);
const probeGetUser = (port, poolId, username) =>
  probeRequest(port, { target: "AdminGetUser", body: { UserPoolId: poolId, Username: username } }, (j) => j?.Username === username);

// ---------------------------------------------------------------------------------------------
// Data

const fixtureUser = (i) => ({ username: `user${i}`, password: `Passw0rd!${i}`, email: `user${i}@example.com` });

/** A fixture of `n` users, each with a password, email and email_verified, and an app client for sign-in. */
function fixtureDocument(n, changed) {
  const users = new Array(n);
  for (let i = 0; i < n; i++) {
    const { username, password, email } = fixtureUser(i);
    users[i] = { Username: username, Password: password, Attributes: { email: i === changed?.index ? changed.email : email, email_verified: "true" } };
  }
  return {
    UserPools: [
      {
        Id: FIXTURE_POOL,
        PoolName: "bench",
        Clients: [{ ClientId: FIXTURE_CLIENT, ClientName: "bench", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
        Users: users,
      },
    ],
  };
}

function writeFixture(file, n, changed) {
  fs.writeFileSync(file, `${JSON.stringify(fixtureDocument(n, changed))}\n`);
}

// ---------------------------------------------------------------------------------------------
// Servers

function which(cmd) {
  try {
    return execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

const SERVERS = [
  {
    key: "emu",
    name: "cognito-emu",
    available() {
      if (!fs.existsSync(path.join(EMU_ROOT, "dist", "cli", "main.js"))) return `${EMU_ROOT}/dist is not built (run \`npm run build\`)`;
      return null;
    },
    version() {
      const { version } = require(path.join(EMU_ROOT, "package.json"));
      return EMU_ROOT === ROOT ? version : `${version} (${EMU_ROOT})`;
    },
    command(port, workDir, { fixture, watch = false } = {}) {
      return {
        cmd: process.execPath,
        args: [
          ...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=emu-${fixture ? path.basename(fixture, ".json") : "empty"}-${port}.cpuprofile`] : []),
          path.join(EMU_ROOT, "bin", "cognito-emu"),
          "start",
          "--port",
          String(port),
          ...(watch ? [] : ["--no-watch"]),
          "--quiet",
          "--fixtures",
          fixture || path.join(workDir, "emu-empty.json"),
        ],
        cwd: workDir,
      };
    },
    prepare(workDir) {
      // An empty fixture: at 5,000 users every server starts without pools and is set up through the API alike.
      fs.writeFileSync(path.join(workDir, "emu-empty.json"), `${JSON.stringify({ UserPools: [] })}\n`);
    },
    probe: probeHealth,
    probeLabel: "GET /health 200",
  },
  {
    key: "moto",
    name: "moto",
    available() {
      const py = which("python3");
      if (!py) return "python3 not found";
      try {
        execFileSync(py, ["-c", "import moto.server"], { stdio: "pipe" });
      } catch (e) {
        return `python3 cannot import moto.server (${String(e.stderr || e.message).trim().split("\n").pop()})`;
      }
      return null;
    },
    version() {
      try {
        return execFileSync("python3", ["-c", "import moto; print(moto.__version__)"], { encoding: "utf8" }).trim();
      } catch {
        return "unknown";
      }
    },
    command(port) {
      return { cmd: "python3", args: ["-m", "moto.server", "-p", String(port)], env: { PYTHONUNBUFFERED: "1" } };
    },
    probe: probeListUserPools,
    probeLabel: "first ListUserPools 200",
  },
  {
    key: "local",
    name: "cognito-local",
    binPath() {
      const pkgPath = require.resolve("cognito-local/package.json", { paths: [ROOT] });
      const pkg = require(pkgPath);
      const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && (pkg.bin["cognito-local"] || Object.values(pkg.bin)[0]);
      return path.join(path.dirname(pkgPath), bin);
    },
    available() {
      try {
        const bin = this.binPath();
        if (!fs.existsSync(bin)) return `cognito-local bin ${bin} is missing`;
      } catch (_e) {
        return "cognito-local is not installed (npm install -D cognito-local)";
      }
      return null;
    },
    version() {
      return require(require.resolve("cognito-local/package.json", { paths: [ROOT] })).version;
    },
    /** A fresh data folder (cognito-local keeps its db in ./.cognito under its cwd). */
    dataDir(workDir) {
      const cwd = fs.mkdtempSync(path.join(workDir, "cognito-local-"));
      // Its built-in UserPoolDefaults has UsernameAttributes ["email"], applied to every pool created
      // without that field, so AdminCreateUser "bench-user" fails ("Username should be an email").
      // Real Cognito (and moto, and cognito-emu) default to plain usernames: say so in its config
      // (arrays in .cognito/config.json replace the defaults) rather than change the shared requests.
      fs.mkdirSync(path.join(cwd, ".cognito"));
      fs.writeFileSync(path.join(cwd, ".cognito", "config.json"), `${JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } })}\n`);
      return cwd;
    },
    command(port, workDir, { dataDir } = {}) {
      return {
        cmd: process.execPath,
        args: [this.binPath()],
        // HOST: its default "localhost" may bind ::1 only; the bench talks to 127.0.0.1.
        env: { PORT: String(port), HOST: "127.0.0.1" },
        cwd: dataDir || this.dataDir(workDir),
      };
    },
    probe: probeListUserPools,
    probeLabel: "first ListUserPools 200",
  },
];

// ---------------------------------------------------------------------------------------------
// Workloads

/** A pool with an app client (created through the API unless the fixture has one), and the bench user. */
async function setup(port, existing) {
  let poolId = existing?.poolId;
  let clientId = existing?.clientId;
  if (!poolId) {
    poolId = (await call(port, "CreateUserPool", { PoolName: "bench" }, (j) => j?.UserPool?.Id)).UserPool.Id;
    clientId = (
      await call(
        port,
        "CreateUserPoolClient",
        { UserPoolId: poolId, ClientName: "bench", GenerateSecret: false, ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
        (j) => j?.UserPoolClient?.ClientId,
      )
    ).UserPoolClient.ClientId;
  }
  await call(port, "AdminCreateUser", { UserPoolId: poolId, Username: BENCH_USER, MessageAction: "SUPPRESS" }, (j) => j?.User);
  await call(port, "AdminSetUserPassword", { UserPoolId: poolId, Username: BENCH_USER, Password: BENCH_PASSWORD, Permanent: true });
  return { poolId, clientId };
}

/** Closed loop: CONCURRENCY workers, each sends its next request when the previous answers, until `more()` says stop. */
async function drive(port, next, ok, more, collect) {
  const stats = { ok: 0, errors: 0, errorKinds: new Map(), latencies: [] };
  const t0 = performance.now();
  async function worker() {
    while (more(stats)) {
      const body = next();
      const s = performance.now();
      const res = await request(port, { target: body.target, body: body.body });
      const dt = performance.now() - s;
      if (!res.error && res.status === 200 && ok(res.json)) {
        stats.ok++;
        if (collect) stats.latencies.push(dt);
      } else {
        stats.errors++;
        const why = res.status === 200 ? `HTTP 200 without expected result: ${res.body.slice(0, 120)}` : describeFailure(res);
        stats.errorKinds.set(why, (stats.errorKinds.get(why) || 0) + 1);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  stats.elapsedMs = performance.now() - t0;
  return stats;
}

function summarize(s) {
  s.latencies.sort((a, b) => a - b);
  const pct = (p) => (s.latencies.length ? s.latencies[Math.min(s.latencies.length - 1, Math.floor((p / 100) * s.latencies.length))] : null);
  const result = {
    requests: s.ok + s.errors,
    errors: s.errors,
    seconds: round(s.elapsedMs / 1000, 3),
    rps: s.errors === 0 && s.ok > 0 ? round(s.ok / (s.elapsedMs / 1000), 1) : null,
    p50ms: round(pct(50), 2),
    p99ms: round(pct(99), 2),
  };
  if (s.errors) result.errorKinds = Object.fromEntries([...s.errorKinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5));
  return result;
}

/** A timed workload: WARMUP seconds, then SECONDS measured. */
async function timed(port, make, ok) {
  const until = (ms) => {
    const end = performance.now() + ms;
    return () => performance.now() < end;
  };
  if (WARMUP > 0) await drive(port, make, ok, until(WARMUP * 1000), false);
  return summarize(await drive(port, make, ok, until(SECONDS * 1000), true));
}

/** A counted workload: WARMUP seconds of the same requests, then `count` measured. */
async function counted(port, make, ok, count) {
  const end = performance.now() + WARMUP * 1000;
  if (WARMUP > 0) await drive(port, make(true), ok, () => performance.now() < end, false);
  let sent = 0;
  return summarize(await drive(port, make(false), ok, () => sent++ < count, true));
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** The workloads of the table, on a pool whose users are `known` (username -> email). */
async function workloads(port, ctx, { known, create = true, signIn = true }, tag, report) {
  const out = {};
  const run = async (key, label, fn) => {
    out[key] = await fn();
    const r = out[key];
    report(`    ${label}: ${r.errors ? `${r.errors}/${r.requests} errors: ${JSON.stringify(r.errorKinds)}` : `${r.rps} req/s (p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, ${r.requests} requests)`}`);
  };
  if (create) {
    await run("adminCreateUser", `AdminCreateUser ×${CREATE} (email, SUPPRESS)`, () =>
      counted(
        port,
        (warm) => {
          let seq = 0;
          return () => {
            const name = `${warm ? "w" : "c"}-${tag}-${++seq}`;
            if (!warm) known.push([name, `${name}@example.com`]);
            return {
              target: "AdminCreateUser",
              body: { UserPoolId: ctx.poolId, Username: name, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: `${name}@example.com` }] },
            };
          };
        },
        (j) => !!j?.User,
        CREATE,
      ),
    );
  }
  await run("adminGetUser", "AdminGetUser", () =>
    timed(port, () => ({ target: "AdminGetUser", body: { UserPoolId: ctx.poolId, Username: pick(known)[0] } }), (j) => !!j?.Username),
  );
  await run("listUsersFilter", "ListUsers with a filter (email = ...)", () =>
    timed(
      port,
      () => ({ target: "ListUsers", body: { UserPoolId: ctx.poolId, Filter: `email = "${pick(known)[1]}"` } }),
      (j) => Array.isArray(j?.Users) && j.Users.length === 1,
    ),
  );
  if (signIn) {
    await run("initiateAuth", "InitiateAuth USER_PASSWORD_AUTH", () =>
      timed(
        port,
        () => ({ target: "InitiateAuth", body: { AuthFlow: "USER_PASSWORD_AUTH", ClientId: ctx.clientId, AuthParameters: { USERNAME: BENCH_USER, PASSWORD: BENCH_PASSWORD } } }),
        (j) => !!j?.AuthenticationResult?.AccessToken,
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The signing ceiling: what this machine's cores sign, RS256 with a 2048-bit key, measured now.

const SIGNER = `
const { parentPort, workerData } = require("node:worker_threads");
const { generateKeyPairSync, sign } = require("node:crypto");
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const input = Buffer.from("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.".padEnd(900, "x"));
parentPort.once("message", () => {
  const end = Date.now() + workerData.ms;
  let n = 0;
  while (Date.now() < end) { sign("sha256", input, privateKey); n++; }
  parentPort.postMessage(n);
});`;

async function signingRate(threads, seconds) {
  const workers = Array.from({ length: threads }, () => new Worker(SIGNER, { eval: true, workerData: { ms: seconds * 1000 } }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once("online", resolve))));
  const counts = await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve, reject) => {
          w.once("message", resolve);
          w.once("error", reject);
          w.postMessage("go");
        }),
    ),
  );
  await Promise.all(workers.map((w) => w.terminate()));
  return counts.reduce((a, b) => a + b, 0) / seconds;
}

async function signingCeiling() {
  const oneCore = await signingRate(1, 2);
  const twoCores = await signingRate(2, 2);
  // Two signatures per sign-in: the ID token's and the access token's.
  return { oneCoreSignaturesPerSecond: round(oneCore), twoCoreSignaturesPerSecond: round(twoCores), signInsPerSecond: round(twoCores / 2) };
}

// ---------------------------------------------------------------------------------------------
// Per server

async function startOnce(spec, workDir, options, probe, also) {
  const port = await freePort();
  const t0 = performance.now();
  const child = launch(spec, port, workDir, options);
  try {
    const readyMs = await waitReady(child, probe(port), t0, `${spec.name} start`);
    const rssAtReady = rssMb(child.pid);
    const alsoMs = also ? await waitReady(child, also(port), t0, `${spec.name} start`) : undefined;
    // Resident memory once the server has settled: at the moment it turns ready, garbage it has not
    // collected yet (or work it left for later) may not show.
    await sleep(1000);
    return { readyMs, rssMb: Math.max(rssAtReady ?? 0, rssMb(child.pid) ?? 0), rssAtReadyMb: rssAtReady, alsoMs };
  } finally {
    await stopChild(child);
  }
}

async function emptyStarts(spec, workDir) {
  const runs = [];
  for (let i = 0; i < STARTS; i++) runs.push(await startOnce(spec, workDir, {}, spec.probe));
  return { probe: spec.probeLabel, medianMs: round(median(runs.map((r) => r.readyMs))), runsMs: runs.map((r) => round(r.readyMs)) };
}

/** A running server for the workloads; `stop()` when done. */
async function running(spec, workDir, options = {}, probe = spec.probe) {
  const port = await freePort();
  const t0 = performance.now();
  const child = launch(spec, port, workDir, options);
  await waitReady(child, probe(port), t0, spec.name);
  return {
    port,
    child,
    async stop() {
      agents.get(port)?.destroy();
      agents.delete(port);
      await stopChild(child);
    },
  };
}

/** Users created through the API (5,000), then every workload; alike for every server. */
async function apiSized(spec, workDir, report) {
  const server = await running(spec, workDir);
  try {
    const ctx = await setup(server.port);
    const known = [];
    const result = await workloads(server.port, ctx, { known }, `${spec.key}${process.pid}`, report);
    return { users: known.length, workloads: result };
  } finally {
    await server.stop();
  }
}

/** A server that takes users only through its API (moto), given `n` of them that way, then the read and sign-in workloads. */
async function apiPopulated(spec, workDir, n, report) {
  const server = await running(spec, workDir);
  try {
    const ctx = await setup(server.port);
    const known = [];
    let created = 0;
    const t0 = performance.now();
    const filled = await drive(
      server.port,
      () => {
        const { username, email } = fixtureUser(created++);
        known.push([username, email]);
        return { target: "AdminCreateUser", body: { UserPoolId: ctx.poolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: email }] } };
      },
      (j) => !!j?.User,
      () => created < n,
      false,
    );
    if (filled.errors) throw new Error(`creating ${n} users: ${filled.errors} errors: ${JSON.stringify(Object.fromEntries(filled.errorKinds))}`);
    const fillSeconds = round((performance.now() - t0) / 1000, 1);
    report(`    ${n} users created in ${fillSeconds} s`);
    const workloadsAtSize = await workloads(server.port, ctx, { known, create: false }, `${spec.key}${process.pid}`, report);
    return { users: n, fillSeconds, workloads: workloadsAtSize };
  } finally {
    await server.stop();
  }
}

/** cognito-emu with a fixture of `n` users: start, memory, workloads, and at the large size export, reset and reload. */
async function emuFixture(spec, workDir, n, large, report) {
  const fixture = path.join(workDir, `emu-${n}.json`);
  writeFixture(fixture, n);
  const known = [];
  for (let i = 0; i < n; i++) known.push([fixtureUser(i).username, fixtureUser(i).email]);
  const out = { users: n };
  if (large) {
    const starts = [];
    for (let i = 0; i < LARGE_STARTS; i++) {
      starts.push(await startOnce(spec, workDir, { fixture, watch: true }, spec.probe, (port) => probeGetUser(port, FIXTURE_POOL, "user0")));
    }
    out.start = {
      medianMs: round(median(starts.map((s) => s.readyMs))),
      runsMs: starts.map((s) => round(s.readyMs)),
      rssMb: round(median(starts.map((s) => s.rssMb))),
      rssRunsMb: starts.map((s) => round(s.rssMb)),
      firstGetUserMs: round(median(starts.map((s) => s.alsoMs))),
    };
    report(`    start to healthy with ${n} users: median ${out.start.medianMs} ms (${out.start.runsMs.join(", ")}); RSS 1 s after ${out.start.rssMb} MB (${out.start.rssRunsMb.join(", ")}); first AdminGetUser ${out.start.firstGetUserMs} ms`);
  }
  const server = await running(spec, workDir, { fixture, watch: large });
  try {
    const ctx = await setup(server.port, { poolId: FIXTURE_POOL, clientId: FIXTURE_CLIENT });
    if (large) out.signingCeiling = await signingCeiling();
    out.workloads = await workloads(server.port, ctx, { known, create: large, signIn: large }, `${spec.key}${process.pid}`, report);
    if (large) {
      out.state = await stateExport(server, report);
      out.reset = await resets(server, report);
      out.reload = await reloads(server, fixture, n, report);
    }
  } finally {
    await server.stop();
  }
  return out;
}

async function stateExport(server, report) {
  const runs = [];
  for (let i = 0; i < Math.min(ROUNDS, 3); i++) {
    await sleep(500);
    const before = rssMb(server.child.pid);
    const tracked = resetPeak(server.child.pid);
    let peak = before;
    // Sampled as well, where the peak cannot be read.
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(server.child.pid) ?? 0);
    }, 5);
    const t0 = performance.now();
    const res = await request(server.port, { method: "GET", pathName: "/_emu/state", keepBody: false, timeoutMs: 120000 });
    const ms = performance.now() - t0;
    clearInterval(sampler);
    if (tracked) peak = Math.max(peak, rssMb(server.child.pid, "VmHWM") ?? 0);
    if (res.error || res.status !== 200) throw new Error(`GET /_emu/state failed: ${describeFailure(res)}`);
    runs.push({ ms: round(ms), mb: round(res.bytes / 1048576, 1), rssBeforeMb: round(before), riseMb: round(peak - before) });
  }
  const result = { medianMs: median(runs.map((r) => r.ms)), maxRiseMb: Math.max(...runs.map((r) => r.riseMb)), runs };
  report(`    GET /_emu/state: median ${result.medianMs} ms for ${runs[0].mb} MB; resident memory rose by at most ${result.maxRiseMb} MB (${runs.map((r) => r.riseMb).join(", ")})`);
  return result;
}

async function resets(server, report) {
  const { port } = server;
  const reset = async () => {
    const t0 = performance.now();
    const res = await request(port, { pathName: "/_emu/reset" });
    if (res.error || res.status !== 200) throw new Error(`POST /_emu/reset failed: ${describeFailure(res)}`);
    return performance.now() - t0;
  };
  // The first reset drops what the workloads made (thousands of users, sign-ins); then a test's worth each time.
  const afterWorkloads = await reset();
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < 10; j++) {
      await call(port, "AdminCreateUser", { UserPoolId: FIXTURE_POOL, Username: `r-${i}-${j}`, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: `r${i}${j}@example.com` }] });
    }
    await call(port, "AdminDeleteUser", { UserPoolId: FIXTURE_POOL, Username: `user${i + 10}` });
    await call(port, "AdminUpdateUserAttributes", { UserPoolId: FIXTURE_POOL, Username: `user${i + 20}`, UserAttributes: [{ Name: "name", Value: "changed" }] });
    runs.push(round(await reset(), 1));
  }
  const back = await call(port, "AdminGetUser", { UserPoolId: FIXTURE_POOL, Username: "user10" });
  if (back.Username !== "user10") throw new Error("reset did not bring a deleted fixture user back");
  const result = { medianMs: median(runs), runsMs: runs, afterWorkloadsMs: round(afterWorkloads, 1) };
  report(`    POST /_emu/reset: median ${result.medianMs} ms (${runs.join(", ")}) after a test's worth of changes; ${result.afterWorkloadsMs} ms after the workloads`);
  return result;
}

/**
 * Another client, in a thread of its own: AdminGetUser one after the other, 5 ms apart, each timed. On
 * the bench's own thread the timings would also count what the bench does meanwhile (writing the file).
 */
const RELOAD_PROBE = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = Buffer.from(JSON.stringify({ UserPoolId: workerData.pool, Username: workerData.username }));
const now = () => performance.timeOrigin + performance.now();
const timings = [];
let failure;
let done = false;
function once() {
  return new Promise((resolve) => {
    const start = now();
    const req = http.request(
      { host: "127.0.0.1", port: workerData.port, method: "POST", path: "/", agent,
        headers: { Authorization: workerData.authorization, "X-Amz-Target": "AWSCognitoIdentityProviderService.AdminGetUser",
          "Content-Type": "application/x-amz-json-1.1", "Content-Length": body.length } },
      (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode !== 200) failure = "AdminGetUser during reload answered " + res.statusCode;
          timings.push([start, now()]);
          resolve();
        });
      },
    );
    req.on("error", (error) => { failure = "AdminGetUser during reload failed: " + error.message; resolve(); });
    req.end(body);
  });
}
parentPort.once("message", () => { done = true; });
(async () => {
  while (!done && !failure) {
    await once();
    await new Promise((r) => setTimeout(r, 5));
  }
  agent.destroy();
  parentPort.postMessage({ timings, failure });
})();`;

async function reloads(server, fixture, n, report) {
  const { port } = server;
  const runs = [];
  for (let i = 1; i <= Math.min(ROUNDS, 3); i++) {
    const index = 5;
    const email = `changed-${i}@example.com`;
    const text = `${JSON.stringify(fixtureDocument(n, { index, email }))}\n`;
    const probe = new Worker(RELOAD_PROBE, { eval: true, workerData: { port, pool: FIXTURE_POOL, username: "user7", authorization: AUTHORIZATION } });
    const probed = new Promise((resolve, reject) => {
      probe.once("message", resolve);
      probe.once("error", reject);
    });
    await sleep(300);
    const writtenAt = performance.timeOrigin + performance.now();
    const t0 = performance.now();
    fs.writeFileSync(fixture, text);
    let visible;
    for (;;) {
      const res = await request(port, { target: "AdminGetUser", body: { UserPoolId: FIXTURE_POOL, Username: `user${index}` } });
      if (res.json?.UserAttributes?.find((a) => a.Name === "email")?.Value === email) {
        visible = performance.now() - t0;
        break;
      }
      if (performance.now() - t0 > 30000) throw new Error("the reload did not show within 30 s");
      await sleep(2);
    }
    await sleep(300);
    probe.postMessage("stop");
    const { timings, failure } = await probed;
    await probe.terminate();
    if (failure) throw new Error(failure);
    // Every request that was still unanswered when the file was written or started after it.
    const during = timings.filter(([, end]) => end >= writtenAt);
    const slowest = Math.max(0, ...during.map(([start, end]) => end - start));
    runs.push({ visibleMs: round(visible), slowestRequestMs: round(slowest, 1), probes: during.length });
    await sleep(500);
  }
  const result = { medianVisibleMs: median(runs.map((r) => r.visibleMs)), slowestRequestMs: Math.max(...runs.map((r) => r.slowestRequestMs)), runs };
  report(
    `    hot reload of one changed user: visible after median ${result.medianVisibleMs} ms (${runs.map((r) => r.visibleMs).join(", ")}); slowest other request meanwhile ${result.slowestRequestMs} ms (${runs.map((r) => `${r.probes} requests`).join(", ")})`,
  );
  return result;
}

/** cognito-local over a database of `n` users written beforehand, as its own files hold them. */
async function localPrepared(spec, workDir, n, report) {
  const dataDir = spec.dataDir(workDir);
  let ctx;
  {
    const server = await running(spec, workDir, { dataDir });
    try {
      ctx = await setup(server.port);
    } finally {
      await server.stop();
    }
  }
  const dbFile = path.join(dataDir, ".cognito", "db", `${ctx.poolId}.json`);
  const db = JSON.parse(fs.readFileSync(dbFile, "utf8"));
  const template = db.Users[BENCH_USER];
  const known = [];
  for (let i = 0; i < n; i++) {
    const { username, password, email } = fixtureUser(i);
    known.push([username, email]);
    db.Users[username] = {
      ...template,
      Username: username,
      Password: password,
      Attributes: [
        { Name: "email", Value: email },
        { Name: "email_verified", Value: "true" },
        { Name: "sub", Value: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` },
      ],
      UserStatus: "CONFIRMED",
      RefreshTokens: [],
    };
  }
  fs.writeFileSync(dbFile, JSON.stringify(db));
  const out = { users: n };
  const starts = [];
  for (let i = 0; i < LARGE_STARTS; i++) starts.push(await startOnce(spec, workDir, { dataDir }, (port) => probeGetUser(port, ctx.poolId, "user0")));
  out.start = {
    probe: "first AdminGetUser of a stored user 200",
    medianMs: round(median(starts.map((s) => s.readyMs))),
    runsMs: starts.map((s) => round(s.readyMs)),
    rssMb: round(median(starts.map((s) => s.rssMb))),
    rssRunsMb: starts.map((s) => round(s.rssMb)),
  };
  report(`    start to first AdminGetUser with ${n} users: median ${out.start.medianMs} ms (${out.start.runsMs.join(", ")}); RSS 1 s after ${out.start.rssMb} MB`);
  const server = await running(spec, workDir, { dataDir }, (port) => probeGetUser(port, ctx.poolId, "user0"));
  try {
    // Every write rewrites the whole database file: creating users or signing in (refresh tokens) at this size is not measured.
    out.workloads = await workloads(server.port, ctx, { known, create: false, signIn: false }, `${spec.key}${process.pid}`, report);
  } finally {
    await server.stop();
  }
  return out;
}

async function benchServer(spec, workDir) {
  const result = { name: spec.name, version: null, status: "ok", reason: null, start: null, sizes: {} };
  const missing = spec.available();
  if (missing) {
    result.status = "n/a";
    result.reason = missing;
    return result;
  }
  result.version = spec.version();
  if (spec.prepare) spec.prepare(workDir);
  log(`\n${spec.name} ${result.version}`);
  const report = (line) => log(line);
  try {
    result.start = await emptyStarts(spec, workDir);
    report(`  start to healthy, empty: median ${result.start.medianMs} ms (${result.start.runsMs.join(", ")})`);
    report(`  ${CREATE.toLocaleString("en")} users created through the API:`);
    result.sizes.api = await apiSized(spec, workDir, report);
    if (spec.key === "emu") {
      report(`  ${SMALL.toLocaleString("en")}-user fixture:`);
      result.sizes.small = await emuFixture(spec, workDir, SMALL, false, report);
      report(`  ${LARGE.toLocaleString("en")}-user fixture:`);
      result.sizes.large = await emuFixture(spec, workDir, LARGE, true, report);
    } else if (spec.key === "local") {
      report(`  ${LARGE.toLocaleString("en")} users in a prepared database:`);
      result.sizes.large = await localPrepared(spec, workDir, LARGE, report);
    } else if (spec.key === "moto" && MOTO_LARGE > 0) {
      report(`  ${MOTO_LARGE.toLocaleString("en")} users created through the API:`);
      result.sizes.large = await apiPopulated(spec, workDir, MOTO_LARGE, report);
    }
  } catch (e) {
    result.status = "failed";
    result.reason = e.message;
    report(`  failed: ${e.message}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Report

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [fmt(rows[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(fmt)].join("\n");
}

const rps = (w) => w?.rps || null;
const fmtRps = (v) => (v === null || v === undefined ? "n/a" : `${Math.round(v).toLocaleString("en")}/s`);
const fmtMs = (v) => (v === null || v === undefined ? "n/a" : `${Math.round(v).toLocaleString("en")} ms`);
const times = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : "n/a");
const verdict = (ok) => (ok === null ? "n/a" : ok ? "met" : "NOT met");

function report(results) {
  const { emu, moto, local } = results;
  const e = emu?.sizes ?? {};
  const api = (s, k) => rps(s?.sizes?.api?.workloads?.[k]);
  const at = (size, k) => rps(e[size]?.workloads?.[k]);
  const L = LARGE.toLocaleString("en");
  const C = CREATE.toLocaleString("en");
  const ML = MOTO_LARGE.toLocaleString("en");
  const rows = [["figure", "cognito-emu", "moto", "cognito-local", "ratio", "target", ""]];

  const start = e.large?.start;
  rows.push([
    `start to healthy, ${L}-user fixture (password, email, email_verified each)`,
    start ? `${fmtMs(start.medianMs)} (first AdminGetUser ${fmtMs(start.firstGetUserMs)})` : "n/a",
    "n/a (users only through its API)",
    local?.sizes?.large?.start ? `${fmtMs(local.sizes.large.start.medianMs)} (first AdminGetUser)` : "n/a",
    local?.sizes?.large?.start && start ? `${times(local.sizes.large.start.medianMs, start.firstGetUserMs)} sooner than cognito-local` : "n/a",
    "≤ 1,500 ms",
    verdict(start ? start.medianMs <= 1500 : null),
  ]);
  rows.push([
    "resident memory 1 s after that start",
    start ? `${round(start.rssMb)} MB` : "n/a",
    "n/a",
    local?.sizes?.large?.start ? `${round(local.sizes.large.start.rssMb)} MB` : "n/a",
    "",
    "≤ 200 MB",
    verdict(start ? start.rssMb <= 200 : null),
  ]);
  const state = e.large?.state;
  rows.push([`GET /_emu/state at ${L} users (streamed)`, state ? `${fmtMs(state.medianMs)}, memory +${state.maxRiseMb} MB` : "n/a", "n/a", "n/a", "", "memory rises < 50 MB", verdict(state ? state.maxRiseMb < 50 : null)]);
  const reset = e.large?.reset;
  rows.push([`POST /_emu/reset at ${L} users (median)`, reset ? `${reset.medianMs} ms (${reset.afterWorkloadsMs} ms after the workloads)` : "n/a", "n/a", "n/a", "", "≤ 300 ms", verdict(reset ? reset.medianMs <= 300 && reset.afterWorkloadsMs <= 300 : null)]);
  const reload = e.large?.reload;
  rows.push([
    `hot reload changing one user of ${L}`,
    reload ? `${fmtMs(reload.medianVisibleMs)}, others held ≤ ${reload.slowestRequestMs} ms` : "n/a",
    "n/a",
    "n/a",
    "",
    "≤ 300 ms, others held ≤ 50 ms",
    verdict(reload ? reload.medianVisibleMs <= 300 && reload.slowestRequestMs <= 50 : null),
  ]);
  const createEmu = api(emu, "adminCreateUser");
  const createMoto = api(moto, "adminCreateUser");
  rows.push([
    `AdminCreateUser (email, SUPPRESS), ${C} users, ${CONCURRENCY} in flight`,
    `${fmtRps(createEmu)} (into ${L}: ${fmtRps(at("large", "adminCreateUser"))})`,
    fmtRps(createMoto),
    fmtRps(api(local, "adminCreateUser")),
    `${times(createEmu, createMoto)} moto, ${times(createEmu, api(local, "adminCreateUser"))} cognito-local`,
    "≥ 10× moto",
    verdict(createEmu && createMoto ? createEmu / createMoto >= 10 : null),
  ]);
  const ceiling = e.large?.signingCeiling;
  const signEmu = at("large", "initiateAuth");
  rows.push([
    `InitiateAuth USER_PASSWORD_AUTH, ${CONCURRENCY} in flight`,
    `${fmtRps(signEmu)} (at ${C} users: ${fmtRps(api(emu, "initiateAuth"))})`,
    `${fmtRps(api(moto, "initiateAuth"))} at ${C}, ${fmtRps(rps(moto?.sizes?.large?.workloads?.initiateAuth))} at ${ML}`,
    fmtRps(api(local, "initiateAuth")),
    ceiling
      ? `${Math.round((100 * signEmu) / ceiling.signInsPerSecond)}% of the two-core ceiling (${fmtRps(ceiling.signInsPerSecond)}: ${Math.round(ceiling.twoCoreSignaturesPerSecond).toLocaleString("en")} RS256 signatures/s, 2 per sign-in); ${times(api(emu, "initiateAuth"), api(moto, "initiateAuth"))} moto`
      : "n/a",
    "≥ 60% of the ceiling",
    verdict(ceiling && signEmu ? signEmu / ceiling.signInsPerSecond >= 0.6 : null),
  ]);
  for (const [key, label] of [
    ["listUsersFilter", "ListUsers with a filter (email = ...)"],
    ["adminGetUser", "AdminGetUser"],
  ]) {
    const small = at("small", key);
    const large = at("large", key);
    const five = api(emu, key);
    rows.push([
      label,
      `${fmtRps(small)} at ${SMALL.toLocaleString("en")}, ${fmtRps(five)} at ${C}, ${fmtRps(large)} at ${L}`,
      `${fmtRps(api(moto, key))} at ${C}, ${fmtRps(rps(moto?.sizes?.large?.workloads?.[key]))} at ${ML}`,
      `${fmtRps(api(local, key))} at ${C}, ${fmtRps(rps(local?.sizes?.large?.workloads?.[key]))} at ${L}`,
      `${L} ÷ ${SMALL.toLocaleString("en")}: ${small && large ? (large / small).toFixed(2) : "n/a"}; ${times(five, api(moto, key))} moto at ${C}, ${times(large, rps(moto?.sizes?.large?.workloads?.[key]))} at ${ML}`,
      "flat from 2,000 to 100,000",
      verdict(small && large ? large / small >= 0.8 : null),
    ]);
  }
  const startCell = (s) => (s?.start ? fmtMs(s.start.medianMs) : "n/a");
  rows.push([
    "start to healthy, no users (median)",
    startCell(emu),
    startCell(moto),
    startCell(local),
    emu?.start && moto?.start ? `${times(moto.start.medianMs, emu.start.medianMs)} sooner than moto, ${times(local?.start?.medianMs, emu.start.medianMs)} than cognito-local` : "n/a",
    "",
    "",
  ]);
  return table(rows);
}

async function main() {
  for (const k of ONLY) {
    if (!SERVERS.some((s) => s.key === k)) {
      console.error(`bench: BENCH_ONLY: unknown server "${k}" (use emu, moto, local)`);
      process.exit(2);
    }
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-bench-"));
  const cpus = os.cpus();
  const loadBefore = os.loadavg().map((v) => round(v, 2));
  log(
    `cognito-emu bench: ${CONCURRENCY} in flight, ${SECONDS} s per timed workload after ${WARMUP} s warm-up; ` +
      `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : "cpu"}, node ${process.version}; load average ${loadBefore.join(" ")}`,
  );
  const results = {};
  try {
    for (const spec of SERVERS) {
      if (!ONLY.includes(spec.key)) continue;
      results[spec.key] = await benchServer(spec, workDir);
    }
  } finally {
    killAllSync();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const loadAfter = os.loadavg().map((v) => round(v, 2));
  log(`\n${report(results)}`);
  log(`\nload average before ${loadBefore.join(" ")}, after ${loadAfter.join(" ")} (other work on the machine moves every figure).`);
  for (const r of Object.values(results)) {
    if (r.status !== "ok") log(`${r.name}: ${r.status}${r.reason ? ` — ${r.reason.split("\n")[0]}` : ""}`);
  }
  const out = {
    date: new Date().toISOString(),
    machine: { cpus: cpus.length, cpuModel: cpus[0] ? cpus[0].model.trim() : null, node: process.version, platform: `${os.platform()} ${os.release()}`, loadBefore, loadAfter },
    config: { seconds: SECONDS, warmupSeconds: WARMUP, concurrency: CONCURRENCY, create: CREATE, large: LARGE, small: SMALL, starts: STARTS, largeStarts: LARGE_STARTS, rounds: ROUNDS, only: ONLY, emuRoot: EMU_ROOT },
    servers: results,
  };
  const outDir = path.join(ROOT, ".bench");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "results.json"), `${JSON.stringify(out, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), path.join(outDir, "results.json")) || ".bench/results.json"}`);
  // Non-zero when a selected server was not fully measured (not installed, failed, errors).
  const hasErrors = (r) =>
    Object.values(r.sizes || {}).some((size) => Object.values(size.workloads || {}).some((w) => w.errors));
  process.exitCode = Object.values(results).some((r) => r.status !== "ok" || hasErrors(r)) ? 1 : 0;
}

main().catch((e) => {
  console.error(`bench: ${e.stack || e.message}`);
  killAllSync();
  process.exit(1);
});
