import { CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier, buildClient } from "@aws-crypto/client-node";
import { runPostAuthentication, runPreAuthentication } from "./authentication";
import { runCreateAuthChallenge, runDefineAuthChallenge, runVerifyAuthChallengeResponse } from "./custom-auth";
import { runCustomMessage } from "./custom-message";
import { sendWithCustomSender } from "./custom-sender";
import { eventUserAttributes } from "./event";
import { runPostConfirmation } from "./post-confirmation";
import { runPreSignUp } from "./pre-sign-up";
import { runPreTokenGeneration } from "./pre-token-generation";
import { customSenderKeyring, encryptSenderCode } from "./sender-code";
import { POOL_ID, recordedEvents, recordingModule, triggerTestbed } from "./testing";
import { migrateUser } from "./user-migration";

const ENVELOPE = { version: "1", region: "us-east-1", userPoolId: POOL_ID, callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "triggersclient00000000001" } };

/** A testbed whose trigger `name` runs a recording module answering with `body`; returns the events file. */
function withTrigger(body?: string) {
  const bed = triggerTestbed();
  const events = bed.tempFile("events");
  bed.defineModule("fn", recordingModule(events, body));
  return { ...bed, events: () => recordedEvents(events) };
}

describe("user attributes in events", () => {
  it("carry sub, status, the attributes and the alias markers Cognito adds", () => {
    const bed = triggerTestbed();
    expect(eventUserAttributes(bed.pool({}, { UsernameAttributes: ["email"] }), bed.user)).toEqual({
      sub: bed.user.Sub,
      "cognito:user_status": "CONFIRMED",
      email: "alice@example.com",
      email_verified: "true",
      name: "Alice",
      "cognito:email_alias": "alice@example.com",
    });
    expect(eventUserAttributes(bed.pool({}), bed.user)).not.toHaveProperty("cognito:email_alias");
  });
});

describe("PreSignUp", () => {
  it("sends the attributes, validation data and client metadata, and reads the auto flags", async () => {
    const bed = withTrigger("event.response.autoConfirmUser = true; event.response.autoVerifyEmail = true; return event;");
    const pool = bed.pool({ PreSignUp: "fn" });
    const result = await runPreSignUp(bed.services, pool, {
      source: "SignUp",
      userName: "bob",
      userAttributes: { email: "bob@example.com" },
      clientId: bed.client.ClientId,
      validationData: { captcha: "ok" },
      clientMetadata: { app: "web" },
    });
    expect(result).toEqual({ autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    expect(bed.events()[0]).toEqual({
      ...ENVELOPE,
      triggerSource: "PreSignUp_SignUp",
      userName: "bob",
      request: { userAttributes: { email: "bob@example.com" }, validationData: { captcha: "ok" }, clientMetadata: { app: "web" } },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
  });

  it("ignores the flags for AdminCreateUser, which has no client", async () => {
    const bed = withTrigger("event.response.autoConfirmUser = true; return event;");
    const result = await runPreSignUp(bed.services, bed.pool({ PreSignUp: "fn" }), { source: "AdminCreateUser", userName: "bob", userAttributes: {} });
    expect(result.autoConfirmUser).toBe(false);
    expect(bed.events()[0]).toMatchObject({ triggerSource: "PreSignUp_AdminCreateUser", callerContext: { clientId: "CLIENT_ID_NOT_APPLICABLE" }, request: { userAttributes: {} } });
  });

  it("costs nothing when the pool has no such trigger", async () => {
    const bed = triggerTestbed();
    await expect(runPreSignUp(bed.services, bed.pool({}), { source: "SignUp", userName: "x", userAttributes: {} })).resolves.toEqual({
      autoConfirmUser: false,
      autoVerifyEmail: false,
      autoVerifyPhone: false,
    });
  });

  it("rejects flags of the wrong type", async () => {
    const bed = withTrigger("event.response.autoConfirmUser = 'maybe'; return event;");
    await expect(runPreSignUp(bed.services, bed.pool({ PreSignUp: "fn" }), { source: "SignUp", userName: "x", userAttributes: {} })).rejects.toMatchObject({
      code: "InvalidLambdaResponseException",
      message: "Unrecognizable lambda output",
    });
  });
});

describe("PostConfirmation, PreAuthentication, PostAuthentication", () => {
  it("send the user's attributes with the source's fields", async () => {
    const bed = withTrigger();
    const pool = bed.pool({ PostConfirmation: "fn", PreAuthentication: "fn", PostAuthentication: "fn" });
    await runPostConfirmation(bed.services, pool, { source: "ConfirmForgotPassword", user: bed.user, clientId: bed.client.ClientId, clientMetadata: { a: "b" } });
    await runPreAuthentication(bed.services, pool, bed.client, { user: bed.user, userName: "alice", validationData: { device: "x" } });
    await runPostAuthentication(bed.services, pool, bed.client, { user: bed.user, newDeviceUsed: false });
    const [confirmation, pre, post] = bed.events();
    const userAttributes = eventUserAttributes(pool, bed.user);
    expect(confirmation).toEqual({ ...ENVELOPE, triggerSource: "PostConfirmation_ConfirmForgotPassword", userName: "alice", request: { userAttributes, clientMetadata: { a: "b" } }, response: {} });
    expect(pre).toEqual({ ...ENVELOPE, triggerSource: "PreAuthentication_Authentication", userName: "alice", request: { userAttributes, validationData: { device: "x" } }, response: {} });
    expect(post).toEqual({ ...ENVELOPE, triggerSource: "PostAuthentication_Authentication", userName: "alice", request: { userAttributes, newDeviceUsed: false }, response: {} });
  });

  it("tell PreAuthentication the user was not found only for clients that hide it", async () => {
    const bed = withTrigger();
    const pool = bed.pool({ PreAuthentication: "fn" });
    await runPreAuthentication(bed.services, pool, { ...bed.client, PreventUserExistenceErrors: "ENABLED" }, { userName: "ghost" });
    await runPreAuthentication(bed.services, pool, { ...bed.client, PreventUserExistenceErrors: "ENABLED" }, { user: bed.user, userName: "alice" });
    const [ghost, alice] = bed.events();
    expect(ghost.request).toEqual({ userAttributes: {}, userNotFound: true });
    expect(ghost.userName).toBe("ghost");
    expect(alice.request.userNotFound).toBe(false);
  });
});

describe("PreTokenGeneration", () => {
  const groups = [
    { UserPoolId: POOL_ID, GroupName: "admins", Precedence: 1, RoleArn: "arn:aws:iam::1:role/Admin", CreationDate: 0, LastModifiedDate: 0 },
    { UserPoolId: POOL_ID, GroupName: "readers", Precedence: 5, CreationDate: 0, LastModifiedDate: 0 },
  ];

  it("V1_0: sends the group configuration and customizes the ID token (and groups in both)", async () => {
    const bed = withTrigger(`event.response.claimsOverrideDetails = {
      claimsToAddOrOverride: { tenant: "acme", level: 3, sub: "forged", "cognito:groups": "x" },
      claimsToSuppress: ["email", "tenant"],
      groupOverrideDetails: { groupsToOverride: ["vip"], iamRolesToOverride: [], preferredRole: null },
    };
    event.response.claimsOverrideDetails.claimsToSuppress = ["email"];
    return event;`);
    const result = await runPreTokenGeneration(bed.services, bed.pool({ PreTokenGeneration: "fn" }), { source: "Authentication", client: bed.client, user: bed.user, groups });
    expect(bed.events()[0]).toMatchObject({
      version: "1",
      triggerSource: "TokenGeneration_Authentication",
      request: { groupConfiguration: { groupsToOverride: ["admins", "readers"], iamRolesToOverride: ["arn:aws:iam::1:role/Admin"], preferredRole: "arn:aws:iam::1:role/Admin" } },
      response: { claimsOverrideDetails: null },
    });
    expect(bed.events()[0].request).not.toHaveProperty("scopes");
    expect(result).toEqual({
      extraIdClaims: { tenant: "acme", level: "3", email: undefined, "cognito:groups": ["vip"], "cognito:roles": undefined, "cognito:preferred_role": undefined },
      extraAccessClaims: { "cognito:groups": ["vip"] },
    });
  });

  it("V1_0: leaves groups alone when the function says nothing of them, and everything when it answers null", async () => {
    const bed = withTrigger("event.response.claimsOverrideDetails = { claimsToAddOrOverride: { a: 'b' } }; return event;");
    const pool = bed.pool({ PreTokenGeneration: "fn" });
    await expect(runPreTokenGeneration(bed.services, pool, { source: "RefreshTokens", client: bed.client, user: bed.user, groups })).resolves.toEqual({
      extraIdClaims: { a: "b" },
      extraAccessClaims: {},
    });
    bed.defineModule("fn", "exports.handler = async (event) => event;");
    await expect(runPreTokenGeneration(bed.services, pool, { source: "RefreshTokens", client: bed.client, user: bed.user, groups })).resolves.toEqual({});
  });

  it("V2_0: sends scopes and customizes both tokens and the scopes", async () => {
    const bed = withTrigger(`event.response.claimsAndScopeOverrideDetails = {
      idTokenGeneration: { claimsToAddOrOverride: { plan: { tier: "gold" } }, claimsToSuppress: ["name"] },
      accessTokenGeneration: { claimsToAddOrOverride: { tenant: "acme", client_id: "forged" }, scopesToAdd: ["api/read"], scopesToSuppress: ["aws.cognito.signin.user.admin"] },
    };
    return event;`);
    const pool = bed.pool({ PreTokenGenerationConfig: { LambdaArn: "fn", LambdaVersion: "V2_0" } });
    const result = await runPreTokenGeneration(bed.services, pool, { source: "Authentication", client: bed.client, user: bed.user, groups: [], clientMetadata: { k: "v" } });
    expect(bed.events()[0]).toMatchObject({
      version: "2",
      request: { scopes: ["aws.cognito.signin.user.admin"], groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null }, clientMetadata: { k: "v" } },
      response: { claimsAndScopeOverrideDetails: null },
    });
    expect(result).toEqual({
      extraIdClaims: { plan: { tier: "gold" }, name: undefined },
      extraAccessClaims: { tenant: "acme" },
      scopes: ["api/read"],
      accessTokenVersion: 2,
    });
  });

  it("V3_0: sends version 3 events", async () => {
    const bed = withTrigger();
    await runPreTokenGeneration(bed.services, bed.pool({ PreTokenGenerationConfig: { LambdaArn: "fn", LambdaVersion: "V3_0" } }), {
      source: "HostedAuth",
      client: bed.client,
      user: bed.user,
      groups: [],
      scopes: ["openid", "email"],
    });
    expect(bed.events()[0]).toMatchObject({ version: "3", triggerSource: "TokenGeneration_HostedAuth", request: { scopes: ["openid", "email"] } });
  });
});

describe("CustomMessage", () => {
  it("sends the placeholders and returns what the function wrote", async () => {
    const bed = withTrigger("event.response.emailSubject = 'Welcome'; event.response.emailMessage = 'Hi ' + event.request.usernameParameter + ', use ' + event.request.codeParameter; return event;");
    const message = await runCustomMessage(bed.services, bed.pool({ CustomMessage: "fn" }), { source: "AdminCreateUser", user: bed.user });
    expect(message).toEqual({ emailSubject: "Welcome", emailMessage: "Hi {username}, use {####}" });
    expect(bed.events()[0]).toMatchObject({
      triggerSource: "CustomMessage_AdminCreateUser",
      request: { codeParameter: "{####}", linkParameter: "{##Click Here##}", usernameParameter: "{username}" },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    });
    await runCustomMessage(bed.services, bed.pool({ CustomMessage: "fn" }), { source: "ForgotPassword", user: bed.user, clientId: bed.client.ClientId });
    expect(bed.events()[1].request.usernameParameter).toBeNull();
  });
});

describe("UserMigration", () => {
  it("creates the user the function describes, with the password they signed in with", async () => {
    const bed = withTrigger("event.response.userAttributes = { email: 'carol@example.com', email_verified: true, sub: 'ignored' }; event.response.finalUserStatus = 'CONFIRMED'; return event;");
    const pool = bed.pool({ UserMigration: "fn" });
    bed.services.tables.pools.put(pool.Id, pool);
    const user = await migrateUser(bed.services, pool, bed.client, { source: "Authentication", userName: "carol", password: "Passw0rd!", clientMetadata: { from: "legacy" } });
    expect(user).toMatchObject({ Username: "carol", UserStatus: "CONFIRMED", Attributes: { email: "carol@example.com", email_verified: "true" } });
    expect(user!.PasswordHash).toBeDefined();
    expect(bed.events()[0]).toEqual({
      ...ENVELOPE,
      triggerSource: "UserMigration_Authentication",
      userName: "carol",
      request: { password: "Passw0rd!", validationData: { from: "legacy" }, clientMetadata: { from: "legacy" } },
      response: { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null },
    });
  });

  it("creates nobody when the function answers no attributes, and refuses unknown statuses", async () => {
    const bed = withTrigger();
    const pool = bed.pool({ UserMigration: "fn" });
    await expect(migrateUser(bed.services, pool, bed.client, { source: "ForgotPassword", userName: "dan" })).resolves.toBeUndefined();
    expect(bed.events()[0].request).toEqual({});
    bed.defineModule("fn", "exports.handler = async (e) => ({ ...e, response: { userAttributes: { email: 'd@example.com' }, finalUserStatus: 'UNCONFIRMED' } });");
    await expect(migrateUser(bed.services, pool, bed.client, { source: "ForgotPassword", userName: "dan" })).rejects.toMatchObject({ code: "InvalidLambdaResponseException" });
  });
});

describe("custom authentication challenges", () => {
  it("send the session and read the decisions", async () => {
    const bed = withTrigger(`if (event.triggerSource.startsWith("Define")) event.response.challengeName = "CUSTOM_CHALLENGE";
    if (event.triggerSource.startsWith("Create")) { event.response.publicChallengeParameters = { hint: "colour" }; event.response.privateChallengeParameters = { answer: "blue" }; event.response.challengeMetadata = "Q1"; }
    if (event.triggerSource.startsWith("Verify")) event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
    return event;`);
    const pool = bed.pool({ DefineAuthChallenge: "fn", CreateAuthChallenge: "fn", VerifyAuthChallengeResponse: "fn" });
    const party = { client: bed.client, user: bed.user, userName: "alice", clientMetadata: { m: "1" } };
    await expect(runDefineAuthChallenge(bed.services, pool, party, [])).resolves.toEqual({ challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false });
    await expect(runCreateAuthChallenge(bed.services, pool, party, "CUSTOM_CHALLENGE", [])).resolves.toEqual({
      publicChallengeParameters: { hint: "colour" },
      privateChallengeParameters: { answer: "blue" },
      challengeMetadata: "Q1",
    });
    await expect(runVerifyAuthChallengeResponse(bed.services, pool, party, { answer: "blue" }, "blue")).resolves.toBe(true);
    const [define, create, verify] = bed.events();
    expect(define).toMatchObject({ triggerSource: "DefineAuthChallenge_Authentication", request: { session: [], clientMetadata: { m: "1" } }, response: { challengeName: null, issueTokens: null, failAuthentication: null } });
    expect(create).toMatchObject({ request: { challengeName: "CUSTOM_CHALLENGE", session: [] }, response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null } });
    expect(verify).toMatchObject({ request: { privateChallengeParameters: { answer: "blue" }, challengeAnswer: "blue" }, response: { answerCorrect: null } });
  });

  it("need all three triggers", async () => {
    const bed = triggerTestbed();
    await expect(runDefineAuthChallenge(bed.services, bed.pool({ DefineAuthChallenge: "fn" }), { client: bed.client, userName: "x" }, [])).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "Custom auth lambda trigger is not configured for the user pool.",
    });
  });
});

describe("custom senders", () => {
  const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const decrypt = (code: string, keyId = KEY) =>
    buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT).decrypt(
      new RawAesKeyringNode({ ...customSenderKeyring(keyId), wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING }),
      Buffer.from(code, "base64"),
    );

  it("encrypt codes as AWS Encryption SDK messages under a key derived from the KMS key id", async () => {
    const { plaintext, messageHeader } = await decrypt(encryptSenderCode(KEY, POOL_ID, "123456"));
    expect(plaintext.toString("utf8")).toBe("123456");
    expect(messageHeader.encryptionContext).toMatchObject({ "userpool-id": POOL_ID });
    expect(messageHeader.suiteId).toBe(0x0378);
    await expect(decrypt(encryptSenderCode(KEY, POOL_ID, "123456"), "another-key")).rejects.toThrow();
  });

  it("hand the message to the function with the encrypted code, and survive a failing function", async () => {
    const bed = withTrigger();
    const pool = bed.pool({ CustomEmailSender: { LambdaArn: "fn", LambdaVersion: "V1_0" }, KMSKeyID: KEY });
    await expect(sendWithCustomSender(bed.services, pool, { medium: "EMAIL", source: "ForgotPassword", user: bed.user, code: "654321" })).resolves.toBe(true);
    await expect(sendWithCustomSender(bed.services, pool, { medium: "SMS", source: "ForgotPassword", user: bed.user, code: "654321" })).resolves.toBe(false);
    const [event] = bed.events();
    expect(event).toMatchObject({ version: "1", triggerSource: "CustomEmailSender_ForgotPassword", request: { type: "customEmailSenderRequestV1", userAttributes: { email: "alice@example.com" } } });
    expect((await decrypt(event.request.code)).plaintext.toString()).toBe("654321");

    bed.defineModule("fn", "exports.handler = async () => { throw new Error('mail server down'); };");
    const logged = jest.fn();
    bed.services.log.error = logged;
    await expect(sendWithCustomSender(bed.services, pool, { medium: "EMAIL", source: "SignUp", user: bed.user, code: "1" })).resolves.toBe(true);
    expect(logged).toHaveBeenCalledWith("CustomEmailSender for alice: CustomEmailSender failed with error mail server down.", { userPoolId: POOL_ID });
  });
});
