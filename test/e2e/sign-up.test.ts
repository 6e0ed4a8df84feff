import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type AttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { createHmac } from "node:crypto";
import type { RunningEmulator } from "../../src/server/emulator";
import { useEmulator } from "../support/emulator";

const POOL = "us-east-1_SignUp0001";
const WEB = "signupweb0000000000000001";
const HIDING = "signuphiding0000000000001";
const SECRET = "signupsecret0000000000001";
const CLIENT_SECRET = "s3cr3tvalue0000000000000000000000000000000000000001";
const LIMITED = "signuplimited000000000001";
const EMAIL_POOL = "us-east-1_SignUp0002";
const EMAIL_WEB = "signupemailweb00000000001";
const ALIAS_POOL = "us-east-1_SignUp0003";
const ALIAS_WEB = "signupaliasweb00000000001";
const LINK_POOL = "us-east-1_SignUp0004";
const LINK_WEB = "signuplinkweb000000000001";
const QUIET_POOL = "us-east-1_SignUp0005";
const QUIET_WEB = "signupquietweb00000000001";
const ADMIN_ONLY_POOL = "us-east-1_SignUp0006";
const ADMIN_ONLY_WEB = "signupadminonly0000000001";

const flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "sign-up",
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
      Clients: [
        { ClientId: WEB, ClientName: "web", ExplicitAuthFlows: flows },
        { ClientId: HIDING, ClientName: "hiding", ExplicitAuthFlows: flows, PreventUserExistenceErrors: "ENABLED" },
        { ClientId: SECRET, ClientName: "server", ClientSecret: CLIENT_SECRET, ExplicitAuthFlows: flows },
        { ClientId: LIMITED, ClientName: "limited", ExplicitAuthFlows: flows, WriteAttributes: ["email", "name"] },
      ],
      Users: [
        { Username: "carol", Password: "Passw0rd!", Attributes: { email: "carol@example.com", email_verified: "true" } },
        { Username: "dave", Password: "Passw0rd!", Attributes: { email: "dave@example.com" } },
        {
          Username: "phil",
          Password: "Passw0rd!",
          Attributes: { email: "phil@example.com", email_verified: "true", phone_number: "+15555550123", phone_number_verified: "true" },
        },
        { Username: "frank", Password: "Temp0rary!", UserStatus: "FORCE_CHANGE_PASSWORD", Attributes: { email: "frank@example.com", email_verified: "true" } },
        { Username: "off", Password: "Passw0rd!", Enabled: false, Attributes: { email: "off@example.com", email_verified: "true" } },
      ],
    },
    {
      Id: EMAIL_POOL,
      PoolName: "sign-in-by-email",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email", "phone_number"],
      Clients: [{ ClientId: EMAIL_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
    },
    {
      Id: ALIAS_POOL,
      PoolName: "email-alias",
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Clients: [{ ClientId: ALIAS_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [{ Username: "olduser", Password: "Passw0rd!", Attributes: { email: "taken@example.com", email_verified: "true" } }],
    },
    {
      Id: LINK_POOL,
      PoolName: "confirm-by-link",
      AutoVerifiedAttributes: ["email"],
      VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" },
      Clients: [{ ClientId: LINK_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
    },
    {
      Id: QUIET_POOL,
      PoolName: "no-auto-verification",
      Clients: [{ ClientId: QUIET_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
    },
    {
      Id: ADMIN_ONLY_POOL,
      PoolName: "admin-only",
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
      Clients: [{ ClientId: ADMIN_ONLY_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [{ Username: "ada", Password: "Passw0rd!", Attributes: { email: "ada@example.com", email_verified: "true" } }],
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

useEmulator(fixture, (started) => ({ emu, idp } = started));

const attributes = (values: Record<string, string>): AttributeType[] => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));
const signUp = (username: string, values: Record<string, string> = { email: `${username}@example.com` }, extra: { ClientId?: string; Password?: string; SecretHash?: string } = {}) =>
  idp.send(new SignUpCommand({ ClientId: WEB, Username: username, Password: "Passw0rd!", UserAttributes: attributes(values), ...extra }));
const confirm = (username: string, code: string, clientId = WEB, force?: boolean) =>
  idp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, ForceAliasCreation: force }));
const signIn = (username: string, password = "Passw0rd!", clientId = WEB) =>
  idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
const adminGet = (username: string, poolId = POOL) => idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
const attributeOf = async (username: string, name: string, poolId = POOL) => (await adminGet(username, poolId)).UserAttributes?.find((a) => a.Name === name)?.Value;
const lastMessage = async (username: string, poolId = POOL) => (await emu.messages({ userPoolId: poolId, username })).at(-1)!;
const wrong = (code: string) => (code === "000000" ? "111111" : "000000");

describe("signing up and confirming", () => {
  it("signs a user up unconfirmed, sends the code by email and confirms with it", async () => {
    const result = await signUp("amy", { email: "amy@example.com", name: "Amy" });
    expect(result.UserConfirmed).toBe(false);
    expect(result.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.CodeDeliveryDetails).toEqual({ Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    expect(await adminGet("amy")).toMatchObject({ UserStatus: "UNCONFIRMED", Enabled: true });
    await expect(signIn("amy")).rejects.toMatchObject({ name: "UserNotConfirmedException", message: "User is not confirmed." });

    const sent = await lastMessage("amy");
    expect(sent).toMatchObject({ destination: "amy@example.com", deliveryMedium: "EMAIL", reason: "SignUp", subject: "Your verification code" });
    expect(sent.code).toMatch(/^\d{6}$/);
    expect(sent.message).toBe(`Your verification code is ${sent.code}. `);

    await expect(confirm("amy", wrong(sent.code!))).rejects.toMatchObject({ name: "CodeMismatchException", message: "Invalid verification code provided, please try again." });
    await expect(confirm("amy", sent.code!)).resolves.toBeDefined();
    expect(await adminGet("amy")).toMatchObject({ UserStatus: "CONFIRMED" });
    expect(await attributeOf("amy", "email_verified")).toBe("true");
    await expect(confirm("amy", sent.code!)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "User cannot be confirmed. Current status is CONFIRMED" });
    await expect(signIn("amy")).resolves.toHaveProperty("AuthenticationResult.AccessToken");
  });

  it("refuses what Cognito refuses, creating nobody", async () => {
    await expect(signUp("bea", { email: "bea@example.com" }, { Password: "password1!" })).rejects.toMatchObject({
      name: "InvalidPasswordException",
      message: "Password did not conform with policy: Password must have uppercase characters",
    });
    await expect(signUp("carol")).rejects.toMatchObject({ name: "UsernameExistsException", message: "User already exists" });
    await expect(signUp("bea", { name: "Bea" })).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Attributes did not conform to the schema: email: The attribute is required",
    });
    await expect(signUp("bea", { email: "bea@example.com", "custom:plan": "pro" })).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Attributes did not conform to the schema: custom:plan: Attribute does not exist in the schema.",
    });
    await expect(signUp("bea", { email: "bea" })).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid email address format." });
    const unauthorized = { name: "NotAuthorizedException", message: "A client attempted to write unauthorized attribute" };
    await expect(signUp("bea", { email: "bea@example.com", email_verified: "true" })).rejects.toMatchObject(unauthorized);
    await expect(signUp("bea", { email: "bea@example.com", given_name: "Bea" }, { ClientId: LIMITED })).rejects.toMatchObject(unauthorized);
    await expect(signUp("bea", { email: "bea@example.com" }, { ClientId: ADMIN_ONLY_WEB })).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "SignUp is not permitted for this user pool",
    });
    await expect(signUp("bea", { email: "bea@example.com" }, { ClientId: "nosuchclient" })).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(adminGet("bea")).rejects.toMatchObject({ name: "UserNotFoundException" });
    expect(await emu.messages({ userPoolId: POOL, username: "bea" })).toEqual([]);
  });

  it("requires SECRET_HASH from clients with a secret", async () => {
    const hash = (username: string) => createHmac("sha256", CLIENT_SECRET).update(`${username}${SECRET}`).digest("base64");
    await expect(signUp("sid", undefined, { ClientId: SECRET })).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: `Client ${SECRET} is configured with secret but SECRET_HASH was not received`,
    });
    await expect(signUp("sid", undefined, { ClientId: SECRET, SecretHash: hash("other") })).rejects.toMatchObject({
      message: `Unable to verify secret hash for client ${SECRET}`,
    });
    await signUp("sid", undefined, { ClientId: SECRET, SecretHash: hash("sid") });
    const { code } = await lastMessage("sid");
    await expect(idp.send(new ConfirmSignUpCommand({ ClientId: SECRET, Username: "sid", ConfirmationCode: code! }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await idp.send(new ConfirmSignUpCommand({ ClientId: SECRET, Username: "sid", ConfirmationCode: code!, SecretHash: hash("sid") }));
    expect((await adminGet("sid")).UserStatus).toBe("CONFIRMED");
  });

  it("expires codes after a day by the emulator clock and sends new ones on request", async () => {
    await signUp("cat");
    const first = (await lastMessage("cat")).code!;
    await emu.clock.advance(86_400);
    await expect(confirm("cat", first)).rejects.toMatchObject({ name: "ExpiredCodeException", message: "Invalid code provided, please request a code again." });

    const resent = await idp.send(new ResendConfirmationCodeCommand({ ClientId: WEB, Username: "cat" }));
    expect(resent.CodeDeliveryDetails).toEqual({ Destination: "c***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    const second = await lastMessage("cat");
    expect(second.reason).toBe("ResendCode");
    if (second.code !== first) await expect(confirm("cat", first)).rejects.toMatchObject({ name: "CodeMismatchException" });
    await confirm("cat", second.code!);
    expect((await adminGet("cat")).UserStatus).toBe("CONFIRMED");
  });

  it("refuses every attempt for a while after five wrong codes", async () => {
    await signUp("dan");
    const { code } = await lastMessage("dan");
    for (let i = 0; i < 5; i++) await expect(confirm("dan", wrong(code!))).rejects.toMatchObject({ name: "CodeMismatchException" });
    await expect(confirm("dan", code!)).rejects.toMatchObject({ name: "LimitExceededException", message: "Attempt limit exceeded, please try after some time." });
    await emu.clock.advance(15 * 60);
    await confirm("dan", code!);
    expect((await adminGet("dan")).UserStatus).toBe("CONFIRMED");
  });

  it("answers for unknown and confirmed users as Cognito does, hiding unknown users when the client asks", async () => {
    await expect(confirm("ghost", "123456")).rejects.toMatchObject({ name: "UserNotFoundException", message: "Username/client id combination not found." });
    await expect(confirm("ghost", "123456", HIDING)).rejects.toMatchObject({ name: "CodeMismatchException" });
    const resend = (username: string, clientId = WEB) => idp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }));
    await expect(resend("ghost")).rejects.toMatchObject({ name: "UserNotFoundException", message: "Username/client id combination not found." });
    expect((await resend("ghost@example.net", HIDING)).CodeDeliveryDetails).toEqual({ Destination: "g***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    expect(await emu.messages({ username: "ghost@example.net" })).toEqual([]);
    await expect(resend("carol")).rejects.toMatchObject({ name: "InvalidParameterException", message: "User is already confirmed." });

    await idp.send(new SignUpCommand({ ClientId: QUIET_WEB, Username: "quinn", Password: "Passw0rd!", UserAttributes: attributes({ email: "quinn@example.com" }) })).then((r) => {
      expect(r.CodeDeliveryDetails).toBeUndefined();
      expect(r.UserConfirmed).toBe(false);
    });
    await expect(resend("quinn", QUIET_WEB)).rejects.toMatchObject({ name: "InvalidParameterException", message: "Cannot resend codes. Auto verification not turned on." });
  });

  it("lets an administrator confirm a sign-up, verifying nothing", async () => {
    await signUp("eli");
    await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: POOL, Username: "eli" }));
    expect((await adminGet("eli")).UserStatus).toBe("CONFIRMED");
    expect(await attributeOf("eli", "email_verified")).toBeUndefined();
    await expect(signIn("eli")).resolves.toHaveProperty("AuthenticationResult");
    await expect(idp.send(new AdminConfirmSignUpCommand({ UserPoolId: POOL, Username: "eli" }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "User cannot be confirmed. Current status is CONFIRMED",
    });
    await expect(idp.send(new AdminConfirmSignUpCommand({ UserPoolId: POOL, Username: "frank" }))).rejects.toMatchObject({
      message: "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD",
    });
    await expect(idp.send(new AdminConfirmSignUpCommand({ UserPoolId: POOL, Username: "ghost" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("signs up by email in pools that sign in by email, texting the code when phone numbers are verified", async () => {
    const result = await idp.send(
      new SignUpCommand({ ClientId: EMAIL_WEB, Username: "zed@example.com", Password: "Passw0rd!", UserAttributes: attributes({ phone_number: "+15555550100" }) }),
    );
    expect(result.CodeDeliveryDetails).toEqual({ Destination: "+*******0100", DeliveryMedium: "SMS", AttributeName: "phone_number" });
    // The username is the sub; the outbox names the user by it.
    const sent = await lastMessage(result.UserSub!, EMAIL_POOL);
    expect(sent).toMatchObject({ deliveryMedium: "SMS", destination: "+15555550100", message: `Your verification code is ${sent.code}. ` });
    await expect(
      idp.send(new SignUpCommand({ ClientId: EMAIL_WEB, Username: "zed@example.com", Password: "Passw0rd!" })),
    ).rejects.toMatchObject({ name: "UsernameExistsException", message: "An account with the given email already exists." });
    await confirm("zed@example.com", sent.code!, EMAIL_WEB);
    const user = await adminGet("zed@example.com", EMAIL_POOL);
    expect(user).toMatchObject({ Username: result.UserSub, UserStatus: "CONFIRMED" });
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: "phone_number_verified", Value: "true" }, { Name: "email", Value: "zed@example.com" }]));
    await expect(signIn("zed@example.com", "Passw0rd!", EMAIL_WEB)).resolves.toHaveProperty("AuthenticationResult");
  });

  it("refuses to confirm an email another user has as an alias unless forced, which moves the alias", async () => {
    await idp.send(new SignUpCommand({ ClientId: ALIAS_WEB, Username: "newuser", Password: "Passw0rd!", UserAttributes: attributes({ email: "taken@example.com" }) }));
    const { code } = await lastMessage("newuser", ALIAS_POOL);
    await expect(confirm("newuser", code!, ALIAS_WEB)).rejects.toMatchObject({ name: "AliasExistsException", message: "An account with the given email already exists." });
    expect((await adminGet("newuser", ALIAS_POOL)).UserStatus).toBe("UNCONFIRMED");
    await confirm("newuser", code!, ALIAS_WEB, true);
    expect(await attributeOf("olduser", "email_verified", ALIAS_POOL)).toBe("false");
    const { AuthenticationResult } = await signIn("taken@example.com", "Passw0rd!", ALIAS_WEB);
    expect(JSON.parse(Buffer.from(AuthenticationResult!.AccessToken!.split(".")[1], "base64url").toString()).username).toBe("newuser");
  });

  it("sends a confirmation link when the pool confirms sign-ups by link", async () => {
    await idp.send(new SignUpCommand({ ClientId: LINK_WEB, Username: "lin", Password: "Passw0rd!", UserAttributes: attributes({ email: "lin@example.com" }) }));
    const sent = await lastMessage("lin", LINK_POOL);
    expect(sent.subject).toBe("Your verification link");
    expect(sent.message).toContain(`${emu.url}/confirmUser?client_id=${LINK_WEB}&user_name=lin&confirmation_code=${sent.code}`);
    expect(sent.message).toMatch(/^Please click the link below to verify your email address\. <a href="[^"]+">Verify Email<\/a> $/);
    await confirm("lin", sent.code!, LINK_WEB);
  });
});

describe("forgotten passwords", () => {
  const forgot = (username: string, clientId = WEB) => idp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username }));
  const reset = (username: string, code: string, password = "N3w-Passw0rd!", clientId = WEB) =>
    idp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, Password: password }));

  it("sends a reset code to the verified email and sets the new password with it", async () => {
    const { CodeDeliveryDetails } = await forgot("carol");
    expect(CodeDeliveryDetails).toEqual({ Destination: "c***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    const sent = await lastMessage("carol");
    expect(sent).toMatchObject({ reason: "ForgotPassword", destination: "carol@example.com", deliveryMedium: "EMAIL" });

    await expect(reset("carol", sent.code!, "weak")).rejects.toMatchObject({ name: "InvalidPasswordException" });
    await expect(reset("carol", wrong(sent.code!))).rejects.toMatchObject({ name: "CodeMismatchException" });
    await reset("carol", sent.code!);
    await expect(signIn("carol")).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(signIn("carol", "N3w-Passw0rd!")).resolves.toHaveProperty("AuthenticationResult");
    await expect(reset("carol", sent.code!)).rejects.toMatchObject({ name: "ExpiredCodeException" });
  });

  it("prefers a verified phone number and expires reset codes after an hour", async () => {
    expect((await forgot("phil")).CodeDeliveryDetails).toEqual({ Destination: "+*******0123", DeliveryMedium: "SMS", AttributeName: "phone_number" });
    const { code } = await lastMessage("phil");
    await emu.clock.advance(3600);
    await expect(reset("phil", code!)).rejects.toMatchObject({ name: "ExpiredCodeException", message: "Invalid code provided, please request a code again." });
  });

  it("answers users it cannot reset with Cognito's errors, or a simulated delivery when the client hides users", async () => {
    await expect(forgot("dave")).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Cannot reset password for the user as there is no registered/verified email or phone_number",
    });
    await expect(forgot("ghost")).rejects.toMatchObject({ name: "UserNotFoundException", message: "Username/client id combination not found." });
    await expect(forgot("off")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "User is disabled." });
    await expect(forgot("frank")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "User password cannot be reset in the current state." });
    await expect(forgot("ada", ADMIN_ONLY_WEB)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Contact administrator to reset password." });
    for (const hidden of ["dave", "ghost", "off"]) {
      expect((await forgot(hidden, HIDING)).CodeDeliveryDetails).toMatchObject({ DeliveryMedium: "EMAIL", AttributeName: "email" });
    }
    expect(await emu.messages({ userPoolId: POOL, username: "dave" })).toEqual([]);

    await expect(reset("carol", "123456")).rejects.toMatchObject({ name: "ExpiredCodeException" });
    await expect(reset("ghost", "123456")).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(reset("ghost", "123456", undefined, HIDING)).rejects.toMatchObject({ name: "CodeMismatchException" });
  });

  it("lets an administrator require a reset: the old password stops working and the code sets a new one", async () => {
    await idp.send(new AdminResetUserPasswordCommand({ UserPoolId: POOL, Username: "carol" }));
    expect((await adminGet("carol")).UserStatus).toBe("RESET_REQUIRED");
    await expect(signIn("carol")).rejects.toMatchObject({ name: "PasswordResetRequiredException", message: "Password reset required for the user" });
    const sent = await lastMessage("carol");
    expect(sent).toMatchObject({ reason: "AdminResetUserPassword", deliveryMedium: "EMAIL" });
    await reset("carol", sent.code!);
    expect((await adminGet("carol")).UserStatus).toBe("CONFIRMED");
    await expect(signIn("carol", "N3w-Passw0rd!")).resolves.toHaveProperty("AuthenticationResult");

    await expect(idp.send(new AdminResetUserPasswordCommand({ UserPoolId: POOL, Username: "off" }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "User is disabled.",
    });
    await expect(idp.send(new AdminResetUserPasswordCommand({ UserPoolId: POOL, Username: "ghost" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
  });
});
