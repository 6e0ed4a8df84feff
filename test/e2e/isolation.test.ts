import fs from "node:fs";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type StartedCli, startCli } from "../support/cli";
import { tempDir } from "../support/emulator";

/**
 * Requests are isolated transactions: one that awaits a trigger and then fails must not take back what
 * another request did meanwhile, and must leave nothing of its own, in memory or on disk.
 */
const client = (url: string) =>
  new CognitoIdentityProviderClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every emulator a test started, killed after it whatever happened. */
const running: StartedCli[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) {
    cli.child.kill("SIGKILL");
    await cli.exited;
  }
});

async function start(args: string[]): Promise<StartedCli> {
  const cli = await startCli(args);
  running.push(cli);
  return cli;
}

const OLD_PASSWORD = "Old-Passw0rd!";
const NEW_PASSWORD = "Hijack3d!pw";

/** An emulator persisting to a file, whose PostConfirmation trigger takes 400 ms and fails when asked to. */
async function setUp() {
  const dir = tempDir();
  const invocations = path.join(dir, "invocations");
  fs.writeFileSync(
    path.join(dir, "post-confirm.js"),
    `exports.handler = async (event) => {
  require("node:fs").appendFileSync(${JSON.stringify(invocations)}, "x");
  await new Promise((resolve) => setTimeout(resolve, 400));
  if (event.request.clientMetadata && event.request.clientMetadata.fail === "yes") throw new Error("refused");
  return event;
};`,
  );
  const fixtures = path.join(dir, "functions.json");
  fs.writeFileSync(fixtures, JSON.stringify({ UserPools: [], Functions: { postConfirm: "./post-confirm.js" } }));
  const args = ["--port", "0", "--no-watch", "--quiet", "--persist", path.join(dir, "state.json"), "--fixtures", fixtures];
  const cli = await start(args);
  const idp = client(cli.url);
  const { UserPool } = await idp.send(
    new CreateUserPoolCommand({ PoolName: "isolated", LambdaConfig: { PostConfirmation: "arn:aws:lambda:us-east-1:123456789012:function:postConfirm" } }),
  );
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
  const clientId = UserPoolClient!.ClientId!;
  await idp.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "victim",
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: "victim@example.com" },
        { Name: "email_verified", Value: "true" },
        { Name: "name", Value: "Victim" },
      ],
    }),
  );
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "victim", Password: OLD_PASSWORD, Permanent: true }));
  await idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "victim" }));
  const { messages } = (await fetch(`${cli.url}/_emu/messages?userPoolId=${poolId}&username=victim`).then((r) => r.json())) as { messages: Array<{ code: string }> };
  const code = messages.at(-1)!.code;
  return { args, cli, idp, poolId, clientId, code, invocations: () => (fs.existsSync(invocations) ? fs.readFileSync(invocations, "utf8").length : 0) };
}

async function signIn(idp: CognitoIdentityProviderClient, clientId: string, password: string): Promise<string> {
  try {
    await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "victim", PASSWORD: password } }));
    return "signed in";
  } catch (error) {
    return (error as Error).name;
  }
}

async function nameOf(idp: CognitoIdentityProviderClient, poolId: string): Promise<string | undefined> {
  const user = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "victim" }));
  return user.UserAttributes?.find((a) => a.Name === "name")?.Value;
}

/** Kills the emulator as a crash would and starts it again on the same file. */
async function crashAndRestart(cli: StartedCli, args: string[]): Promise<StartedCli> {
  cli.child.kill("SIGKILL");
  await cli.exited;
  return start(args);
}

describe("concurrent requests", () => {
  jest.setTimeout(30_000);

  it("a request failing in its trigger takes back only its own changes, in memory and after kill -9", async () => {
    const { args, cli, idp, poolId, clientId, code } = await setUp();
    const a = idp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: "victim", ConfirmationCode: code, Password: NEW_PASSWORD, ClientMetadata: { fail: "yes" } }));
    const aSettled = a.catch((error: Error) => error);
    await sleep(100);
    await expect(
      idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "victim", UserAttributes: [{ Name: "name", Value: "B-was-here" }] })),
    ).resolves.toHaveProperty("$metadata.httpStatusCode", 200);
    expect(await aSettled).toMatchObject({ name: "UserLambdaValidationException", $metadata: { httpStatusCode: 400 } });

    expect(await nameOf(idp, poolId)).toBe("B-was-here");
    expect(await signIn(idp, clientId, NEW_PASSWORD)).toBe("NotAuthorizedException");
    expect(await signIn(idp, clientId, OLD_PASSWORD)).toBe("signed in");

    const again = client((await crashAndRestart(cli, args)).url);
    expect(await nameOf(again, poolId)).toBe("B-was-here");
    expect(await signIn(again, clientId, NEW_PASSWORD)).toBe("NotAuthorizedException");
    expect(await signIn(again, clientId, OLD_PASSWORD)).toBe("signed in");
  });

  it("when both succeed, both changes are kept: the later one runs again on the fresh state", async () => {
    const { args, cli, idp, poolId, clientId, code, invocations } = await setUp();
    const a = idp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: "victim", ConfirmationCode: code, Password: NEW_PASSWORD, ClientMetadata: { fail: "no" } }));
    await sleep(100);
    await idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "victim", UserAttributes: [{ Name: "name", Value: "B-was-here" }] }));
    await expect(a).resolves.toHaveProperty("$metadata.httpStatusCode", 200);
    // A read the user before B changed it: committing would have undone B's name, so A ran again (trigger included).
    expect(invocations()).toBe(2);

    expect(await nameOf(idp, poolId)).toBe("B-was-here");
    expect(await signIn(idp, clientId, NEW_PASSWORD)).toBe("signed in");
    expect(await signIn(idp, clientId, OLD_PASSWORD)).toBe("NotAuthorizedException");

    const again = client((await crashAndRestart(cli, args)).url);
    expect(await nameOf(again, poolId)).toBe("B-was-here");
    expect(await signIn(again, clientId, NEW_PASSWORD)).toBe("signed in");
  });

  it("a request awaiting a trigger holds up no other", async () => {
    const { idp, poolId, clientId, code } = await setUp();
    const a = idp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: "victim", ConfirmationCode: code, Password: NEW_PASSWORD }));
    await sleep(50);
    const started = performance.now();
    await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "victim" }));
    await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "other", MessageAction: "SUPPRESS" }));
    expect(performance.now() - started).toBeLessThan(300);
    await a;
  });
});
