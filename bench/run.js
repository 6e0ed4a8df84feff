#!/usr/bin/env node
/*
 * npm run bench — throughput and start-up time of cognito-emu against moto (server mode) and
 * cognito-local, measured in one run with the same raw-HTTP workloads.
 *
 *   BENCH_SECONDS      measured seconds per workload (default 3)
 *   BENCH_WARMUP       warm-up seconds per workload (default 1)
 *   BENCH_CONCURRENCY  requests in flight (default 8)
 *   BENCH_STARTS       starts per server for start-to-healthy, median reported (default 5)
 *   BENCH_ONLY         comma list of servers to run: emu,moto,local (default all)
 *   BENCH_TIMEOUT      seconds to wait for a server to become ready (default 30)
 *
 * Results: a table on stdout and .bench/results.json. Every server the bench starts is killed on
 * exit, error or SIGINT/SIGTERM.
 */


const http = require("node:http");
const net = require("node:net");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn, execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..");
const SECONDS = num("BENCH_SECONDS", 3);
const WARMUP = num("BENCH_WARMUP", 1);
const CONCURRENCY = Math.max(1, Math.floor(num("BENCH_CONCURRENCY", 8)));
const STARTS = Math.max(1, Math.floor(num("BENCH_STARTS", 5)));
const READY_TIMEOUT_MS = num("BENCH_TIMEOUT", 30) * 1000;
const ONLY = (process.env.BENCH_ONLY || "emu,moto,local")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

const AUTHORIZATION =
  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request, " +
  "SignedHeaders=host, Signature=00";
const USERNAME = "bench-user";
const PASSWORD = "Bench-Passw0rd!";

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
  const timer = setTimeout(() => killTree(child, "SIGKILL"), 3000);
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
function launch(spec, port, workDir) {
  const logFile = path.join(workDir, `${spec.key}-${port}.log`);
  const fd = fs.openSync(logFile, "w");
  const { cmd, args, env, cwd } = spec.command(port, workDir);
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

// ---------------------------------------------------------------------------------------------
// HTTP

const agents = new Map();
function agentFor(port) {
  let a = agents.get(port);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 2 });
    agents.set(port, a);
  }
  return a;
}

/** One request. Resolves { status, body, json } or { error } (network); never rejects. */
function request(port, { method = "POST", pathName = "/", target, body, agent, timeoutMs = 10000 }) {
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
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, body: text, json });
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
  const type =
    (res.json && (res.json.__type || res.json.code)) || res.headers["x-amzn-errortype"] || "";
  const msg = (res.json && (res.json.message || res.json.Message)) || "";
  const short = type || msg ? `${type}${msg ? `: ${msg}` : ""}` : res.body.slice(0, 160);
  return `HTTP ${res.status} ${short}`.trim();
}

async function call(port, target, body, check) {
  const res = await request(port, { target, body });
  if (res.error || res.status !== 200 || (check && !check(res.json))) {
    const err = new Error(`${target} failed: ${describeFailure(res)}${res.status === 200 ? ` (unexpected body ${res.body.slice(0, 200)})` : ""}`);
    err.operation = target;
    throw err;
  }
  return res.json;
}

// ---------------------------------------------------------------------------------------------
// Readiness

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll probe() (fresh connection each time) until it reports ready; returns ms since t0.
 * Fails clearly on timeout or if the process exits first.
 */
async function waitReady(child, probe, t0, what) {
  const deadline = t0 + READY_TIMEOUT_MS;
  let last = "no attempt";
  for (;;) {
    if (child.spawnError) throw new Error(`${what}: could not spawn: ${child.spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${what}: exited (${child.exitCode ?? child.signalCode}) before becoming ready; log tail:\n${logTail(child)}`,
      );
    }
    const res = await probe();
    if (res.ok) return performance.now() - t0;
    last = res.why;
    if (performance.now() > deadline) {
      throw new Error(
        `${what}: not ready after ${READY_TIMEOUT_MS / 1000} s (last probe: ${last}); log tail:\n${logTail(child)}`,
      );
    }
    await sleep(10);
  }
}

function probeListUserPools(port) {
  return async () => {
    const res = await request(port, { target: "ListUserPools", body: { MaxResults: 10 }, agent: false, timeoutMs: 2000 });
    if (!res.error && res.status === 200 && res.json && Array.isArray(res.json.UserPools)) return { ok: true };
    return { ok: false, why: describeFailure(res) };
  };
}

function probeHealth(port) {
  return async () => {
    const res = await request(port, { method: "GET", pathName: "/health", agent: false, timeoutMs: 2000 });
    if (!res.error && res.status === 200) return { ok: true };
    return { ok: false, why: describeFailure(res) };
  };
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
      if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js")))
        return "dist/ is not built (run `npm run build`)";
      return null;
    },
    version() {
      return require(path.join(ROOT, "package.json")).version;
    },
    command(port, workDir) {
      return {
        cmd: process.execPath,
        args: [
          path.join(ROOT, "bin", "cognito-emu"),
          "start",
          "--port",
          String(port),
          "--no-watch",
          "--quiet",
          "--fixtures",
          path.join(workDir, "emu-fixtures.json"),
        ],
        cwd: workDir,
      };
    },
    prepare(workDir) {
      // An empty fixture: every server starts without pools and is set up through the API alike.
      fs.writeFileSync(path.join(workDir, "emu-fixtures.json"), JSON.stringify({ UserPools: [] }) + "\n");
    },
    probe: probeHealth,
    probeLabel: "GET /health 200",
    alsoListUserPools: true,
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
    command(port, workDir) {
      // cognito-local keeps its db in ./.cognito under its cwd: give every start a fresh one.
      const cwd = fs.mkdtempSync(path.join(workDir, "cognito-local-"));
      // Its built-in UserPoolDefaults has UsernameAttributes ["email"], applied to every pool created
      // without that field, so AdminCreateUser "bench-user" fails ("Username should be an email").
      // Real Cognito (and moto, and cognito-emu) default to plain usernames: say so in its config
      // (arrays in .cognito/config.json replace the defaults) rather than change the shared requests.
      fs.mkdirSync(path.join(cwd, ".cognito"));
      fs.writeFileSync(
        path.join(cwd, ".cognito", "config.json"),
        JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }) + "\n",
      );
      return {
        cmd: process.execPath,
        args: [this.binPath()],
        // HOST: its default "localhost" may bind ::1 only; the bench talks to 127.0.0.1.
        env: { PORT: String(port), HOST: "127.0.0.1" },
        cwd,
      };
    },
    probe: probeListUserPools,
    probeLabel: "first ListUserPools 200",
  },
];

// ---------------------------------------------------------------------------------------------
// Workloads

async function setup(port) {
  const pool = await call(port, "CreateUserPool", { PoolName: "bench" }, (j) => j?.UserPool?.Id);
  const poolId = pool.UserPool.Id;
  const client = await call(
    port,
    "CreateUserPoolClient",
    {
      UserPoolId: poolId,
      ClientName: "bench",
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    },
    (j) => j?.UserPoolClient?.ClientId,
  );
  const clientId = client.UserPoolClient.ClientId;
  await call(
    port,
    "AdminCreateUser",
    { UserPoolId: poolId, Username: USERNAME, MessageAction: "SUPPRESS" },
    (j) => j?.User,
  );
  await call(port, "AdminSetUserPassword", {
    UserPoolId: poolId,
    Username: USERNAME,
    Password: PASSWORD,
    Permanent: true,
  });
  return { poolId, clientId };
}

function workloads(ctx, runTag) {
  let seq = 0;
  return [
    {
      key: "initiateAuth",
      label: "InitiateAuth USER_PASSWORD_AUTH",
      target: "InitiateAuth",
      body: () => ({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: ctx.clientId,
        AuthParameters: { USERNAME, PASSWORD },
      }),
      ok: (j) => !!(j?.AuthenticationResult?.AccessToken),
    },
    {
      key: "adminCreateUser",
      label: "AdminCreateUser (unique names)",
      target: "AdminCreateUser",
      body: () => ({
        UserPoolId: ctx.poolId,
        Username: `u-${runTag}-${++seq}`,
        MessageAction: "SUPPRESS",
      }),
      ok: (j) => !!(j?.User),
    },
    {
      key: "adminGetUser",
      label: "AdminGetUser",
      target: "AdminGetUser",
      body: () => ({ UserPoolId: ctx.poolId, Username: USERNAME }),
      ok: (j) => !!(j?.Username),
    },
  ];
}

/** Closed-loop load: CONCURRENCY workers, each sends the next request when the previous answers. */
async function drive(port, wl, seconds, collect) {
  const endAt = performance.now() + seconds * 1000;
  const stats = { ok: 0, errors: 0, errorKinds: new Map(), latencies: [] };
  const t0 = performance.now();
  async function worker() {
    while (performance.now() < endAt) {
      const s = performance.now();
      const res = await request(port, { target: wl.target, body: wl.body() });
      const dt = performance.now() - s;
      if (!res.error && res.status === 200 && wl.ok(res.json)) {
        stats.ok++;
        if (collect && stats.sample === undefined) stats.sample = res.body.slice(0, 300);
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

function pct(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runWorkload(port, wl) {
  if (WARMUP > 0) await drive(port, wl, WARMUP, false);
  const s = await drive(port, wl, SECONDS, true);
  s.latencies.sort((a, b) => a - b);
  const total = s.ok + s.errors;
  const result = {
    requests: total,
    ok: s.ok,
    errors: s.errors,
    seconds: +(s.elapsedMs / 1000).toFixed(3),
    rps: s.errors === 0 && s.ok > 0 ? +(s.ok / (s.elapsedMs / 1000)).toFixed(1) : null,
    p50ms: s.latencies.length ? +pct(s.latencies, 50).toFixed(2) : null,
    p99ms: s.latencies.length ? +pct(s.latencies, 99).toFixed(2) : null,
    sampleResponse: s.sample === undefined ? null : s.sample, // first 300 chars of one success
  };
  if (s.errors) {
    result.errorKinds = Object.fromEntries([...s.errorKinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Per server

async function measureStarts(spec, workDir) {
  const times = [];
  const listTimes = [];
  for (let i = 0; i < STARTS; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = launch(spec, port, workDir);
    try {
      times.push(await waitReady(child, spec.probe(port), t0, `${spec.name} (start ${i + 1})`));
      if (spec.alsoListUserPools) {
        listTimes.push(await waitReady(child, probeListUserPools(port), t0, `${spec.name} ListUserPools (start ${i + 1})`));
      }
    } finally {
      await stopChild(child);
    }
  }
  const median = (a) => {
    const s = [...a].sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const out = {
    probe: spec.probeLabel,
    medianMs: +median(times).toFixed(0),
    runsMs: times.map((t) => +t.toFixed(0)),
  };
  if (listTimes.length) {
    out.firstListUserPoolsMedianMs = +median(listTimes).toFixed(0);
    out.firstListUserPoolsRunsMs = listTimes.map((t) => +t.toFixed(0));
  }
  return out;
}

async function benchServer(spec, workDir) {
  const result = { name: spec.name, version: null, status: "ok", reason: null, workloads: {}, start: null };
  const missing = spec.available();
  if (missing) {
    result.status = "n/a";
    result.reason = missing;
    return result;
  }
  result.version = spec.version();
  if (spec.prepare) spec.prepare(workDir);

  process.stdout.write(`\n${spec.name} ${result.version}\n`);
  try {
    result.start = await measureStarts(spec, workDir);
    process.stdout.write(`  start-to-healthy: median ${result.start.medianMs} ms (${result.start.runsMs.join(", ")})\n`);
  } catch (e) {
    result.status = "cannot start";
    result.reason = e.message;
    process.stdout.write(`  cannot start: ${e.message}\n`);
    return result;
  }

  const port = await freePort();
  const t0 = performance.now();
  const child = launch(spec, port, workDir);
  try {
    await waitReady(child, spec.probe(port), t0, spec.name);
    let ctx;
    try {
      ctx = await setup(port);
    } catch (e) {
      result.status = "setup failed";
      result.reason = e.message;
      process.stdout.write(`  setup failed: ${e.message}\n`);
      return result;
    }
    for (const wl of workloads(ctx, `${spec.key}${process.pid}`)) {
      const r = await runWorkload(port, wl);
      result.workloads[wl.key] = r;
      const line = r.errors
        ? `${r.errors}/${r.requests} errors: ${Object.entries(r.errorKinds).map(([k, n]) => `${n}× ${k}`).join("; ")}`
        : `${r.rps} req/s (p50 ${r.p50ms} ms, p99 ${r.p99ms} ms, ${r.ok} requests)`;
      process.stdout.write(`  ${wl.label}: ${line}\n`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${spec.name} exited during ${wl.label}; log tail:\n${logTail(child)}`);
      }
    }
  } catch (e) {
    result.status = "failed";
    result.reason = e.message;
    process.stdout.write(`  failed: ${e.message}\n`);
  } finally {
    agents.get(port)?.destroy();
    await stopChild(child);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Report

function ratio(a, b) {
  return a && b ? +(a / b).toFixed(2) : null;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(" | ");
  return [fmt(rows[0]), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.slice(1).map(fmt)].join("\n");
}

function cell(server, wlKey) {
  if (!server) return "skipped";
  if (server.status === "n/a" || server.status === "cannot start") return "n/a";
  const w = server.workloads[wlKey];
  if (!w) return server.status === "ok" ? "-" : "failed";
  if (w.errors) return `ERR ${w.errors}/${w.requests}`;
  return w.rps.toFixed(0);
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
  console.log(
    `cognito-emu bench: ${SECONDS} s per workload after ${WARMUP} s warm-up, ${CONCURRENCY} in flight, ` +
      `${STARTS} starts per server; ${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : "cpu"}, node ${process.version}`,
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

  const { emu, moto, local } = results;
  const wlDefs = workloads({}, "x");
  const rows = [["workload", "cognito-emu req/s", "moto req/s", "cognito-local req/s", "×moto", "×cognito-local"]];
  const ratios = {};
  for (const wl of wlDefs) {
    const e = emu?.workloads[wl.key] && emu.workloads[wl.key].rps;
    const m = moto?.workloads[wl.key] && moto.workloads[wl.key].rps;
    const l = local?.workloads[wl.key] && local.workloads[wl.key].rps;
    ratios[wl.key] = { vsMoto: ratio(e, m), vsCognitoLocal: ratio(e, l) };
    rows.push([
      wl.label,
      cell(emu, wl.key),
      cell(moto, wl.key),
      cell(local, wl.key),
      ratios[wl.key].vsMoto === null ? "n/a" : `${ratios[wl.key].vsMoto.toFixed(2)}×`,
      ratios[wl.key].vsCognitoLocal === null ? "n/a" : `${ratios[wl.key].vsCognitoLocal.toFixed(2)}×`,
    ]);
  }
  const startCell = (s) => (!s ? "skipped" : s.start ? `${s.start.medianMs} ms` : "n/a");
  const startRatio = (a, b) => (a?.start && b?.start ? `${(b.start.medianMs / a.start.medianMs).toFixed(2)}× faster` : "n/a");
  rows.push([
    "start-to-healthy (median)",
    startCell(emu),
    startCell(moto),
    startCell(local),
    startRatio(emu, moto),
    startRatio(emu, local),
  ]);

  console.log("\n" + table(rows));
  console.log(
    `\nreq/s: successful requests per second (${CONCURRENCY} in flight, keep-alive). ` +
      `× columns: cognito-emu ÷ other (higher is better for cognito-emu); for start-up, other ÷ cognito-emu.`,
  );
  console.log(
    "start-to-healthy: spawn → first success; cognito-emu: GET /health 200" +
      (emu && emu.start && emu.start.firstListUserPoolsMedianMs !== undefined
        ? ` (first ListUserPools: ${emu.start.firstListUserPoolsMedianMs} ms)`
        : "") +
      "; moto and cognito-local: first ListUserPools 200.",
  );
  for (const [key, r] of Object.entries(results)) {
    if (r.status !== "ok") {
      const [first, ...more] = (r.reason || "").split("\n");
      console.log(`${r.name}: ${r.status}${first ? ` — ${first}` : ""}`);
      for (const l of more.filter((x) => !/^\s+at /.test(x)).slice(0, 12)) console.log(`    ${l}`);
    }
    for (const [wk, w] of Object.entries(r.workloads)) {
      if (w.errors) {
        console.log(`${r.name} ${wk}: ${w.errors} of ${w.requests} requests failed:`);
        for (const [why, n] of Object.entries(w.errorKinds)) console.log(`    ${n}× ${why}`);
      }
    }
    void key;
  }

  const out = {
    date: new Date().toISOString(),
    machine: { cpus: cpus.length, cpuModel: cpus[0] ? cpus[0].model.trim() : null, node: process.version, platform: `${os.platform()} ${os.release()}` },
    config: { seconds: SECONDS, warmupSeconds: WARMUP, concurrency: CONCURRENCY, starts: STARTS, only: ONLY },
    servers: results,
    ratios,
    startRatios: {
      motoOverEmu: emu?.start && moto?.start ? +(moto.start.medianMs / emu.start.medianMs).toFixed(2) : null,
      cognitoLocalOverEmu: emu?.start && local?.start ? +(local.start.medianMs / emu.start.medianMs).toFixed(2) : null,
    },
  };
  const outDir = path.join(ROOT, ".bench");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify(out, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(outDir, "results.json")) || ".bench/results.json"}`);
  // Non-zero when a selected server was not fully measured (not installed, failed to start, errors).
  const failed = Object.values(results).some((r) => r.status !== "ok" || Object.values(r.workloads).some((w) => w.errors));
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(`bench: ${e.stack || e.message}`);
  killAllSync();
  process.exit(1);
});
