import fs from "node:fs";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createLocalJWKSet, jwtVerify } from "jose";
import { startCli } from "../support/cli";
import { tempDir } from "../support/emulator";

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
