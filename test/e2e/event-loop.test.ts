import type { RunningEmulator } from "../../src/server/emulator";
import { MAX_NESTING_DEPTH } from "../../src/protocol/validate";
import { startTestEmulator } from "../support/emulator";

/**
 * Inputs that once held the event loop for seconds (a backtracking regular expression, a recursion on
 * a deeply nested document): each is answered promptly with the API's error, and the emulator keeps
 * answering everyone else meanwhile.
 */
const POOL = "us-east-1_EventLoop1";
const CLIENT = "eventloopclient000000001";
const fixture = { UserPools: [{ Id: POOL, PoolName: "event-loop", Domain: "event-loop-test", Clients: [{ ClientId: CLIENT, ClientName: "web" }] }] };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
});
afterAll(() => emu.stop());

async function call(operation: string, body: string): Promise<{ status: number; type?: string; message?: string; json: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const res = await fetch(emu.url, {
    method: "POST",
    headers: { "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`, "content-type": "application/x-amz-json-1.1" },
    body,
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, type: json.__type as string | undefined, message: json.message as string | undefined, json, ms: performance.now() - started };
}

/** Runs the request while polling /health: the slowest health answer shows how long the loop was held. */
async function whileHealthPolls<T>(request: () => Promise<T>): Promise<{ result: T; slowestHealthMs: number }> {
  let done = false;
  let slowestHealthMs = 0;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${emu.url}/health`).then((r) => r.arrayBuffer());
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
    }
  })();
  const result = await request();
  done = true;
  await poll;
  return { result, slowestHealthMs };
}

// Generous for shared CI machines; each of these took seconds to minutes before.
const PROMPT_MS = 1000;

it("refuses the longest brace-less CSS at once (it took 13 s)", async () => {
  const { result, slowestHealthMs } = await whileHealthPolls(() => call("SetUICustomization", JSON.stringify({ UserPoolId: POOL, ClientId: "ALL", CSS: "a".repeat(131_072) })));
  expect(result).toMatchObject({ status: 400, type: "InvalidParameterException", message: "The CSS could not be parsed." });
  expect(result.ms).toBeLessThan(PROMPT_MS);
  expect(slowestHealthMs).toBeLessThan(PROMPT_MS);
});

it("checks a reply-to address of '@' characters in linear time (40,000 took 1.7 s and grew quadratically)", async () => {
  const { result, slowestHealthMs } = await whileHealthPolls(() =>
    call("UpdateUserPool", JSON.stringify({ UserPoolId: POOL, EmailConfiguration: { ReplyToEmailAddress: `${"@".repeat(400_000)}\n` } })),
  );
  expect(result).toMatchObject({ status: 400, type: "InvalidParameterException" });
  expect(result.message).toContain("at 'emailConfiguration.replyToEmailAddress' failed to satisfy constraint: Member must satisfy regular expression pattern");
  expect(result.ms).toBeLessThan(PROMPT_MS);
  expect(slowestHealthMs).toBeLessThan(PROMPT_MS);
});

it("checks verification message templates in linear time", async () => {
  const byLink = "##}{##".repeat(3333);
  const code = "{####}".repeat(3333);
  const { result } = await whileHealthPolls(() =>
    call(
      "UpdateUserPool",
      JSON.stringify({ UserPoolId: POOL, VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK", EmailMessageByLink: `${byLink}\u0000`, EmailMessage: `${code}\u0000` } }),
    ),
  );
  expect(result).toMatchObject({ status: 400, type: "InvalidParameterException" });
  expect(result.message).toMatch(/^2 validation errors detected: /);
  expect(result.ms).toBeLessThan(PROMPT_MS);
});

describe("nested JSON documents", () => {
  const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const branding = (settings: string) => `{"UserPoolId":"${POOL}","ClientId":"${CLIENT}","Settings":{"a":${settings}}}`;
  const describeByClient = () => call("DescribeManagedLoginBrandingByClient", JSON.stringify({ UserPoolId: POOL, ClientId: CLIENT }));

  it("refuses a document nested too deep, and stores nothing", async () => {
    const refused = await call("CreateManagedLoginBranding", branding(nested(20_000)));
    expect(refused).toMatchObject({ status: 400, type: "InvalidParameterException" });
    expect(refused.message).toBe(`1 validation error detected: Value at 'settings' failed to satisfy constraint: Member must not be nested more than ${MAX_NESTING_DEPTH} levels deep`);
    expect(await describeByClient()).toMatchObject({ status: 400, type: "ResourceNotFoundException" });
    // One level past the limit: the request object and Settings are two of them.
    expect(await call("CreateManagedLoginBranding", branding(nested(MAX_NESTING_DEPTH - 1)))).toMatchObject({ status: 400, type: "InvalidParameterException" });
  });

  it("keeps a document at the limit, and reads it back", async () => {
    const created = await call("CreateManagedLoginBranding", branding(nested(MAX_NESTING_DEPTH - 2)));
    expect(created.status).toBe(200);
    const described = await describeByClient();
    expect(described.status).toBe(200);
    expect(JSON.stringify((described.json.ManagedLoginBranding as { Settings: unknown }).Settings)).toBe(`{"a":${nested(MAX_NESTING_DEPTH - 2)}}`);
  });
});
