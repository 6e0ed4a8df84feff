import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  DescribeIdentityProviderCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type RunningEmulator, startEmulator } from "../../src/server/emulator";

const POOL = "us-east-1_HotReload1";
const WEB = "hotreloadwebclient0000001";
const OTHER = "hotreloadotherclient00001";

function poolDoc(users: string[], clients = [WEB, OTHER]) {
  return {
    UserPools: [
      {
        Id: POOL,
        PoolName: "hot",
        Clients: clients.map((ClientId) => ({ ClientId, ClientName: ClientId === WEB ? "web" : "other", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] })),
        Users: users.map((Username) => ({ Username, Password: "Passw0rd!", Attributes: { email: `${Username}@example.com`, email_verified: "true" } })),
      },
    ],
  };
}

/** Retries `check` until it passes; fails if that takes longer than `withinMs` from `since`. */
async function eventually(check: () => Promise<unknown>, since: number, withinMs = 1000): Promise<number> {
  for (;;) {
    try {
      await check();
      return Date.now() - since;
    } catch (error) {
      if (Date.now() - since > withinMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

const rejectsWith = async (promise: Promise<unknown>, name: string) => {
  await expect(promise).rejects.toMatchObject({ name });
};

let dir: string;
let file: string;
let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

const userExists = (Username: string) => idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username }));
const clientExists = (ClientId: string) => idp.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId }));
const signIn = (USERNAME: string) =>
  idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD: "Passw0rd!" } }));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-hot-"));
  file = path.join(dir, "app.json");
  fs.writeFileSync(file, JSON.stringify(poolDoc(["alice"]), null, 2));
  emu = await startEmulator({ port: 0, fixtures: [dir], quiet: true });
  idp = new CognitoIdentityProviderClient({ endpoint: emu.url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 });
});

afterAll(async () => {
  idp?.destroy();
  await emu?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("fixtures, hot reloaded", () => {
  it("serves the fixtures at start", async () => {
    await userExists("alice");
    await clientExists(OTHER);
    expect((await signIn("alice")).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it("applies an edit within a second, keeping what the API created", async () => {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: "carol", MessageAction: "SUPPRESS" }));
    const edited = Date.now();
    fs.writeFileSync(file, JSON.stringify(poolDoc(["alice", "bob"], [WEB]), null, 2));
    await eventually(() => userExists("bob"), edited);
    await eventually(() => rejectsWith(clientExists(OTHER), "ResourceNotFoundException"), edited);
    await userExists("carol");
    expect((await signIn("bob")).AuthenticationResult?.IdToken).toBeDefined();
  });

  it("picks up a new file in the folder", async () => {
    const added = Date.now();
    fs.writeFileSync(path.join(dir, "second.json"), JSON.stringify({ UserPools: [{ Id: "us-east-1_HotReload2", PoolName: "second" }] }));
    await eventually(async () => {
      const health = (await (await fetch(`${emu.url}/health`)).json()) as { userPools: number };
      expect(health.userPools).toBe(2);
    }, added);
  });

  it("keeps serving the last good state when a file breaks", async () => {
    fs.writeFileSync(file, '{ "UserPools": [ { "Id": "us-east-1_HotReload1", ');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await userExists("bob");
    await clientExists(WEB);

    fs.writeFileSync(file, JSON.stringify({ UserPools: [{ ...poolDoc([]).UserPools[0], MfaConfiguration: "SOMETIMES" }] }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await userExists("bob");
    expect((await signIn("alice")).AuthenticationResult).toBeDefined();

    // Fixed again: applied as usual.
    const fixed = Date.now();
    fs.writeFileSync(file, JSON.stringify(poolDoc(["alice", "bob", "dave"], [WEB]), null, 2));
    await eventually(() => userExists("dave"), fixed);
  });

  it("resets to exactly the fixtures", async () => {
    await emu.reset();
    await rejectsWith(userExists("carol"), "UserNotFoundException");
    await userExists("alice");
    await userExists("dave");
    await clientExists(WEB);
    expect((await signIn("dave")).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it("exports the state in fixture format", async () => {
    const state = (await (await fetch(`${emu.url}/_emu/state`)).json()) as { UserPools: Array<{ Id: string; Users?: Array<{ Username: string; PasswordHash?: string }> }> };
    const pool = state.UserPools.find((p) => p.Id === POOL)!;
    expect(pool.Users!.map((u) => u.Username).sort()).toEqual(["alice", "bob", "dave"]);
    expect(pool.Users![0].PasswordHash).toMatch(/^scrypt\$/);
  });

  it("defines identity providers that the pool's clients can name, and exports them", async () => {
    const google = { ProviderName: "Google", ProviderType: "Google", ProviderDetails: { client_id: "g", client_secret: "g", authorize_scopes: "openid email" }, AttributeMapping: { email: "email" } };
    const base = poolDoc(["alice"], [WEB]).UserPools[0];
    const federated = { ...base, IdentityProviders: [google], Clients: base.Clients.map((client) => ({ ...client, SupportedIdentityProviders: ["COGNITO", "Google"] })) };
    const edited = Date.now();
    fs.writeFileSync(file, JSON.stringify({ UserPools: [federated] }, null, 2));
    await eventually(async () => {
      const { UserPoolClient } = await clientExists(WEB);
      expect(UserPoolClient!.SupportedIdentityProviders).toEqual(["COGNITO", "Google"]);
    }, edited);
    const { IdentityProvider } = await idp.send(new DescribeIdentityProviderCommand({ UserPoolId: POOL, ProviderName: "Google" }));
    expect(IdentityProvider).toMatchObject({ ProviderType: "Google", AttributeMapping: { email: "email", username: "sub" } });

    const state = (await (await fetch(`${emu.url}/_emu/state`)).json()) as { UserPools: Array<{ Id: string; IdentityProviders?: unknown[] }> };
    expect(state.UserPools.find((p) => p.Id === POOL)!.IdentityProviders).toEqual([
      { ...google, ProviderDetails: expect.objectContaining(google.ProviderDetails) },
    ]);

    // A provider dropped from the file (with the client that named it) is removed from the pool.
    const removed = Date.now();
    fs.writeFileSync(file, JSON.stringify(poolDoc(["alice"], [WEB]), null, 2));
    await eventually(() => rejectsWith(idp.send(new DescribeIdentityProviderCommand({ UserPoolId: POOL, ProviderName: "Google" })), "ResourceNotFoundException"), removed);
  });
});
