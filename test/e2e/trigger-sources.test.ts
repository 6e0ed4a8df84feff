
import { buildClient, CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from "@aws-crypto/client-node";
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import type { RunningEmulator } from "../../src/server/emulator";
import { customSenderKeyring } from "../../src/triggers";
import { idpClient, } from "../support/emulator";
import { type Invoker, triggerInvokers } from "../support/invokers";
import { newDeviceSecret, type SrpChallengeParameters, SrpClient } from "../support/srp-client";

/**
 * Every API call that makes Cognito run a trigger, through both invokers: local modules named in the
 * fixtures' Functions map, and the Lambda Invoke API. Each function is one self-contained source text,
 * steered by the request's ValidationData or ClientMetadata, so both invokers run the very same code.
 */
const FUNCTIONS: Record<string, string> = {
  preSignUp: `async (event) => {
    const validation = event.request.validationData || {};
    if ((event.request.userAttributes.email || "").endsWith("@blocked.example")) throw new Error("Domain not allowed");
    if (validation.confirm === "yes") event.response.autoConfirmUser = true;
    if (validation.verifyEmail === "yes") event.response.autoVerifyEmail = true;
    if (validation.verifyPhone === "yes") event.response.autoVerifyPhone = true;
    return event;
  }`,
  postConfirmation: `async (event) => {
    if ((event.request.clientMetadata || {}).fail === "yes") throw new Error("Provisioning failed");
    return event;
  }`,
  customMessage: `async (event) => {
    const metadata = event.request.clientMetadata || {};
    if (metadata.fail === "yes") throw new Error("Template service down");
    const text = metadata.broken === "yes" ? "Your code is on its way" : event.triggerSource + ": code " + event.request.codeParameter;
    event.response.smsMessage = text;
    event.response.emailMessage = text;
    event.response.emailSubject = "Subject " + event.triggerSource;
    return event;
  }`,
  migrate: `async (event) => {
    if (event.userName === "legacy-broken") throw new Error("Directory unavailable");
    if (event.userName !== "legacy") return event;
    event.response.userAttributes = { email: "legacy@example.com", email_verified: "true" };
    event.response.messageAction = "SUPPRESS";
    return event;
  }`,
  postAuth: `async (event) => event`,
  preToken: `async (event) => {
    event.response.claimsOverrideDetails = { claimsToAddOrOverride: { source: event.triggerSource } };
    return event;
  }`,
  emailSender: `async (event) => {
    if ((event.request.clientMetadata || {}).fail === "yes") throw new Error("Mail server down");
    return event;
  }`,
  smsSender: `async (event) => event`,
};

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-8444-555555555555";

const POOL = "us-east-1_TrigSrc001";
const WEB = "trigsrcweb00000000000001";
const MFA_POOL = "us-east-1_TrigSrc002";
const MFA_WEB = "trigsrcmfa00000000000001";
const DEVICE_POOL = "us-east-1_TrigSrc003";
const DEVICE_WEB = "trigsrcdevice00000000001";
const SENDER_POOL = "us-east-1_TrigSrc004";
const SENDER_WEB = "trigsrcsender00000000001";

const flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const verified = (name: string) => ({ Username: name, Password: "Passw0rd!", Attributes: { email: `${name}@example.com`, email_verified: "true" } });

function fixture(functions?: Record<string, string>) {
  return {
    UserPools: [
      {
        Id: POOL,
        PoolName: "trigger-sources",
        AutoVerifiedAttributes: ["email"],
        AliasAttributes: ["email"],
        LambdaConfig: {
          PreSignUp: arn("preSignUp"),
          PostConfirmation: arn("postConfirmation"),
          CustomMessage: arn("customMessage"),
          UserMigration: arn("migrate"),
        },
        Clients: [{ ClientId: WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Users: [
          verified("held"),
          verified("resetme"),
          verified("attr"),
          verified("quiet"),
          verified("fussy"),
          { Username: "pending", Password: "Passw0rd!", UserStatus: "UNCONFIRMED", Attributes: { email: "pending@example.com" } },
        ],
      },
      {
        Id: MFA_POOL,
        PoolName: "trigger-sources-mfa",
        MfaConfiguration: "ON",
        LambdaConfig: { CustomMessage: arn("customMessage") },
        Clients: [{ ClientId: MFA_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Users: [{ Username: "mia", Password: "Passw0rd!", Attributes: { phone_number: "+15555550100", phone_number_verified: "true" } }],
      },
      {
        Id: DEVICE_POOL,
        PoolName: "trigger-sources-devices",
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
        LambdaConfig: { PostAuthentication: arn("postAuth"), PreTokenGeneration: arn("preToken") },
        Clients: [{ ClientId: DEVICE_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Users: [verified("dee")],
      },
      {
        Id: SENDER_POOL,
        PoolName: "trigger-sources-senders",
        AutoVerifiedAttributes: ["email"],
        MfaConfiguration: "ON",
        LambdaConfig: {
          CustomMessage: arn("customMessage"),
          CustomEmailSender: { LambdaArn: arn("emailSender"), LambdaVersion: "V1_0" },
          CustomSMSSender: { LambdaArn: arn("smsSender"), LambdaVersion: "V1_0" },
          KMSKeyID: KMS_KEY,
        },
        Clients: [{ ClientId: SENDER_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
        Users: [{ ...verified("sam"), Attributes: { email: "sam@example.com", email_verified: "true", phone_number: "+15555550101" } }, verified("sue")],
      },
    ],
    ...(functions ? { Functions: functions } : {}),
  };
}

/** A custom sender's code, decrypted as the function would with the Encryption SDK and its KMS key. */
async function decryptSenderCode(code: string): Promise<string> {
  const keyring = new RawAesKeyringNode({ ...customSenderKeyring(KMS_KEY), wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING });
  const { plaintext } = await buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT).decrypt(keyring, Buffer.from(code, "base64"));
  return plaintext.toString("utf8");
}

const attributes = (values: Record<string, string>): AttributeType[] => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));

describe.each(triggerInvokers(FUNCTIONS, fixture))("trigger sources through %s", (_label, makeInvoker) => {
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

  /** The events a function received about one user, oldest first. */
  const eventsFor = (name: string, userName: string, poolId = POOL) => invoker.eventsOf(name).filter((e) => e.userPoolId === poolId && e.userName === userName);
  const lastEvent = (name: string, userName: string, poolId = POOL) => eventsFor(name, userName, poolId).at(-1);
  const messagesOf = (username: string, poolId = POOL) => emu.messages({ userPoolId: poolId, username });
  const lastMessage = async (username: string, poolId = POOL) => (await messagesOf(username, poolId)).at(-1)!;
  const userOf = (username: string, poolId = POOL) =>
    idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username })).then(
      (user) => ({ status: user.UserStatus, attributes: Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value])) }),
      (error: Error) => ({ status: error.name, attributes: {} as Record<string, string | undefined> }),
    );
  const signUp = (username: string, values: Record<string, string>, extra: { validation?: Record<string, string>; metadata?: Record<string, string>; clientId?: string } = {}) =>
    idp.send(
      new SignUpCommand({
        ClientId: extra.clientId ?? WEB,
        Username: username,
        Password: "Passw0rd!",
        UserAttributes: attributes(values),
        ValidationData: extra.validation ? attributes(extra.validation) : undefined,
        ClientMetadata: extra.metadata,
      }),
    );
  const signIn = (username: string, password = "Passw0rd!", clientId = WEB, parameters: Record<string, string> = {}) =>
    idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password, ...parameters } }));

  describe("sign-up", () => {
    it("PreSignUp sees the request; CustomMessage words the codes of SignUp and ResendConfirmationCode; ConfirmSignUp runs PostConfirmation", async () => {
      const result = await signUp("newbie", { email: "newbie@example.com" }, { validation: { captcha: "ok" }, metadata: { app: "web" } });
      expect(result).toMatchObject({ UserConfirmed: false, CodeDeliveryDetails: { DeliveryMedium: "EMAIL", AttributeName: "email" } });
      expect(lastEvent("preSignUp", "newbie")).toMatchObject({
        version: "1",
        triggerSource: "PreSignUp_SignUp",
        region: "us-east-1",
        callerContext: { clientId: WEB },
        request: { userAttributes: { email: "newbie@example.com" }, validationData: { captcha: "ok" }, clientMetadata: { app: "web" } },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      });
      const signUpCode = await lastMessage("newbie");
      expect(signUpCode).toMatchObject({ reason: "SignUp", subject: "Subject CustomMessage_SignUp", message: `CustomMessage_SignUp: code ${signUpCode.code}` });
      expect(lastEvent("customMessage", "newbie")).toMatchObject({
        triggerSource: "CustomMessage_SignUp",
        callerContext: { clientId: WEB },
        request: {
          userAttributes: { email: "newbie@example.com", "cognito:user_status": "UNCONFIRMED" },
          codeParameter: "{####}",
          usernameParameter: null,
          clientMetadata: { app: "web" },
        },
      });

      await idp.send(new ResendConfirmationCodeCommand({ ClientId: WEB, Username: "newbie", ClientMetadata: { app: "resend" } }));
      const resent = await lastMessage("newbie");
      expect(resent).toMatchObject({ reason: "ResendCode", message: `CustomMessage_ResendCode: code ${resent.code}` });
      expect(lastEvent("customMessage", "newbie")).toMatchObject({ triggerSource: "CustomMessage_ResendCode", request: { clientMetadata: { app: "resend" } } });

      expect(eventsFor("postConfirmation", "newbie")).toEqual([]);
      await idp.send(new ConfirmSignUpCommand({ ClientId: WEB, Username: "newbie", ConfirmationCode: resent.code!, ClientMetadata: { step: "confirm" } }));
      expect(eventsFor("postConfirmation", "newbie")).toEqual([
        expect.objectContaining({
          triggerSource: "PostConfirmation_ConfirmSignUp",
          callerContext: expect.objectContaining({ clientId: WEB }),
          request: { userAttributes: expect.objectContaining({ "cognito:user_status": "CONFIRMED", email_verified: "true" }), clientMetadata: { step: "confirm" } },
          response: {},
        }),
      ]);
    });

    it("auto-confirms and auto-verifies as PreSignUp says: no code, PostConfirmation at once, a verified alias moves to the new user", async () => {
      const result = await signUp("eager", { email: "held@example.com" }, { validation: { confirm: "yes", verifyEmail: "yes" }, metadata: { app: "web" } });
      expect(result.UserConfirmed).toBe(true);
      expect(result.CodeDeliveryDetails).toBeUndefined();
      expect(await messagesOf("eager")).toEqual([]);
      expect(await userOf("eager")).toMatchObject({ status: "CONFIRMED", attributes: { email: "held@example.com", email_verified: "true" } });
      expect((await userOf("held")).attributes.email_verified).toBe("false");
      expect(eventsFor("postConfirmation", "eager")).toEqual([
        expect.objectContaining({ triggerSource: "PostConfirmation_ConfirmSignUp", request: expect.objectContaining({ clientMetadata: { app: "web" } }) }),
      ]);
      await expect(signIn("held@example.com")).resolves.toHaveProperty("AuthenticationResult.AccessToken");
      expect(decodeJwt((await signIn("held@example.com")).AuthenticationResult!.IdToken!)["cognito:username"]).toBe("eager");

      // Confirmed but not verified: the email keeps waiting for GetUserAttributeVerificationCode.
      await signUp("trusted", { email: "trusted@example.com" }, { validation: { confirm: "yes" } });
      const trusted = await userOf("trusted");
      expect(trusted.status).toBe("CONFIRMED");
      expect(trusted.attributes.email_verified).toBeUndefined();
      expect(await messagesOf("trusted")).toEqual([]);
    });

    it("refuses the sign-up when PreSignUp throws or vouches for a contact the user lacks, creating nobody", async () => {
      await expect(signUp("mallory", { email: "m@blocked.example" })).rejects.toMatchObject({
        name: "UserLambdaValidationException",
        message: "PreSignUp failed with error Domain not allowed.",
      });
      await expect(signUp("nophone", { email: "nophone@example.com" }, { validation: { verifyPhone: "yes" } })).rejects.toMatchObject({
        name: "InvalidLambdaResponseException",
      });
      for (const username of ["mallory", "nophone"]) {
        expect((await userOf(username)).status).toBe("UserNotFoundException");
        expect(await messagesOf(username)).toEqual([]);
      }
    });

    it("a failing PostConfirmation fails the confirmation and undoes it", async () => {
      await signUp("wobbly", { email: "wobbly@example.com" });
      const { code } = await lastMessage("wobbly");
      const confirm = (metadata?: Record<string, string>) =>
        idp.send(new ConfirmSignUpCommand({ ClientId: WEB, Username: "wobbly", ConfirmationCode: code!, ClientMetadata: metadata }));
      await expect(confirm({ fail: "yes" })).rejects.toMatchObject({ name: "UserLambdaValidationException", message: "PostConfirmation failed with error Provisioning failed." });
      const undone = await userOf("wobbly");
      expect(undone.status).toBe("UNCONFIRMED");
      expect(undone.attributes.email_verified).toBeUndefined();
      await confirm();
      expect((await userOf("wobbly")).status).toBe("CONFIRMED");

      await expect(signUp("shaky", { email: "shaky@example.com" }, { validation: { confirm: "yes" }, metadata: { fail: "yes" } })).rejects.toMatchObject({
        name: "UserLambdaValidationException",
        message: "PostConfirmation failed with error Provisioning failed.",
      });
      expect((await userOf("shaky")).status).toBe("UserNotFoundException");
    });

    it("AdminConfirmSignUp runs PostConfirmation_ConfirmSignUp with no app client", async () => {
      await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: POOL, Username: "pending", ClientMetadata: { by: "admin" } }));
      expect(eventsFor("postConfirmation", "pending")).toEqual([
        expect.objectContaining({
          triggerSource: "PostConfirmation_ConfirmSignUp",
          callerContext: expect.objectContaining({ clientId: "CLIENT_ID_NOT_APPLICABLE" }),
          request: expect.objectContaining({ clientMetadata: { by: "admin" } }),
        }),
      ]);
    });
  });

  describe("password recovery", () => {
    it("ForgotPassword's code goes through CustomMessage_ForgotPassword; ConfirmForgotPassword runs PostConfirmation_ConfirmForgotPassword", async () => {
      const { CodeDeliveryDetails } = await idp.send(new ForgotPasswordCommand({ ClientId: WEB, Username: "resetme", ClientMetadata: { app: "web" } }));
      expect(CodeDeliveryDetails).toMatchObject({ DeliveryMedium: "EMAIL" });
      const sent = await lastMessage("resetme");
      expect(sent).toMatchObject({ reason: "ForgotPassword", subject: "Subject CustomMessage_ForgotPassword", message: `CustomMessage_ForgotPassword: code ${sent.code}` });
      expect(lastEvent("customMessage", "resetme")).toMatchObject({ triggerSource: "CustomMessage_ForgotPassword", callerContext: { clientId: WEB }, request: { clientMetadata: { app: "web" } } });

      await idp.send(new ConfirmForgotPasswordCommand({ ClientId: WEB, Username: "resetme", ConfirmationCode: sent.code!, Password: "N3w-Passw0rd", ClientMetadata: { step: "reset" } }));
      expect(lastEvent("postConfirmation", "resetme")).toMatchObject({
        triggerSource: "PostConfirmation_ConfirmForgotPassword",
        callerContext: { clientId: WEB },
        request: { clientMetadata: { step: "reset" } },
      });
      await expect(signIn("resetme", "N3w-Passw0rd")).resolves.toHaveProperty("AuthenticationResult");
    });

    it("AdminResetUserPassword's code is CustomMessage_ForgotPassword too, with no app client", async () => {
      await idp.send(new AdminResetUserPasswordCommand({ UserPoolId: POOL, Username: "quiet", ClientMetadata: { by: "admin" } }));
      const sent = await lastMessage("quiet");
      expect(sent).toMatchObject({ reason: "AdminResetUserPassword", message: `CustomMessage_ForgotPassword: code ${sent.code}` });
      expect(lastEvent("customMessage", "quiet")).toMatchObject({
        triggerSource: "CustomMessage_ForgotPassword",
        callerContext: { clientId: "CLIENT_ID_NOT_APPLICABLE" },
        request: { clientMetadata: { by: "admin" } },
      });
    });

    it("ForgotPassword migrates a user the pool does not know, who then resets the password", async () => {
      await idp.send(new ForgotPasswordCommand({ ClientId: WEB, Username: "legacy", ClientMetadata: { from: "old-app" } }));
      expect(lastEvent("migrate", "legacy")).toEqual(
        expect.objectContaining({ triggerSource: "UserMigration_ForgotPassword", callerContext: expect.objectContaining({ clientId: WEB }), request: { clientMetadata: { from: "old-app" } } }),
      );
      expect(await userOf("legacy")).toMatchObject({ status: "RESET_REQUIRED", attributes: { email: "legacy@example.com", email_verified: "true" } });
      const sent = await lastMessage("legacy");
      expect(sent).toMatchObject({ destination: "legacy@example.com", reason: "ForgotPassword" });
      await idp.send(new ConfirmForgotPasswordCommand({ ClientId: WEB, Username: "legacy", ConfirmationCode: sent.code!, Password: "N3w-Passw0rd" }));
      expect((await userOf("legacy")).status).toBe("CONFIRMED");
      await expect(signIn("legacy", "N3w-Passw0rd")).resolves.toHaveProperty("AuthenticationResult");

      await expect(idp.send(new ForgotPasswordCommand({ ClientId: WEB, Username: "nobody" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
      await expect(idp.send(new ForgotPasswordCommand({ ClientId: WEB, Username: "legacy-broken" }))).rejects.toMatchObject({
        name: "UserLambdaValidationException",
        message: "UserMigration failed with error Directory unavailable.",
      });
      expect((await userOf("legacy-broken")).status).toBe("UserNotFoundException");
    });
  });

  describe("attribute verification", () => {
    it("UpdateUserAttributes, GetUserAttributeVerificationCode and AdminUpdateUserAttributes send their codes through CustomMessage", async () => {
      const { AuthenticationResult } = await signIn("attr");
      const AccessToken = AuthenticationResult!.AccessToken!;
      await idp.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: attributes({ email: "attr2@example.com" }), ClientMetadata: { app: "profile" } }));
      const updated = await lastMessage("attr");
      expect(updated).toMatchObject({ destination: "attr2@example.com", reason: "UpdateUserAttribute", message: `CustomMessage_UpdateUserAttribute: code ${updated.code}` });
      expect(lastEvent("customMessage", "attr")).toMatchObject({
        triggerSource: "CustomMessage_UpdateUserAttribute",
        callerContext: { clientId: WEB },
        request: { userAttributes: { email: "attr2@example.com", email_verified: "false" }, clientMetadata: { app: "profile" } },
      });

      await idp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: "email", ClientMetadata: { app: "verify" } }));
      const again = await lastMessage("attr");
      expect(again).toMatchObject({ reason: "VerifyUserAttribute", subject: "Subject CustomMessage_VerifyUserAttribute" });
      expect(lastEvent("customMessage", "attr")).toMatchObject({ triggerSource: "CustomMessage_VerifyUserAttribute", request: { clientMetadata: { app: "verify" } } });
      await idp.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: "email", Code: again.code! }));
      expect((await userOf("attr")).attributes.email_verified).toBe("true");

      await idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: POOL, Username: "attr", UserAttributes: attributes({ email: "attr3@example.com" }), ClientMetadata: { by: "admin" } }));
      expect(lastEvent("customMessage", "attr")).toMatchObject({
        triggerSource: "CustomMessage_UpdateUserAttribute",
        callerContext: { clientId: "CLIENT_ID_NOT_APPLICABLE" },
        request: { clientMetadata: { by: "admin" } },
      });
    });
  });

  describe("CustomMessage's rules", () => {
    it("sends the pool's own message when the function's leaves out the code, and fails the request when the function throws", async () => {
      await signUp("plain", { email: "plain@example.com" }, { metadata: { broken: "yes" } });
      const sent = await lastMessage("plain");
      // The subject is the function's still; the body, lacking {####}, is the pool's.
      expect(sent).toMatchObject({ subject: "Subject CustomMessage_SignUp", message: `Your verification code is ${sent.code}. ` });

      await expect(signUp("silent", { email: "silent@example.com" }, { metadata: { fail: "yes" } })).rejects.toMatchObject({
        name: "UserLambdaValidationException",
        message: "CustomMessage failed with error Template service down.",
      });
      expect((await userOf("silent")).status).toBe("UserNotFoundException");
      await expect(idp.send(new ForgotPasswordCommand({ ClientId: WEB, Username: "fussy", ClientMetadata: { fail: "yes" } }))).rejects.toMatchObject({
        name: "UserLambdaValidationException",
        message: "CustomMessage failed with error Template service down.",
      });
      expect(await messagesOf("fussy")).toEqual([]);
    });
  });

  describe("sign-in", () => {
    it("words MFA codes with CustomMessage_Authentication", async () => {
      const challenge = await signIn("mia", "Passw0rd!", MFA_WEB);
      expect(challenge.ChallengeName).toBe("SMS_MFA");
      const sent = await lastMessage("mia", MFA_POOL);
      expect(sent).toMatchObject({ deliveryMedium: "SMS", reason: "Authentication", message: `CustomMessage_Authentication: code ${sent.code}` });
      expect(lastEvent("customMessage", "mia", MFA_POOL)).toMatchObject({ triggerSource: "CustomMessage_Authentication", callerContext: { clientId: MFA_WEB } });
      const done = await idp.send(
        new RespondToAuthChallengeCommand({ ClientId: MFA_WEB, ChallengeName: "SMS_MFA", Session: challenge.Session, ChallengeResponses: { USERNAME: "mia", SMS_MFA_CODE: sent.code! } }),
      );
      expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    });

    it("a remembered device's sign-in is PostAuthentication with no new device, then TokenGeneration_AuthenticateDevice", async () => {
      const first = await signIn("dee", "Passw0rd!", DEVICE_WEB);
      expect(lastEvent("postAuth", "dee", DEVICE_POOL).request.newDeviceUsed).toBe(true);
      const { DeviceKey, DeviceGroupKey } = first.AuthenticationResult!.NewDeviceMetadata!;
      const secret = await newDeviceSecret(DeviceGroupKey!, DeviceKey!);
      await idp.send(
        new ConfirmDeviceCommand({
          AccessToken: first.AuthenticationResult!.AccessToken,
          DeviceKey,
          DeviceSecretVerifierConfig: { Salt: secret.Salt, PasswordVerifier: secret.PasswordVerifier },
        }),
      );

      const challenge = await signIn("dee", "Passw0rd!", DEVICE_WEB, { DEVICE_KEY: DeviceKey! });
      expect(challenge.ChallengeName).toBe("DEVICE_SRP_AUTH");
      const srp = new SrpClient(DeviceGroupKey!);
      const step = await idp.send(
        new RespondToAuthChallengeCommand({ ClientId: DEVICE_WEB, ChallengeName: "DEVICE_SRP_AUTH", Session: challenge.Session, ChallengeResponses: { USERNAME: "dee", DEVICE_KEY: DeviceKey!, SRP_A: srp.A } }),
      );
      const claim = await srp.claim(DeviceKey!, secret.randomPassword, step.ChallengeParameters as unknown as SrpChallengeParameters);
      const done = await idp.send(
        new RespondToAuthChallengeCommand({ ClientId: DEVICE_WEB, ChallengeName: "DEVICE_PASSWORD_VERIFIER", Session: step.Session, ChallengeResponses: { USERNAME: "dee", DEVICE_KEY: DeviceKey!, ...claim } }),
      );
      expect(decodeJwt(done.AuthenticationResult!.IdToken!).source).toBe("TokenGeneration_AuthenticateDevice");
      expect(decodeJwt(done.AuthenticationResult!.AccessToken!).device_key).toBe(DeviceKey);
      expect(lastEvent("postAuth", "dee", DEVICE_POOL)).toMatchObject({ triggerSource: "PostAuthentication_Authentication", request: { newDeviceUsed: false } });
      expect(lastEvent("preToken", "dee", DEVICE_POOL).triggerSource).toBe("TokenGeneration_AuthenticateDevice");
    });
  });

  describe("custom senders", () => {
    it("take sign-up, recovery and MFA codes instead of the outbox, encrypted, and CustomMessage is not asked", async () => {
      await idp.send(new SignUpCommand({ ClientId: SENDER_WEB, Username: "sid", Password: "Passw0rd!", UserAttributes: attributes({ email: "sid@example.com" }) }));
      const signUpEvent = lastEvent("emailSender", "sid", SENDER_POOL);
      expect(signUpEvent).toMatchObject({
        triggerSource: "CustomEmailSender_SignUp",
        callerContext: { clientId: SENDER_WEB },
        request: { type: "customEmailSenderRequestV1", userAttributes: { email: "sid@example.com" } },
      });
      const signUpCode = await decryptSenderCode(signUpEvent.request.code);
      expect(signUpCode).toMatch(/^\d{6}$/);
      await idp.send(new ConfirmSignUpCommand({ ClientId: SENDER_WEB, Username: "sid", ConfirmationCode: signUpCode }));
      expect((await userOf("sid", SENDER_POOL)).status).toBe("CONFIRMED");

      await idp.send(new ForgotPasswordCommand({ ClientId: SENDER_WEB, Username: "sam" }));
      const resetEvent = lastEvent("emailSender", "sam", SENDER_POOL);
      expect(resetEvent.triggerSource).toBe("CustomEmailSender_ForgotPassword");
      await idp.send(
        new ConfirmForgotPasswordCommand({ ClientId: SENDER_WEB, Username: "sam", ConfirmationCode: await decryptSenderCode(resetEvent.request.code), Password: "N3w-Passw0rd" }),
      );

      const challenge = await signIn("sam", "N3w-Passw0rd", SENDER_WEB);
      expect(challenge.ChallengeName).toBe("SMS_MFA");
      const mfaEvent = lastEvent("smsSender", "sam", SENDER_POOL);
      expect(mfaEvent).toMatchObject({ triggerSource: "CustomSMSSender_Authentication", request: { type: "customSMSSenderRequestV1" } });
      const done = await idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: SENDER_WEB,
          ChallengeName: "SMS_MFA",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "sam", SMS_MFA_CODE: await decryptSenderCode(mfaEvent.request.code) },
        }),
      );
      expect(done.AuthenticationResult?.AccessToken).toBeDefined();

      expect(await emu.messages({ userPoolId: SENDER_POOL })).toEqual([]);
      expect(invoker.eventsOf("customMessage").filter((e) => e.userPoolId === SENDER_POOL)).toEqual([]);
    });

    it("a failing sender does not fail the request, as Cognito calls senders asynchronously", async () => {
      await expect(idp.send(new ForgotPasswordCommand({ ClientId: SENDER_WEB, Username: "sue", ClientMetadata: { fail: "yes" } }))).resolves.toHaveProperty(
        "CodeDeliveryDetails.DeliveryMedium",
        "EMAIL",
      );
      expect(eventsFor("emailSender", "sue", SENDER_POOL)).toEqual([expect.objectContaining({ triggerSource: "CustomEmailSender_ForgotPassword" })]);
      expect(await emu.messages({ userPoolId: SENDER_POOL })).toEqual([]);
    });
  });
});
