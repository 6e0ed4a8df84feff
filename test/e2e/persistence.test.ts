import fs from "node:fs";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createLocalJWKSet, jwtVerify } from "jose";
import { harnessOptions } from "../../src/index";
import { runCli, startCli } from "../support/cli";
import { startTestEmulator, tempDir } from "../support/emulator";

const client = (url: string) =>
  new CognitoIdentityProviderClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 });

function emptyFixture(dir: string): string {
  const file = path.join(dir, "empty.json");
  fs.writeFileSync(file, JSON.stringify({ UserPools: [] }));
  return file;
}

describe("--persist", () => {
  it("keeps every acknowledged write across kill -9, and tokens stay valid", async () => {
    const dir = tempDir();
    const state = path.join(dir, "state.json");
    const args = ["--port", "0", "--no-watch", "--quiet", "--persist", state, "--fixtures", emptyFixture(dir)];
    const first = await startCli(args);
    const idp = client(first.url);
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: "durable" }));
    const poolId = UserPool!.Id!;
    const { UserPoolClient } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "c", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
    await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "kim", MessageAction: "SUPPRESS" }));
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "kim", Password: "Passw0rd!", Permanent: true }));
    const signedIn = await idp.send(
      new InitiateAuthCommand({ ClientId: UserPoolClient!.ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "kim", PASSWORD: "Passw0rd!" } }),
    );
    first.child.kill("SIGKILL");
    await first.exited;

    const second = await startCli(args);
    try {
      const again = client(second.url);
      const user = await again.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "kim" }));
      expect(user.UserStatus).toBe("CONFIRMED");
      await expect(
        again.send(new InitiateAuthCommand({ ClientId: UserPoolClient!.ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "kim", PASSWORD: "Passw0rd!" } })),
      ).resolves.toHaveProperty("AuthenticationResult");
      const jwks = await fetch(`${second.url}/${poolId}/.well-known/jwks.json`).then((r) => r.json() as Promise<any>);
      await expect(jwtVerify(signedIn.AuthenticationResult!.AccessToken!, createLocalJWKSet(jwks))).resolves.toHaveProperty("payload.username", "kim");
    } finally {
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    }
    // A clean stop leaves a snapshot and an empty journal.
    expect(JSON.parse(fs.readFileSync(state, "utf8")).tables.userPools[poolId].Name).toBe("durable");
    expect(fs.readFileSync(`${state}.journal`, "utf8")).toBe("");
  });
});

describe("--persist with a damaged file", () => {
  jest.setTimeout(60_000);

  async function usersOf(url: string, poolId: string): Promise<string[]> {
    const { Users } = await client(url).send(new ListUsersCommand({ UserPoolId: poolId }));
    return (Users ?? []).map((u) => u.Username!).sort();
  }

  /** A persisted emulator killed after creating a pool and `count` users; the journal holds every change. */
  async function crashedWith(count: number) {
    const dir = tempDir();
    const state = path.join(dir, "state.json");
    const args = ["--port", "0", "--no-watch", "--quiet", "--persist", state, "--fixtures", emptyFixture(dir)];
    const first = await startCli(args);
    const idp = client(first.url);
    const poolId = (await idp.send(new CreateUserPoolCommand({ PoolName: "damaged" }))).UserPool!.Id!;
    for (let i = 0; i < count; i++) await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: `u${i}`, MessageAction: "SUPPRESS" }));
    first.child.kill("SIGKILL");
    await first.exited;
    return { args, state, journal: `${state}.journal`, poolId };
  }

  it("cuts a torn last line off, says how many bytes, and keeps every write made after it", async () => {
    const { args, journal, poolId } = await crashedWith(0);
    // What a process killed in the middle of a write(2) leaves.
    const torn = '[["users","x",{"Userna';
    fs.appendFileSync(journal, torn);

    const second = await startCli(args);
    expect(second.output()).toContain(`${journal}: dropped ${torn.length} bytes at its end`);
    const idp = client(second.url);
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: `n${i}`, MessageAction: "SUPPRESS" }))),
    );
    expect(created.map((r) => r.$metadata.httpStatusCode)).toEqual(Array(20).fill(200));
    second.child.kill("SIGKILL");
    await second.exited;

    const third = await startCli(args);
    try {
      expect(await usersOf(third.url, poolId)).toHaveLength(20);
      expect(third.output()).not.toContain("dropped");
    } finally {
      third.child.kill("SIGKILL");
      await third.exited;
    }
  });

  it("refuses a journal damaged before its end with one line naming file and line, and --persist-recover keeps what is readable", async () => {
    const { args, state, journal, poolId } = await crashedWith(3);
    const lines = fs.readFileSync(journal, "utf8").split("\n");
    const damaged = lines.findIndex((line) => line.includes('"Username":"u1"'));
    expect(damaged).toBeGreaterThan(0);
    lines[damaged] = lines[damaged].replace('"Username":"u1"', '"Username":"u9"');
    fs.writeFileSync(journal, lines.join("\n"));

    const refused = runCli(["start", ...args]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split("\n")).toEqual([
      `cognito-emu: cannot use --persist ${state}: ${journal} is damaged at line ${damaged + 1} (checksum mismatch) and has intact lines after it; ` +
        "start once with --persist-recover to keep every readable change and set the damaged file aside",
    ]);

    const recovered = await startCli([...args, "--persist-recover"]);
    expect(recovered.output()).toMatch(new RegExp(`recovered \\d+ changes; damaged line ${damaged + 1} dropped; the damaged journal is kept as ${journal}\\.damaged-`));
    expect(await usersOf(recovered.url, poolId)).toEqual(["u0", "u2"]);
    await client(recovered.url).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "after", MessageAction: "SUPPRESS" }));
    recovered.child.kill("SIGKILL");
    await recovered.exited;

    const again = await startCli(args);
    try {
      expect(await usersOf(again.url, poolId)).toEqual(["after", "u0", "u2"]);
    } finally {
      again.child.kill("SIGKILL");
      await again.exited;
    }
  });

  it.each([
    ["[]", "[]"],
    ["a number for tables", '{"tables": 5}'],
  ])("refuses a persist file that is valid JSON but no state (%s) with one line naming it", (_, content) => {
    const dir = tempDir();
    const state = path.join(dir, "state.json");
    fs.writeFileSync(state, content);
    const run = runCli(["start", "--port", "0", "--no-watch", "--persist", state, "--fixtures", emptyFixture(dir)]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      `cognito-emu: cannot use --persist ${state}: ${state} is not a cognito-emu state file (expected {"version": 1, "tables": {...}})`,
    ]);
  });
});

describe("--persist-sync", () => {
  it("is read from COGNITO_EMU_PERSIST_SYNC, said at start, and keeps acknowledged writes across kill -9", async () => {
    const dir = tempDir();
    const state = path.join(dir, "state.json");
    const args = ["--port", "0", "--no-watch", "--persist", state, "--fixtures", emptyFixture(dir)];
    const first = await startCli(args, { COGNITO_EMU_PERSIST_SYNC: "true" });
    expect(first.output()).toContain(`persisted to ${state} (fsync per commit)`);
    const poolId = (await client(first.url).send(new CreateUserPoolCommand({ PoolName: "synced" }))).UserPool!.Id!;
    first.child.kill("SIGKILL");
    await first.exited;

    const second = await startCli([...args, "--persist-sync"]);
    try {
      expect(second.output()).toContain("(fsync per commit)");
      await expect(client(second.url).send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).resolves.toHaveProperty("UserPool.Name", "synced");
    } finally {
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    }
    const third = await startCli(args, { COGNITO_EMU_PERSIST_SYNC: "false" });
    try {
      expect(third.output()).not.toContain("fsync");
    } finally {
      third.child.kill("SIGKILL");
      await third.exited;
    }
  });

  it("is the programmatic option persistSync, and COGNITO_EMU_PERSIST_SYNC for test harnesses", async () => {
    const dir = tempDir();
    const emu = await startTestEmulator(undefined, { persist: path.join(dir, "state.json"), persistSync: true });
    try {
      expect(emu.options.persistSync).toBe(true);
      await expect(client(emu.url).send(new CreateUserPoolCommand({ PoolName: "p" }))).resolves.toHaveProperty("UserPool.Name", "p");
    } finally {
      await emu.stop();
    }
    expect(harnessOptions(dir, { COGNITO_EMU_PERSIST_SYNC: "true", COGNITO_EMU_PERSIST_RECOVER: "1" })).toMatchObject({ persistSync: true, persistRecover: true });
  });
});
