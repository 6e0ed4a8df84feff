import fc from "fast-check";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator } from "../support/emulator";
import { checkAnswer, type FuzzRequest, type KnownIds, requestArbitrary, send } from "./requests";

/**
 * Property: whatever a client sends to any operation of the four APIs, the emulator answers with 2xx or
 * the protocol's 4xx error — never a 5xx, never a hang — and stays healthy. `npm test` sends a short,
 * fixed-seed run; `npm run fuzz` sends FUZZ_REQUESTS (100,000) with a fresh seed, printed for replay
 * with FUZZ_SEED.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const CONCURRENCY = 16;
const HANG_MS = 10_000;

const ids: KnownIds = {
  userPoolId: "us-east-1_Fuzzing01",
  clientId: "fuzzclient000000000000001",
  username: "fuzzy",
  identityPoolId: "us-east-1:00000000-0000-4000-8000-0000000000f0",
};

const fixture = {
  UserPools: [
    {
      Id: ids.userPoolId,
      PoolName: "fuzz",
      Clients: [{ ClientId: ids.clientId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: ids.username, Password: "Passw0rd!", Attributes: { email: "fuzzy@example.com", email_verified: "true" } }],
      Domain: "fuzz",
    },
  ],
  IdentityPools: [{ IdentityPoolId: ids.identityPoolId, IdentityPoolName: "fuzz", AllowUnauthenticatedIdentities: true }],
};

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
});
afterAll(() => emu.stop());

interface Failure {
  request: FuzzRequest;
  reason: string;
}

function describeFailure({ request, reason }: Failure): string {
  const body = request.body.length > 300 ? `${request.body.slice(0, 300)}… (${request.body.length} chars)` : request.body;
  return `${request.service} ${request.operation} ${request.method} ${request.path.slice(0, 120)}: ${reason}\n    body: ${body}`;
}

it(`answers ${REQUESTS} model-generated requests with no 5xx and no hang (seed ${SEED})`, async () => {
  const arbitrary = requestArbitrary(ids);
  const failures: Failure[] = [];
  const byService: Record<string, number> = {};
  let sent = 0;
  let slowest = { ms: 0, what: "" };
  const batch = 500;
  for (let offset = 0; offset < REQUESTS; offset += batch) {
    const requests = fc.sample(arbitrary, { numRuns: Math.min(batch, REQUESTS - offset), seed: SEED + offset });
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++];
        byService[request.service] = (byService[request.service] ?? 0) + 1;
        try {
          const answer = await send(emu.url, request, HANG_MS);
          sent++;
          if (answer.ms > slowest.ms) slowest = { ms: answer.ms, what: `${request.service} ${request.operation}` };
          const reason = checkAnswer(request, answer.status, answer.headers, answer.text);
          if (reason) failures.push({ request, reason });
        } catch (error) {
          const reason = (error as Error).name === "TimeoutError" ? `no answer within ${HANG_MS} ms` : `connection failed: ${(error as Error).message}`;
          failures.push({ request, reason });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (failures.length > 50) break;
  }
  const health = await fetch(`${emu.url}/health`);
  if (process.env.FUZZ_REQUESTS) {
    process.stdout.write(`fuzz: ${sent} answered (${JSON.stringify(byService)}), seed ${SEED}, slowest ${slowest.ms.toFixed(0)} ms (${slowest.what}), ${failures.length} failures\n`);
  }
  if (failures.length) {
    const kinds = new Map<string, Failure>();
    for (const failure of failures) kinds.set(`${failure.request.service} ${failure.request.operation} ${failure.reason.slice(0, 40)}`, failure);
    throw new Error(`${failures.length} bad answers (seed ${SEED}), ${kinds.size} kinds:\n${[...kinds.values()].slice(0, 25).map(describeFailure).join("\n")}`);
  }
  expect(health.status).toBe(200);
  expect(sent).toBe(REQUESTS);
});
