import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import { fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import { ConsoleLogger } from "aws-amplify/utils";
import { decodeJwt } from "jose";
import { secretHash } from "../../src/services/user-pools/sign-in/client-checks";
import { hashPassword } from "../../src/services/user-pools/sign-in/passwords";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator, useEmulator } from "../support/emulator";
import { Browser, call, cognitoTimestamp, SrpClient } from "../support/srp-client";

const POOL = "us-east-1_SrpPool01";
const EMAIL_POOL = "us-east-1_SrpMail01";
const WEB = "srpweb000000000000000001";
const SECRET = "srpsecret000000000000001";
const NO_SRP = "srpnone00000000000000001";
const LEGACY = "srplegacy000000000000001";
const MAIL_WEB = "srpmailweb00000000000001";
const CLIENT_SECRET = "s3cr3tForTheSrpTests0123456789";

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "srp",
      Clients: [
        { ClientId: WEB, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
        { ClientId: SECRET, ClientName: "server", ClientSecret: CLIENT_SECRET, ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
        { ClientId: NO_SRP, ClientName: "plain", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] },
        { ClientId: LEGACY, ClientName: "legacy", ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH"] },
      ],
      Users: [
        { Username: "alice", Password: "Passw0rd!", Attributes: { email: "alice@example.com", email_verified: "true" } },
        { Username: "bob", Password: "Passw0rd!" },
        { Username: "carol", Password: "Passw0rd!" },
        { Username: "pending", Password: "Passw0rd!", UserStatus: "UNCONFIRMED" },
        { Username: "off", Password: "Passw0rd!", Enabled: false },
        // As older /_emu/state exports wrote users: a hash and no SRP credentials.
        { Username: "imported", PasswordHash: hashPassword("Passw0rd!") },
      ],
    },
    {
      Id: EMAIL_POOL,
      PoolName: "srp-email",
      UsernameAttributes: ["email"],
      Clients: [{ ClientId: MAIL_WEB, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "dora@example.com", Sub: "0c9a2b8e-51a1-4c61-9e76-8b1f3f5a2d10", Password: "Passw0rd!" }],
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

useEmulator(fixture, (started) => ({ emu, idp } = started));

const browser = (clientId = WEB, poolId = POOL) => new Browser(emu.url, poolId, clientId);
const poolName = (poolId: string) => poolId.split("_")[1];

async function initiate(username: string, srp: SrpClient, clientId = WEB, extra: Record<string, string> = {}) {
  return idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: username, SRP_A: srp.A, ...extra } }));
}

async function verify(started: InitiateAuthCommandOutput, responses: Record<string, string>, clientId = WEB) {
  return idp.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "PASSWORD_VERIFIER",
      Session: started.Session,
      ChallengeResponses: { USERNAME: started.ChallengeParameters!.USER_ID_FOR_SRP, ...responses },
    }),
  );
}

/** A full USER_SRP_AUTH sign-in through the SDK v3, the claim computed by the SDK's helper. */
async function sdkSignIn(username: string, password: string, options: { timestamp?: string; clientId?: string } = {}) {
  const srp = new SrpClient(poolName(POOL));
  const started = await initiate(username, srp, options.clientId);
  const params = started.ChallengeParameters!;
  return verify(started, await srp.claim(params.USER_ID_FOR_SRP, password, params as never, options.timestamp), options.clientId);
}

describe("USER_SRP_AUTH with amazon-cognito-identity-js", () => {
  it("signs in with the right password, and the tokens work", async () => {
    const { session } = await browser().signIn("alice", "Passw0rd!");
    const accessToken = session!.getAccessToken().getJwtToken();
    expect(decodeJwt(accessToken)).toMatchObject({ username: "alice", token_use: "access", client_id: WEB });
    expect(decodeJwt(accessToken).device_key).toBeUndefined();
    await expect(idp.send(new GetUserCommand({ AccessToken: accessToken }))).resolves.toHaveProperty("Username", "alice");
  });

  it("refuses a wrong password as Cognito does, and counts it towards the lockout", async () => {
    const b = browser();
    for (let i = 0; i < 5; i++) {
      await expect(b.signIn("bob", "Wrong-Passw0rd!")).rejects.toMatchObject({ code: "NotAuthorizedException", message: "Incorrect username or password." });
    }
    await expect(b.signIn("bob", "Passw0rd!")).rejects.toMatchObject({ code: "NotAuthorizedException", message: "Password attempts exceeded" });
    await emu.clock.advance(2);
    await expect(b.signIn("bob", "Passw0rd!")).resolves.toHaveProperty("session");
  });

  it("refreshes the session with the refresh token", async () => {
    const { session, user } = await browser().signIn("alice", "Passw0rd!");
    await emu.clock.advance(60);
    const renewed = await new Promise<import("amazon-cognito-identity-js").CognitoUserSession>((resolve, reject) =>
      user.refreshSession(session!.getRefreshToken(), (err, result) => (err ? reject(err) : resolve(result))),
    );
    const before = decodeJwt(session!.getAccessToken().getJwtToken());
    const after = decodeJwt(renewed.getAccessToken().getJwtToken());
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.jti).not.toBe(before.jti);
  });

  it("uses the stored username (the sub) as USER_ID_FOR_SRP in a pool that signs in by email", async () => {
    const { session } = await browser(MAIL_WEB, EMAIL_POOL).signIn("dora@example.com", "Passw0rd!");
    expect(decodeJwt(session!.getAccessToken().getJwtToken()).username).toBe("0c9a2b8e-51a1-4c61-9e76-8b1f3f5a2d10");
    const srp = new SrpClient(poolName(EMAIL_POOL));
    const started = await initiate("dora@example.com", srp, MAIL_WEB);
    expect(started.ChallengeParameters).toMatchObject({ USER_ID_FOR_SRP: "0c9a2b8e-51a1-4c61-9e76-8b1f3f5a2d10", USERNAME: "0c9a2b8e-51a1-4c61-9e76-8b1f3f5a2d10" });
  });

  it("asks for a new password after an admin-set temporary one, then signs in with it", async () => {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: "newbie", TemporaryPassword: "Temp-Passw0rd!", MessageAction: "SUPPRESS" }));
    const b = browser();
    const first = await b.signIn("newbie", "Temp-Passw0rd!");
    expect(first.newPasswordRequired).toBeDefined();
    await new Promise((resolve, reject) =>
      first.user.completeNewPasswordChallenge("Perm-Passw0rd!", {}, { onSuccess: resolve, onFailure: reject }),
    );
    await expect(b.signIn("newbie", "Perm-Passw0rd!")).resolves.toHaveProperty("session");
    await expect(b.signIn("newbie", "Temp-Passw0rd!")).rejects.toMatchObject({ code: "NotAuthorizedException" });
  });

  it("follows every password change: admin-set and user-changed", async () => {
    const b = browser();
    await b.signIn("carol", "Passw0rd!");
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: POOL, Username: "carol", Password: "Admin-Passw0rd!", Permanent: true }));
    await expect(b.signIn("carol", "Passw0rd!")).rejects.toMatchObject({ message: "Incorrect username or password." });
    const { session } = await b.signIn("carol", "Admin-Passw0rd!");
    await idp.send(new ChangePasswordCommand({ AccessToken: session!.getAccessToken().getJwtToken(), PreviousPassword: "Admin-Passw0rd!", ProposedPassword: "Own-Passw0rd!" }));
    await expect(b.signIn("carol", "Admin-Passw0rd!")).rejects.toMatchObject({ message: "Incorrect username or password." });
    await expect(b.signIn("carol", "Own-Passw0rd!")).resolves.toHaveProperty("session");
  });

  it("refuses unconfirmed and disabled users, and unknown ones", async () => {
    await expect(browser().signIn("pending", "Passw0rd!")).rejects.toMatchObject({ code: "UserNotConfirmedException" });
    await expect(browser().signIn("off", "Passw0rd!")).rejects.toMatchObject({ code: "NotAuthorizedException", message: "User is disabled." });
    await expect(browser().signIn("ghost", "Passw0rd!")).rejects.toMatchObject({ code: "UserNotFoundException" });
  });

  it("exposes a user's data through getUserAttributes once signed in", async () => {
    const { user } = await browser().signIn("alice", "Passw0rd!");
    const attributes = await new Promise<Array<{ getName(): string; getValue(): string }>>((resolve, reject) =>
      user.getUserAttributes((err, result) => (err ? reject(err) : resolve(result as never))),
    );
    expect(attributes.map((a) => [a.getName(), a.getValue()])).toContainEqual(["email", "alice@example.com"]);
    await expect(call((cb) => user.globalSignOut(cb))).resolves.toBe("SUCCESS");
  });
});

describe("USER_SRP_AUTH through the SDK v3", () => {
  it("answers PASSWORD_VERIFIER with Cognito's parameters, then tokens", async () => {
    const srp = new SrpClient(poolName(POOL));
    const started = await initiate("alice", srp);
    expect(started.ChallengeName).toBe("PASSWORD_VERIFIER");
    expect(Object.keys(started.ChallengeParameters!).sort()).toEqual(["SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"]);
    expect(started.ChallengeParameters!.SRP_B).toMatch(/^[0-9a-f]+$/);
    expect(started.ChallengeParameters!.SALT).toMatch(/^[0-9a-f]+$/);
    expect(Buffer.from(started.ChallengeParameters!.SECRET_BLOCK, "base64").length).toBeGreaterThan(16);
    const done = await verify(started, await srp.claim("alice", "Passw0rd!", started.ChallengeParameters as never));
    expect(done.AuthenticationResult).toMatchObject({ TokenType: "Bearer", ExpiresIn: 3600 });
    expect(done.AuthenticationResult!.RefreshToken).toBeTruthy();
  });

  it("works through AdminInitiateAuth and AdminRespondToAuthChallenge, with a client secret", async () => {
    const srp = new SrpClient(poolName(POOL));
    const SECRET_HASH = secretHash(SECRET, CLIENT_SECRET, "alice");
    await expect(
      idp.send(new AdminInitiateAuthCommand({ UserPoolId: POOL, ClientId: SECRET, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: "alice", SRP_A: srp.A } })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: `Client ${SECRET} is configured with secret but SECRET_HASH was not received` });
    const started = await idp.send(
      new AdminInitiateAuthCommand({ UserPoolId: POOL, ClientId: SECRET, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: "alice", SRP_A: srp.A, SECRET_HASH } }),
    );
    const claim = await srp.claim("alice", "Passw0rd!", started.ChallengeParameters as never);
    const done = await idp.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: POOL,
        ClientId: SECRET,
        ChallengeName: "PASSWORD_VERIFIER",
        Session: started.Session,
        ChallengeResponses: { USERNAME: "alice", SECRET_HASH, ...claim },
      }),
    );
    expect(done.AuthenticationResult!.AccessToken).toBeTruthy();
  });

  it("refuses clients that do not allow SRP, and allows it to legacy-only clients", async () => {
    const srp = new SrpClient(poolName(POOL));
    await expect(initiate("alice", srp, NO_SRP)).rejects.toMatchObject({ name: "InvalidParameterException", message: "USER_SRP_AUTH flow not enabled for this client" });
    await expect(sdkSignIn("alice", "Passw0rd!", { clientId: LEGACY })).resolves.toHaveProperty("AuthenticationResult.IdToken");
  });

  it("refuses a missing or invalid SRP_A", async () => {
    await expect(idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: "alice" } }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Missing required parameter SRP_A",
    });
    const N = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
    for (const SRP_A of ["0", N, (BigInt(`0x${N}`) * 2n).toString(16), "not-hex"]) {
      await expect(idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: "alice", SRP_A } }))).rejects.toMatchObject({
        name: "InvalidParameterException",
      });
    }
  });

  it("refuses proofs for a wrong password, another secret block or a tampered signature, as a wrong password", async () => {
    await expect(sdkSignIn("alice", "Wrong-Passw0rd!")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    const srp = new SrpClient(poolName(POOL));
    const started = await initiate("alice", srp);
    const claim = await srp.claim("alice", "Passw0rd!", started.ChallengeParameters as never);
    const other = Buffer.from("another secret block").toString("base64");
    await expect(verify(started, { ...claim, PASSWORD_CLAIM_SECRET_BLOCK: other })).rejects.toMatchObject({ message: "Incorrect username or password." });
    const tampered = Buffer.from(claim.PASSWORD_CLAIM_SIGNATURE, "base64");
    tampered[0] ^= 1;
    await expect(verify(started, { ...claim, PASSWORD_CLAIM_SIGNATURE: tampered.toString("base64") })).rejects.toMatchObject({ message: "Incorrect username or password." });
    // A failed answer leaves the session as it was, so the right one still works.
    await expect(verify(started, claim)).resolves.toHaveProperty("AuthenticationResult");
  });

  it("checks the claimed timestamp: format, Cognito's own spelling, and clock skew", async () => {
    await expect(sdkSignIn("alice", "Passw0rd!", { timestamp: "2024-09-05T07:03:09Z" })).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
    });
    const zeroPadded = cognitoTimestamp().replace(/^(\w{3} \w{3}) (\d) /, "$1 0$2 ");
    if (zeroPadded !== cognitoTimestamp()) {
      await expect(sdkSignIn("alice", "Passw0rd!", { timestamp: zeroPadded })).rejects.toMatchObject({ message: "Incorrect username or password." });
    }
    const tenMinutesAgo = cognitoTimestamp(new Date(Date.now() - 10 * 60_000));
    await expect(sdkSignIn("alice", "Passw0rd!", { timestamp: tenMinutesAgo })).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    const twoMinutesAhead = cognitoTimestamp(new Date(Date.now() + 2 * 60_000));
    await expect(sdkSignIn("alice", "Passw0rd!", { timestamp: twoMinutesAhead })).resolves.toHaveProperty("AuthenticationResult");
  });

  it("refuses missing claim parameters and sessions that are not SRP's", async () => {
    const srp = new SrpClient(poolName(POOL));
    const started = await initiate("alice", srp);
    const claim = await srp.claim("alice", "Passw0rd!", started.ChallengeParameters as never);
    for (const missing of ["PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP"]) {
      const partial = { ...claim };
      delete partial[missing];
      await expect(verify(started, partial)).rejects.toMatchObject({ name: "InvalidParameterException", message: `Missing required parameter ${missing}` });
    }
    await expect(verify({ ...started, Session: "not-a-session-of-this-emulator-at-all" }, claim)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid session for the user." });
    await emu.clock.advance(3 * 60 + 1);
    await expect(verify(started, claim)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid session for the user, session is expired." });
  });

  it("survives a round trip of the state through fixtures, and needs SRP's salt and x to sign in", async () => {
    const state = await emu.state();
    const alice = state.UserPools!.find((p) => p.Id === POOL)!.Users!.find((u) => u.Username === "alice")!;
    expect(alice).toMatchObject({ PasswordHash: expect.stringMatching(/^scrypt\$/), SrpSalt: expect.stringMatching(/^[0-9a-f]+$/), SrpX: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(alice)).not.toContain("Passw0rd!");
    const bob = state.UserPools!.find((p) => p.Id === POOL)!.Users!.find((u) => u.Username === "bob")!;
    delete bob.SrpSalt;
    delete bob.SrpX;
    const copy = await startTestEmulator(state);
    try {
      const b = new Browser(copy.url, POOL, WEB);
      await expect(b.signIn("alice", "Passw0rd!")).resolves.toHaveProperty("session");
      await expect(b.signIn("bob", "Passw0rd!")).rejects.toMatchObject({ code: "NotAuthorizedException", message: "Incorrect username or password." });
    } finally {
      await copy.stop();
    }
  });

  it("keeps working after the emulated clock moves, since clients stamp the machine's time", async () => {
    await emu.clock.advance(2 * 86_400);
    await expect(sdkSignIn("alice", "Passw0rd!")).resolves.toHaveProperty("AuthenticationResult");
    await expect(browser().signIn("alice", "Passw0rd!")).resolves.toHaveProperty("session");
  });
});

describe("USER_SRP_AUTH with Amplify v6 signIn", () => {
  beforeAll(() => {
    ConsoleLogger.LOG_LEVEL = "ERROR";
    Amplify.configure({ Auth: { Cognito: { userPoolId: POOL, userPoolClientId: WEB, userPoolEndpoint: emu.url } } });
  });
  afterEach(() => signOut());

  it("signs in with the right password", async () => {
    await expect(signIn({ username: "alice", password: "Passw0rd!" })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } });
    const { tokens } = await fetchAuthSession();
    expect(tokens!.accessToken.payload).toMatchObject({ username: "alice", client_id: WEB });
  });

  it("refuses a wrong password", async () => {
    await expect(signIn({ username: "alice", password: "Wrong-Passw0rd!" })).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
  });

  it("takes a new password when the first one was temporary", async () => {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: "amplified", TemporaryPassword: "Temp-Passw0rd!", MessageAction: "SUPPRESS" }));
    const first = await signIn({ username: "amplified", password: "Temp-Passw0rd!" });
    expect(first.nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED");
    const { confirmSignIn } = await import("aws-amplify/auth");
    await expect(confirmSignIn({ challengeResponse: "Perm-Passw0rd!" })).resolves.toMatchObject({ isSignedIn: true });
  });
});

describe("users imported with only a password hash", () => {
  it("gain SRP credentials at their first password sign-in", async () => {
    await expect(sdkSignIn("imported", "Passw0rd!")).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await idp.send(new InitiateAuthCommand({ ClientId: NO_SRP, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "imported", PASSWORD: "Passw0rd!" } }));
    await expect(sdkSignIn("imported", "Passw0rd!")).resolves.toHaveProperty("AuthenticationResult.AccessToken");
  });
});


describe("PASSWORD_VERIFIER answered without a Session", () => {
  it("finds the sign-in by its secret block, as clients written against Cognito answer it", async () => {
    const srp = new SrpClient(poolName(POOL));
    const started = await initiate("alice", srp);
    const params = started.ChallengeParameters!;
    const claim = await srp.claim(params.USER_ID_FOR_SRP, "Passw0rd!", params as never);
    const answered = await idp.send(
      new RespondToAuthChallengeCommand({ ClientId: WEB, ChallengeName: "PASSWORD_VERIFIER", ChallengeResponses: { USERNAME: params.USER_ID_FOR_SRP, ...claim } }),
    );
    expect(answered.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});
