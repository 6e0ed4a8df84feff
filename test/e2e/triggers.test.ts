
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import type { RunningEmulator } from "../../src/server/emulator";
import { triggerSettings } from "../../src/triggers";
import { idpClient, startTestEmulator, } from "../support/emulator";
import { type Invoker, triggerInvokers } from "../support/invokers";
import { SrpClient, type SrpChallengeParameters } from "../support/srp-client";

/**
 * Every trigger this suite wires runs through both invokers: local modules named in the fixtures'
 * Functions map, and the Lambda Invoke API (a small server standing in for SAM local). Each function
 * is one self-contained source text, so both invokers run the very same code.
 */
const FUNCTIONS: Record<string, string> = {
  preAuth: `async (event) => {
    if (event.userName === "blocked") throw new Error("Sign-in blocked for " + event.userName);
    return event;
  }`,
  postAuth: `async (event) => event`,
  preTokenV1: `async (event) => {
    event.response.claimsOverrideDetails = {
      claimsToAddOrOverride: { tenant: "acme", source: event.triggerSource },
      claimsToSuppress: ["name"],
      groupOverrideDetails: { groupsToOverride: ["vip"], iamRolesToOverride: [], preferredRole: null },
    };
    return event;
  }`,
  preTokenV2: `async (event) => {
    event.response.claimsAndScopeOverrideDetails = {
      idTokenGeneration: { claimsToAddOrOverride: { plan: { tier: "gold" } } },
      accessTokenGeneration: { claimsToAddOrOverride: { tenant: "acme" }, scopesToAdd: ["api/read"] },
    };
    return event;
  }`,
  migrate: `async (event) => {
    if (event.userName !== "legacy") return event;
    if (event.request.password !== "Legacy-Passw0rd") throw new Error("Bad password");
    event.response.userAttributes = { email: "legacy@example.com", email_verified: "true" };
    event.response.finalUserStatus = "CONFIRMED";
    event.response.messageAction = "SUPPRESS";
    return event;
  }`,
  preSignUp: `async (event) => {
    if ((event.request.userAttributes.email || "").endsWith("@blocked.example")) throw new Error("Domain not allowed");
    return event;
  }`,
  customMessage: `async (event) => {
    if (event.triggerSource === "CustomMessage_AdminCreateUser") {
      event.response.emailSubject = "Welcome aboard";
      event.response.emailMessage = "Hello " + event.request.usernameParameter + ", your password is " + event.request.codeParameter;
    }
    return event;
  }`,
  define: `async (event) => {
    const session = event.request.session;
    const last = session[session.length - 1];
    if (last && last.challengeName === "SRP_A") {
      event.response.challengeName = "PASSWORD_VERIFIER";
    } else if (last && last.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult) {
      event.response.issueTokens = true;
    } else if (session.filter((c) => c.challengeName === "CUSTOM_CHALLENGE").length >= 3) {
      event.response.failAuthentication = true;
    } else {
      event.response.challengeName = "CUSTOM_CHALLENGE";
    }
    return event;
  }`,
  create: `async (event) => {
    event.response.publicChallengeParameters = { question: "What is the magic word?" };
    event.response.privateChallengeParameters = { answer: "xyzzy" };
    event.response.challengeMetadata = "MAGIC";
    return event;
  }`,
  verify: `async (event) => {
    event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
    return event;
  }`,
  failingPreToken: `async () => { throw new Error("Token service unavailable"); }`,
  slow: `async (event) => { await new Promise((resolve) => setTimeout(resolve, 1000)); return event; }`,
  textOutput: `async () => "not an event"`,
};

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const AUTH_POOL = "us-east-1_Triggers01";
const V2_POOL = "us-east-1_Triggers02";
const CUSTOM_POOL = "us-east-1_Triggers03";
const FAIL_POOL = "us-east-1_Triggers04";
const WEB = "triggersweb0000000000001";
const V2_WEB = "triggersv2web00000000001";
const CUSTOM_WEB = "triggerscustom0000000001";
const HIDING_WEB = "triggershiding0000000001";
const FAIL_WEB = "triggersfail000000000001";
const SLOW_POOL = "us-east-1_Triggers05";
const SLOW_WEB = "triggersslow000000000001";
const TEXT_POOL = "us-east-1_Triggers06";
const TEXT_WEB = "triggerstext000000000001";

const flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"];
const alice = { Username: "alice", Password: "Passw0rd!", Attributes: { email: "alice@example.com", email_verified: "true", name: "Alice" } };

/** A pool whose one trigger misbehaves, with a user who has yet to choose a password. */
function failingPool(id: string, clientId: string, lambdaConfig: Record<string, string>) {
  return {
    Id: id,
    PoolName: `triggers-${id.slice(-2)}`,
    LambdaConfig: lambdaConfig,
    Clients: [{ ClientId: clientId, ClientName: "web", ExplicitAuthFlows: flows }],
    Users: [{ Username: "temp", Password: "Temp-Passw0rd", UserStatus: "FORCE_CHANGE_PASSWORD", Attributes: {} }],
  };
}

function fixture(functions?: Record<string, string>) {
  return {
    UserPools: [
      {
        Id: AUTH_POOL,
        PoolName: "triggers-auth",
        LambdaConfig: {
          PreAuthentication: arn("preAuth"),
          PostAuthentication: arn("postAuth"),
          PreTokenGeneration: arn("preTokenV1"),
          UserMigration: arn("migrate"),
          PreSignUp: arn("preSignUp"),
          CustomMessage: arn("customMessage"),
        },
        Clients: [{ ClientId: WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Groups: [{ GroupName: "admins", Precedence: 1 }],
        Users: [
          { ...alice, Groups: ["admins"] },
          { Username: "blocked", Password: "Passw0rd!", Attributes: { email: "blocked@example.com" } },
          { Username: "fresh", Password: "Temp-Passw0rd", UserStatus: "FORCE_CHANGE_PASSWORD", Attributes: { email: "fresh@example.com" } },
        ],
      },
      {
        Id: V2_POOL,
        PoolName: "triggers-v2",
        LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: arn("preTokenV2"), LambdaVersion: "V2_0" } },
        Clients: [{ ClientId: V2_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Users: [alice],
      },
      {
        Id: CUSTOM_POOL,
        PoolName: "triggers-custom",
        LambdaConfig: { DefineAuthChallenge: arn("define"), CreateAuthChallenge: arn("create"), VerifyAuthChallengeResponse: arn("verify") },
        Clients: [
          { ClientId: CUSTOM_WEB, ClientName: "web", ExplicitAuthFlows: flows },
          { ClientId: HIDING_WEB, ClientName: "hiding", ExplicitAuthFlows: flows, PreventUserExistenceErrors: "ENABLED" },
        ],
        Users: [alice],
      },
      failingPool(FAIL_POOL, FAIL_WEB, { PreTokenGeneration: arn("failingPreToken") }),
      failingPool(SLOW_POOL, SLOW_WEB, { PreAuthentication: arn("slow") }),
      failingPool(TEXT_POOL, TEXT_WEB, { PreAuthentication: arn("textOutput") }),
    ],
    ...(functions ? { Functions: functions } : {}),
  };
}

describe.each(triggerInvokers(FUNCTIONS, fixture))("triggers through %s", (_label, makeInvoker) => {
  let invoker: Invoker;
  let emu: RunningEmulator;
  let idp: CognitoIdentityProviderClient;

  beforeAll(async () => {
    invoker = makeInvoker();
    emu = await invoker.start();
    idp = idpClient(emu);
  });
  afterAll(async () => {
    await emu.stop();
    await invoker.stop();
  });

  const signIn = (username: string, password: string, clientId = WEB, clientMetadata?: Record<string, string>) =>
    idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password }, ClientMetadata: clientMetadata }));
  const userStatus = (poolId: string, username: string) =>
    idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username })).then((u) => u.UserStatus, (error: Error) => error.name);

  it("PreAuthentication refuses a sign-in; it and PostAuthentication see the ones that succeed", async () => {
    await expect(signIn("blocked", "Passw0rd!")).rejects.toMatchObject({
      name: "UserLambdaValidationException",
      message: "PreAuthentication failed with error Sign-in blocked for blocked.",
    });
    const before = invoker.eventsOf("postAuth").length;
    await signIn("alice", "Passw0rd!", WEB, { device: "kiosk" });
    expect(invoker.eventsOf("preAuth").at(-1)).toMatchObject({
      version: "1",
      triggerSource: "PreAuthentication_Authentication",
      region: "us-east-1",
      userPoolId: AUTH_POOL,
      userName: "alice",
      callerContext: { clientId: WEB },
      request: { userAttributes: { sub: expect.any(String), email: "alice@example.com", "cognito:user_status": "CONFIRMED" }, validationData: { device: "kiosk" } },
    });
    expect(invoker.eventsOf("postAuth").slice(before)).toEqual([
      expect.objectContaining({ triggerSource: "PostAuthentication_Authentication", request: expect.objectContaining({ newDeviceUsed: false, clientMetadata: { device: "kiosk" } }) }),
    ]);
  });

  it("PreTokenGeneration V1_0 adds ID token claims and overrides groups, at sign-in, after a new password, and on refresh", async () => {
    const { AuthenticationResult } = await signIn("alice", "Passw0rd!");
    const id = decodeJwt(AuthenticationResult!.IdToken!);
    const access = decodeJwt(AuthenticationResult!.AccessToken!);
    expect(id).toMatchObject({ tenant: "acme", source: "TokenGeneration_Authentication", "cognito:groups": ["vip"], email: "alice@example.com" });
    expect(id).not.toHaveProperty("name");
    expect(access["cognito:groups"]).toEqual(["vip"]);
    expect(access).not.toHaveProperty("tenant");
    expect(invoker.eventsOf("preTokenV1").at(-1).request.groupConfiguration).toEqual({ groupsToOverride: ["admins"], iamRolesToOverride: [], preferredRole: null });

    const refreshed = await idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! } }));
    expect(decodeJwt(refreshed.AuthenticationResult!.IdToken!)).toMatchObject({ source: "TokenGeneration_RefreshTokens", "cognito:groups": ["vip"] });

    const challenge = await signIn("fresh", "Temp-Passw0rd");
    expect(challenge.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    const answered = await idp.send(
      new RespondToAuthChallengeCommand({ ClientId: WEB, ChallengeName: "NEW_PASSWORD_REQUIRED", Session: challenge.Session, ChallengeResponses: { USERNAME: "fresh", NEW_PASSWORD: "New-Passw0rd" } }),
    );
    expect(decodeJwt(answered.AuthenticationResult!.IdToken!).source).toBe("TokenGeneration_NewPasswordChallenge");
  });

  it("PreTokenGeneration V2_0 customizes the access token and its scopes too", async () => {
    const { AuthenticationResult } = await signIn("alice", "Passw0rd!", V2_WEB);
    expect(decodeJwt(AuthenticationResult!.IdToken!)).toMatchObject({ plan: { tier: "gold" } });
    expect(decodeJwt(AuthenticationResult!.AccessToken!)).toMatchObject({ tenant: "acme", scope: "aws.cognito.signin.user.admin api/read" });
    expect(invoker.eventsOf("preTokenV2").at(-1)).toMatchObject({ version: "2", request: { scopes: ["aws.cognito.signin.user.admin"] }, response: { claimsAndScopeOverrideDetails: null } });
  });

  it("UserMigration creates an unknown user on sign-in with the password the function vouched for", async () => {
    await expect(signIn("legacy", "Wrong-Passw0rd")).rejects.toMatchObject({ name: "UserLambdaValidationException", message: "UserMigration failed with error Bad password." });
    expect(await userStatus(AUTH_POOL, "legacy")).toBe("UserNotFoundException");
    await expect(signIn("nobody", "Passw0rd!")).rejects.toMatchObject({ name: "UserNotFoundException" });

    const { AuthenticationResult } = await signIn("legacy", "Legacy-Passw0rd");
    expect(decodeJwt(AuthenticationResult!.IdToken!)).toMatchObject({ "cognito:username": "legacy", email: "legacy@example.com", email_verified: true });
    expect(await userStatus(AUTH_POOL, "legacy")).toBe("CONFIRMED");
    expect(invoker.eventsOf("migrate").at(-1)).toMatchObject({ triggerSource: "UserMigration_Authentication", userName: "legacy", request: { password: "Legacy-Passw0rd" } });

    const migrations = invoker.eventsOf("migrate").length;
    await signIn("legacy", "Legacy-Passw0rd");
    expect(invoker.eventsOf("migrate")).toHaveLength(migrations);
  });

  it("PreSignUp runs for AdminCreateUser, a refusal leaves no user, and CustomMessage writes the invitation", async () => {
    await expect(
      idp.send(new AdminCreateUserCommand({ UserPoolId: AUTH_POOL, Username: "mallory", UserAttributes: [{ Name: "email", Value: "m@blocked.example" }], DesiredDeliveryMediums: ["EMAIL"] })),
    ).rejects.toMatchObject({ name: "UserLambdaValidationException", message: "PreSignUp failed with error Domain not allowed." });
    expect(await userStatus(AUTH_POOL, "mallory")).toBe("UserNotFoundException");
    expect(await emu.messages({ userPoolId: AUTH_POOL, username: "mallory" })).toEqual([]);

    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: AUTH_POOL,
        Username: "newbie",
        TemporaryPassword: "Temp-Passw0rd1",
        UserAttributes: [{ Name: "email", Value: "newbie@example.com" }],
        ValidationData: [{ Name: "invite", Value: "42" }],
        ClientMetadata: { source: "admin-console" },
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    expect(invoker.eventsOf("preSignUp").at(-1)).toMatchObject({
      triggerSource: "PreSignUp_AdminCreateUser",
      userName: "newbie",
      callerContext: { clientId: "CLIENT_ID_NOT_APPLICABLE" },
      request: { userAttributes: { email: "newbie@example.com" }, validationData: { invite: "42" }, clientMetadata: { source: "admin-console" } },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    const [invitation] = await emu.messages({ userPoolId: AUTH_POOL, username: "newbie" });
    expect(invitation).toMatchObject({ subject: "Welcome aboard", message: "Hello newbie, your password is Temp-Passw0rd1", code: "Temp-Passw0rd1" });
  });

  describe("CUSTOM_AUTH", () => {
    const start = (clientId = CUSTOM_WEB, username = "alice") =>
      idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: username } }));
    const answer = (session: string | undefined, value: string, clientId = CUSTOM_WEB, username = "alice") =>
      idp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "CUSTOM_CHALLENGE", Session: session, ChallengeResponses: { USERNAME: username, ANSWER: value } }));

    it("runs a passwordless loop: challenges until the right answer, private parameters never leaving the server", async () => {
      const first = await start();
      expect(first).toMatchObject({ ChallengeName: "CUSTOM_CHALLENGE", ChallengeParameters: { question: "What is the magic word?", USERNAME: "alice" } });
      expect(JSON.stringify(first)).not.toContain("xyzzy");

      const second = await answer(first.Session, "plugh");
      expect(second.ChallengeName).toBe("CUSTOM_CHALLENGE");
      expect(second.Session).not.toBe(first.Session);
      await expect(answer(first.Session, "xyzzy")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid session for the user." });

      const done = await answer(second.Session, "xyzzy");
      expect(decodeJwt(done.AuthenticationResult!.AccessToken!).username).toBe("alice");
      expect(invoker.eventsOf("define").at(-1).request.session).toEqual([
        { challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "MAGIC" },
        { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "MAGIC" },
      ]);
      expect(invoker.eventsOf("verify").at(-1).request).toMatchObject({ privateChallengeParameters: { answer: "xyzzy" }, challengeAnswer: "xyzzy" });
    });

    it("fails the sign-in when DefineAuthChallenge says so, and works through AdminInitiateAuth", async () => {
      let step = await start();
      for (let i = 0; i < 2; i++) step = await answer(step.Session, "wrong");
      await expect(answer(step.Session, "wrong")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });

      const admin = await idp.send(new AdminInitiateAuthCommand({ UserPoolId: CUSTOM_POOL, ClientId: CUSTOM_WEB, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "alice" } }));
      expect(admin.ChallengeName).toBe("CUSTOM_CHALLENGE");
    });

    it("proves the password with SRP first when the client starts with CHALLENGE_NAME=SRP_A", async () => {
      const srp = new SrpClient(CUSTOM_POOL.split("_")[1]);
      const started = await idp.send(
        new InitiateAuthCommand({ ClientId: CUSTOM_WEB, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "alice", CHALLENGE_NAME: "SRP_A", SRP_A: srp.A } }),
      );
      expect(started.ChallengeName).toBe("PASSWORD_VERIFIER");
      expect(invoker.eventsOf("define").at(-1).request.session).toEqual([{ challengeName: "SRP_A", challengeResult: true }]);
      const params = started.ChallengeParameters as unknown as SrpChallengeParameters & { USER_ID_FOR_SRP: string };

      const wrong = await srp.claim(params.USER_ID_FOR_SRP, "Wrong-Passw0rd", params);
      await expect(
        idp.send(new RespondToAuthChallengeCommand({ ClientId: CUSTOM_WEB, ChallengeName: "PASSWORD_VERIFIER", Session: started.Session, ChallengeResponses: { USERNAME: "alice", ...wrong } })),
      ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });

      const again = new SrpClient(CUSTOM_POOL.split("_")[1]);
      const restarted = await idp.send(
        new InitiateAuthCommand({ ClientId: CUSTOM_WEB, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "alice", CHALLENGE_NAME: "SRP_A", SRP_A: again.A } }),
      );
      const proof = await again.claim(params.USER_ID_FOR_SRP, "Passw0rd!", restarted.ChallengeParameters as unknown as SrpChallengeParameters);
      const custom = await idp.send(
        new RespondToAuthChallengeCommand({ ClientId: CUSTOM_WEB, ChallengeName: "PASSWORD_VERIFIER", Session: restarted.Session, ChallengeResponses: { USERNAME: "alice", ...proof } }),
      );
      expect(custom.ChallengeName).toBe("CUSTOM_CHALLENGE");
      const done = await answer(custom.Session, "xyzzy");
      expect(done.AuthenticationResult?.IdToken).toBeDefined();
      expect(invoker.eventsOf("define").at(-1).request.session).toEqual([
        { challengeName: "SRP_A", challengeResult: true },
        { challengeName: "PASSWORD_VERIFIER", challengeResult: true },
        { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "MAGIC" },
      ]);
    });

    it("runs the challenges for unknown users without telling clients that hide them", async () => {
      await expect(start(CUSTOM_WEB, "ghost")).rejects.toMatchObject({ name: "UserNotFoundException" });
      const first = await start(HIDING_WEB, "ghost");
      expect(first.ChallengeName).toBe("CUSTOM_CHALLENGE");
      expect(invoker.eventsOf("define").at(-1).request).toMatchObject({ userNotFound: true, userAttributes: {} });
      await expect(answer(first.Session, "xyzzy", HIDING_WEB, "ghost")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    });

    it("needs the three challenge triggers", async () => {
      await expect(idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "alice" } }))).rejects.toMatchObject({
        name: "InvalidParameterException",
        message: "Custom auth lambda trigger is not configured for the user pool.",
      });
    });
  });

  describe("failures", () => {
    it("a failing PreTokenGeneration issues no tokens and leaves the new password unset", async () => {
      const challenge = await signIn("temp", "Temp-Passw0rd", FAIL_WEB);
      await expect(
        idp.send(
          new RespondToAuthChallengeCommand({ ClientId: FAIL_WEB, ChallengeName: "NEW_PASSWORD_REQUIRED", Session: challenge.Session, ChallengeResponses: { USERNAME: "temp", NEW_PASSWORD: "New-Passw0rd" } }),
        ),
      ).rejects.toMatchObject({ name: "UserLambdaValidationException", message: "PreTokenGeneration failed with error Token service unavailable." });
      expect(await userStatus(FAIL_POOL, "temp")).toBe("FORCE_CHANGE_PASSWORD");
      await expect(signIn("temp", "New-Passw0rd", FAIL_WEB)).rejects.toMatchObject({ name: "NotAuthorizedException" });
    });

    it("a function that does not answer in time is tried three times, then UnexpectedLambdaException", async () => {
      // Cognito waits 5 s a try; the emulator's internal setting spares the test 15 s.
      triggerSettings(emu.services).timeoutMs = 150;
      const before = invoker.eventsOf("slow").length;
      try {
        await expect(signIn("temp", "Temp-Passw0rd", SLOW_WEB)).rejects.toMatchObject({
          name: "UnexpectedLambdaException",
          message: "PreAuthentication invocation failed due to error Socket timeout while invoking Lambda function.",
        });
      } finally {
        triggerSettings(emu.services).timeoutMs = 5000;
      }
      expect(invoker.eventsOf("slow").length - before).toBe(3);
    });

    it("output that is not an event is InvalidLambdaResponseException", async () => {
      await expect(signIn("temp", "Temp-Passw0rd", TEXT_WEB)).rejects.toMatchObject({
        name: "InvalidLambdaResponseException",
        message: "Invalid lambda function output : Invalid JSON",
      });
    });
  });
});

describe("a Lambda endpoint that cannot be reached", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator(fixture(), { lambdaEndpoint: "http://127.0.0.1:9" });
  });
  afterAll(() => emu.stop());

  it("answers UnexpectedLambdaException, and creates no user", async () => {
    const idp = idpClient(emu);
    await expect(idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD: "Passw0rd!" } }))).rejects.toMatchObject({
      name: "UnexpectedLambdaException",
      message: "PreAuthentication invocation failed due to error ECONNREFUSED.",
    });
    await expect(idp.send(new AdminCreateUserCommand({ UserPoolId: AUTH_POOL, Username: "zed" }))).rejects.toMatchObject({ name: "UnexpectedLambdaException" });
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: AUTH_POOL, Username: "zed" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
  });
});
