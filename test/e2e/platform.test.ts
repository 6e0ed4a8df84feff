import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createHmac } from "node:crypto";
import { createRemoteJWKSet, jwtVerify } from "jose";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  idp = idpClient(emu);
  const pool = await idp.send(new CreateUserPoolCommand({ PoolName: "platform" }));
  poolId = pool.UserPool!.Id!;
  const client = await idp.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
  );
  clientId = client.UserPoolClient!.ClientId!;
});

afterAll(() => emu.stop());

async function createConfirmedUser(username: string, password = "Passw0rd!", attributes: Record<string, string> = {}) {
  await idp.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
}

describe("the platform end to end with the AWS SDK", () => {
  it("creates pools with Cognito-shaped ids and ARNs", async () => {
    expect(poolId).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(UserPool!.Arn).toBe(`arn:aws:cognito-idp:us-east-1:123456789012:userpool/${poolId}`);
    expect(UserPool!.CreationDate).toBeInstanceOf(Date);
    expect(clientId).toMatch(/^[a-z0-9]{26}$/);
  });

  it("addresses pools in the region the request is signed for", async () => {
    const eu = idpClient(emu, "eu-west-1");
    const { UserPool } = await eu.send(new CreateUserPoolCommand({ PoolName: "eu" }));
    expect(UserPool!.Id).toMatch(/^eu-west-1_/);
    const inEu = await eu.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(inEu.UserPools!.map((p) => p.Id)).toEqual([UserPool!.Id]);
    const inUs = await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(inUs.UserPools!.map((p) => p.Id)).not.toContain(UserPool!.Id);
  });

  it("signs in with USER_PASSWORD_AUTH and returns verifiable tokens", async () => {
    await createConfirmedUser("carol", "Passw0rd!", { email: "carol@example.com", email_verified: "true", "given_name": "Carol" });
    const { AuthenticationResult, ChallengeParameters } = await idp.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "carol", PASSWORD: "Passw0rd!" } }),
    );
    expect(ChallengeParameters).toEqual({});
    expect(AuthenticationResult).toMatchObject({ TokenType: "Bearer", ExpiresIn: 3600 });
    const jwks = createRemoteJWKSet(new URL(`${emu.url}/${poolId}/.well-known/jwks.json`));
    const { payload: id, protectedHeader } = await jwtVerify(AuthenticationResult!.IdToken!, jwks, { issuer: `${emu.url}/${poolId}`, audience: clientId });
    expect(protectedHeader.alg).toBe("RS256");
    expect(id).toMatchObject({ token_use: "id", "cognito:username": "carol", email: "carol@example.com", email_verified: true, given_name: "Carol" });
    const { payload: access } = await jwtVerify(AuthenticationResult!.AccessToken!, jwks, { issuer: `${emu.url}/${poolId}` });
    expect(access).toMatchObject({ token_use: "access", client_id: clientId, username: "carol", scope: "aws.cognito.signin.user.admin", sub: id.sub });
    expect(AuthenticationResult!.RefreshToken!.split(".")).toHaveLength(5);
  });

  it("refuses wrong passwords, unknown users and disabled flows with Cognito's errors", async () => {
    await createConfirmedUser("dave");
    const signIn = (username: string, password: string, client = clientId) =>
      idp.send(new InitiateAuthCommand({ ClientId: client, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
    await expect(signIn("dave", "Wrong-Passw0rd!")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    await expect(signIn("nobody", "Passw0rd!")).rejects.toMatchObject({ name: "UserNotFoundException", message: "User does not exist." });
    const srpOnly = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "srp", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
    await expect(signIn("dave", "Passw0rd!", srpOnly.UserPoolClient!.ClientId!)).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "USER_PASSWORD_AUTH flow not enabled for this client",
    });
    await expect(signIn("dave", "Passw0rd!", "nosuchclient")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("requires SECRET_HASH for clients with a secret", async () => {
    await createConfirmedUser("erin");
    const { UserPoolClient } = await idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "server", GenerateSecret: true, ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
    );
    const { ClientId, ClientSecret } = UserPoolClient!;
    expect(ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    const hash = createHmac("sha256", ClientSecret!).update(`erin${ClientId}`).digest("base64");
    const signIn = (params: Record<string, string>) =>
      idp.send(new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "erin", PASSWORD: "Passw0rd!", ...params } }));
    await expect(signIn({})).rejects.toMatchObject({ name: "NotAuthorizedException", message: `Client ${ClientId} is configured with secret but SECRET_HASH was not received` });
    await expect(signIn({ SECRET_HASH: "bm9wZQ==" })).rejects.toMatchObject({ name: "NotAuthorizedException", message: `Unable to verify secret hash for client ${ClientId}` });
    await expect(signIn({ SECRET_HASH: hash })).resolves.toHaveProperty("AuthenticationResult.AccessToken");
  });

  it("creates users with an invitation in the outbox and a temporary password that expires by the emulator clock", async () => {
    const created = await idp.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "frank", UserAttributes: [{ Name: "email", Value: "frank@example.com" }], DesiredDeliveryMediums: ["EMAIL"] }),
    );
    expect(created.User).toMatchObject({ Username: "frank", UserStatus: "FORCE_CHANGE_PASSWORD", Enabled: true });
    const [invite] = await emu.messages({ userPoolId: poolId, username: "frank" });
    expect(invite).toMatchObject({ deliveryMedium: "EMAIL", destination: "frank@example.com", reason: "AdminCreateUser" });
    expect(invite.message).toContain(invite.code!);

    const first = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "frank", PASSWORD: invite.code! } }));
    expect(first.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    expect(first.Session!.length).toBeGreaterThanOrEqual(20);

    await emu.clock.advance(8 * 86400);
    await expect(
      idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "frank", PASSWORD: invite.code! } })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Temporary password has expired and must be reset by an administrator." });
  });

  it("answers AdminGetUser with Cognito's shape and errors", async () => {
    await createConfirmedUser("gina", "Passw0rd!", { email: "gina@example.com" });
    const user = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "gina" }));
    expect(user).toMatchObject({ Username: "gina", UserStatus: "CONFIRMED", Enabled: true });
    expect(user.UserAttributes![0].Name).toBe("sub");
    expect(user.UserAttributes).toContainEqual({ Name: "email", Value: "gina@example.com" });
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "nobody" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: "us-east-1_nopool000", Username: "gina" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("rejects a weak password and an existing username without changing anything", async () => {
    await expect(idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "gina", Password: "weakpass", Permanent: true }))).rejects.toMatchObject({
      name: "InvalidPasswordException",
    });
    await expect(idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "gina", MessageAction: "SUPPRESS" }))).rejects.toMatchObject({
      name: "UsernameExistsException",
      message: "User account already exists",
    });
    await expect(
      idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "gina", PASSWORD: "Passw0rd!" } })),
    ).resolves.toHaveProperty("AuthenticationResult");
  });
});
