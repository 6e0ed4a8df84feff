import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  DeleteUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import type { RunningEmulator } from "../../src/server/emulator";
import { useEmulator } from "../support/emulator";

const POOL = "us-east-1_AuthFlow1";
const WEB = "authflowweb00000000000001";
const ADMIN = "authflowadmin000000000001";
const ROTATING = "authflowrotate00000000001";
const HIDING = "authflowhiding00000000001";
const LEGACY = "authflowlegacy00000000001";

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "auth-flows",
      Schema: [{ Name: "name", AttributeDataType: "String", Required: true, Mutable: true }],
      Clients: [
        { ClientId: WEB, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
        { ClientId: ADMIN, ClientName: "admin", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
        {
          ClientId: ROTATING,
          ClientName: "rotating",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
        },
        { ClientId: HIDING, ClientName: "hiding", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], PreventUserExistenceErrors: "ENABLED" },
        { ClientId: LEGACY, ClientName: "legacy", ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH"] },
      ],
      Users: [
        { Username: "ann", Password: "Passw0rd!", Attributes: { name: "Ann", email: "ann@example.com", email_verified: "true" } },
        { Username: "ben", Password: "Passw0rd!", Attributes: { name: "Ben" } },
        { Username: "cid", Password: "Passw0rd!", Attributes: { name: "Cid" } },
        { Username: "dot", Password: "Passw0rd!", Attributes: { name: "Dot" } },
        { Username: "eve", Password: "Passw0rd!", Attributes: { name: "Eve" } },
        { Username: "pending", Password: "Passw0rd!", UserStatus: "UNCONFIRMED", Attributes: { name: "P" } },
        { Username: "off", Password: "Passw0rd!", Enabled: false, Attributes: { name: "Off" } },
      ],
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

useEmulator(fixture, (started) => ({ emu, idp } = started));

const signIn = (username: string, password = "Passw0rd!", clientId = WEB) =>
  idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));

describe("sign-in outcomes", () => {
  it("refuses unconfirmed and disabled users and hides unknown users when the client asks", async () => {
    await expect(signIn("pending")).rejects.toMatchObject({ name: "UserNotConfirmedException", message: "User is not confirmed." });
    await expect(signIn("off")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "User is disabled." });
    await expect(signIn("ghost")).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(signIn("ghost", "Passw0rd!", HIDING)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
  });

  it("locks a user out after five wrong passwords until time passes", async () => {
    for (let i = 0; i < 5; i++) await expect(signIn("eve", "Wrong-0ne!")).rejects.toMatchObject({ message: "Incorrect username or password." });
    await expect(signIn("eve")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Password attempts exceeded" });
    await emu.clock.advance(2);
    await expect(signIn("eve")).resolves.toHaveProperty("AuthenticationResult");
    await expect(signIn("eve", "Wrong-0ne!")).rejects.toMatchObject({ message: "Incorrect username or password." });
  });

  it("signs in through AdminInitiateAuth only where the client allows it", async () => {
    const admin = (clientId: string) =>
      idp.send(new AdminInitiateAuthCommand({ UserPoolId: POOL, ClientId: clientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ann", PASSWORD: "Passw0rd!" } }));
    await expect(admin(ADMIN)).resolves.toHaveProperty("AuthenticationResult.IdToken");
    await expect(admin(LEGACY)).resolves.toHaveProperty("AuthenticationResult.IdToken");
    await expect(admin(WEB)).rejects.toMatchObject({ name: "InvalidParameterException", message: "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client" });
    await expect(signIn("ann", "Passw0rd!", ADMIN)).rejects.toMatchObject({ message: "USER_PASSWORD_AUTH flow not enabled for this client" });
    await expect(
      idp.send(new AdminInitiateAuthCommand({ UserPoolId: "us-east-1_Other0001", ClientId: ADMIN, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ann", PASSWORD: "x" } })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("refresh tokens", () => {
  it("renews ID and access tokens of the same sign-in, by InitiateAuth and AdminInitiateAuth", async () => {
    const first = (await signIn("ann")).AuthenticationResult!;
    await emu.clock.advance(120);
    const renewed = await idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }));
    expect(renewed.AuthenticationResult!.RefreshToken).toBeUndefined();
    const before = decodeJwt(first.AccessToken!);
    const after = decodeJwt(renewed.AuthenticationResult!.AccessToken!);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.iat).toBeGreaterThanOrEqual((before.iat as number) + 120);
    expect(after.jti).not.toBe(before.jti);

    const adminSignIn = await idp.send(
      new AdminInitiateAuthCommand({ UserPoolId: POOL, ClientId: ADMIN, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ann", PASSWORD: "Passw0rd!" } }),
    );
    const adminRefresh = await idp.send(
      new AdminInitiateAuthCommand({ UserPoolId: POOL, ClientId: ADMIN, AuthFlow: "REFRESH_TOKEN", AuthParameters: { REFRESH_TOKEN: adminSignIn.AuthenticationResult!.RefreshToken! } }),
    );
    expect(adminRefresh.AuthenticationResult!.IdToken).toBeTruthy();
    // A refresh token only works with the client it was issued to.
    await expect(
      idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: adminSignIn.AuthenticationResult!.RefreshToken! } })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token." });
  });

  it("rotates refresh tokens with GetTokensFromRefreshToken when the client enables it", async () => {
    const first = (await signIn("ben", "Passw0rd!", ROTATING)).AuthenticationResult!;
    await expect(
      idp.send(new InitiateAuthCommand({ ClientId: ROTATING, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    const rotated = await idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: ROTATING, RefreshToken: first.RefreshToken! }));
    expect(rotated.AuthenticationResult!.RefreshToken).toBeTruthy();
    expect(rotated.AuthenticationResult!.RefreshToken).not.toBe(first.RefreshToken);
    await expect(idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: ROTATING, RefreshToken: first.RefreshToken! }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });
    await expect(idp.send(new GetTokensFromRefreshTokenCommand({ ClientId: ROTATING, RefreshToken: rotated.AuthenticationResult!.RefreshToken! }))).resolves.toHaveProperty(
      "AuthenticationResult.AccessToken",
    );
  });

  it("expires refresh tokens after the client's validity", async () => {
    const first = (await signIn("ann")).AuthenticationResult!;
    await emu.clock.advance(30 * 86400 + 1);
    await expect(
      idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Refresh Token." });
  });
});

describe("NEW_PASSWORD_REQUIRED", () => {
  async function invited(username: string) {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: username, TemporaryPassword: "Temp-Passw0rd!", MessageAction: "SUPPRESS" }));
    return signIn(username, "Temp-Passw0rd!");
  }

  it("sets a permanent password and the required attributes still missing", async () => {
    const challenge = await invited("newbie");
    expect(challenge.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    expect(JSON.parse(challenge.ChallengeParameters!.requiredAttributes)).toEqual(["userAttributes.name"]);
    await expect(
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: WEB,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "newbie", NEW_PASSWORD: "Perm-Passw0rd!" },
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid attributes given, name is missing" });
    await expect(
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: WEB,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "newbie", NEW_PASSWORD: "short" },
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidPasswordException" });
    const done = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: WEB,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: "newbie", NEW_PASSWORD: "Perm-Passw0rd!", "userAttributes.name": "Newbie" },
      }),
    );
    expect(decodeJwt(done.AuthenticationResult!.IdToken!).name).toBe("Newbie");
    expect((await idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "newbie" }))).UserStatus).toBe("CONFIRMED");
    await expect(signIn("newbie", "Perm-Passw0rd!")).resolves.toHaveProperty("AuthenticationResult");
  });

  it("answers through AdminRespondToAuthChallenge and expires sessions after AuthSessionValidity", async () => {
    const late = await invited("late");
    await emu.clock.advance(3 * 60 + 1);
    await expect(
      idp.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: POOL,
          ClientId: WEB,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: late.Session,
          ChallengeResponses: { USERNAME: "late", NEW_PASSWORD: "Perm-Passw0rd!", "userAttributes.name": "Late" },
        }),
      ),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid session for the user, session is expired." });
    const again = await signIn("late", "Temp-Passw0rd!");
    await expect(
      idp.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: POOL,
          ClientId: WEB,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: again.Session,
          ChallengeResponses: { USERNAME: "late", NEW_PASSWORD: "Perm-Passw0rd!", "userAttributes.name": "Late" },
        }),
      ),
    ).resolves.toHaveProperty("AuthenticationResult.AccessToken");
  });
});

describe("tokens in use", () => {
  it("GetUser answers for a valid access token and refuses expired ones", async () => {
    const { AccessToken } = (await signIn("ann")).AuthenticationResult!;
    const me = await idp.send(new GetUserCommand({ AccessToken }));
    expect(me.Username).toBe("ann");
    expect(me.UserAttributes).toContainEqual({ Name: "email", Value: "ann@example.com" });
    await emu.clock.advance(3601);
    await expect(idp.send(new GetUserCommand({ AccessToken }))).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Access Token has expired" });
    await expect(idp.send(new GetUserCommand({ AccessToken: "not.a.token" }))).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Access Token" });
  });

  it("GlobalSignOut revokes every token of the user", async () => {
    const one = (await signIn("cid")).AuthenticationResult!;
    const two = (await signIn("cid")).AuthenticationResult!;
    await idp.send(new GlobalSignOutCommand({ AccessToken: two.AccessToken }));
    for (const token of [one.AccessToken, two.AccessToken]) {
      await expect(idp.send(new GetUserCommand({ AccessToken: token }))).rejects.toMatchObject({ message: "Access Token has been revoked" });
    }
    await expect(
      idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: one.RefreshToken! } })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Refresh Token has been revoked" });
    await emu.clock.advance(1);
    const three = (await signIn("cid")).AuthenticationResult!;
    await expect(idp.send(new GetUserCommand({ AccessToken: three.AccessToken }))).resolves.toHaveProperty("Username", "cid");
  });

  it("RevokeToken ends one sign-in and leaves the others", async () => {
    const one = (await signIn("dot")).AuthenticationResult!;
    const two = (await signIn("dot")).AuthenticationResult!;
    await expect(idp.send(new RevokeTokenCommand({ ClientId: WEB, Token: one.AccessToken! }))).rejects.toMatchObject({ name: "UnsupportedTokenTypeException" });
    await expect(idp.send(new RevokeTokenCommand({ ClientId: ADMIN, Token: one.RefreshToken! }))).rejects.toMatchObject({ name: "UnauthorizedException" });
    await idp.send(new RevokeTokenCommand({ ClientId: WEB, Token: one.RefreshToken! }));
    await expect(idp.send(new GetUserCommand({ AccessToken: one.AccessToken }))).rejects.toMatchObject({ message: "Access Token has been revoked" });
    await expect(
      idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: one.RefreshToken! } })),
    ).rejects.toMatchObject({ message: "Refresh Token has been revoked" });
    await expect(idp.send(new GetUserCommand({ AccessToken: two.AccessToken }))).resolves.toHaveProperty("Username", "dot");
  });

  it("ChangePassword checks the previous password and DeleteUser removes the user", async () => {
    const { AccessToken } = (await signIn("ben")).AuthenticationResult!;
    await expect(idp.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: "Wrong-Passw0rd!", ProposedPassword: "New-Passw0rd!" }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Incorrect username or password.",
    });
    await expect(idp.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: "Passw0rd!", ProposedPassword: "weak" }))).rejects.toMatchObject({
      name: "InvalidPasswordException",
    });
    await idp.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: "Passw0rd!", ProposedPassword: "New-Passw0rd!" }));
    await expect(signIn("ben")).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(signIn("ben", "New-Passw0rd!")).resolves.toHaveProperty("AuthenticationResult");

    await idp.send(new DeleteUserCommand({ AccessToken }));
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "ben" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(idp.send(new GetUserCommand({ AccessToken }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });
});
