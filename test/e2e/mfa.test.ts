import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
  UpdateUserPoolCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession, type IAuthenticationCallback } from "amazon-cognito-identity-js";
import type { RunningEmulator } from "../../src/server/emulator";
import { timeStep, totpCode } from "../../src/services/user-pools/sign-in/totp";
import { useEmulator } from "../support/emulator";

const OPTIONAL = "us-east-1_MfaOption1";
const REQUIRED = "us-east-1_MfaRequir1";
const NO_MFA = "us-east-1_MfaOff0001";
const DEVICES = "us-east-1_MfaDevice1";
const DEVICES_WEB = "mfadevicesweb000000000001";
const ASKING = "us-east-1_MfaDevice2";
const ASKING_WEB = "mfadevicesasking000000001";
const WEB = "mfaoptionalweb00000000001";
const ADMIN = "mfaoptionaladmin000000001";
const REQUIRED_WEB = "mfarequiredweb00000000001";
const OFF_WEB = "mfaoffweb0000000000000001";
const PASSWORD = "Passw0rd!";
const TINA_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const BOTH_SECRET = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA";
const FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

const fixture = {
  UserPools: [
    {
      Id: OPTIONAL,
      PoolName: "mfa-optional",
      MfaConfiguration: "OPTIONAL",
      Clients: [
        { ClientId: WEB, ClientName: "web", ExplicitAuthFlows: FLOWS },
        { ClientId: ADMIN, ClientName: "admin", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
      ],
      Users: [
        { Username: "tina", Password: PASSWORD, TotpSecret: TINA_SECRET },
        { Username: "sam", Password: PASSWORD, Attributes: { phone_number: "+15555550123" } },
        { Username: "both", Password: PASSWORD, TotpSecret: BOTH_SECRET, Attributes: { phone_number: "+15555550124" } },
        { Username: "eli", Password: PASSWORD, Attributes: { email: "eli@example.com", email_verified: "true" } },
        { Username: "nora", Password: PASSWORD, Attributes: { email: "nora@example.com" } },
      ],
    },
    {
      Id: REQUIRED,
      PoolName: "mfa-required",
      MfaConfiguration: "ON",
      Clients: [{ ClientId: REQUIRED_WEB, ClientName: "web", ExplicitAuthFlows: FLOWS }],
      Users: [
        { Username: "newbie", Password: PASSWORD },
        { Username: "phoebe", Password: PASSWORD, Attributes: { phone_number: "+15555550125" } },
      ],
    },
    {
      Id: DEVICES,
      PoolName: "mfa-devices",
      MfaConfiguration: "OPTIONAL",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      Clients: [{ ClientId: DEVICES_WEB, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "dev", Password: PASSWORD, TotpSecret: TINA_SECRET }],
    },
    {
      Id: ASKING,
      PoolName: "mfa-devices-asking",
      MfaConfiguration: "OPTIONAL",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
      Clients: [{ ClientId: ASKING_WEB, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "dev", Password: PASSWORD, TotpSecret: TINA_SECRET }],
    },
    {
      Id: NO_MFA,
      PoolName: "mfa-off",
      Clients: [{ ClientId: OFF_WEB, ClientName: "web", ExplicitAuthFlows: FLOWS }],
      Users: [{ Username: "otto", Password: PASSWORD }],
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

useEmulator(fixture, (started) => ({ emu, idp } = started));

/** The authenticator app's code at the emulator's time. */
const appCode = (secret: string) => totpCode(secret, timeStep(Date.now() + emu.clock.offsetSeconds() * 1000));
/** A code no step of Cognito's window accepts. */
function wrongAppCode(secret: string): string {
  const step = timeStep(Date.now() + emu.clock.offsetSeconds() * 1000);
  const taken = new Set([-2, -1, 0, 1, 2].map((skew) => totpCode(secret, step + skew)));
  let code = 0;
  while (taken.has(String(code).padStart(6, "0"))) code++;
  return String(code).padStart(6, "0");
}
/** The newest code the emulator sent the user. */
async function sentCode(username: string): Promise<string> {
  const messages = await emu.messages({ username });
  return messages[messages.length - 1].code!;
}

const signIn = (username: string, clientId = WEB) =>
  idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }));
const respond = (challenge: InitiateAuthCommandOutput, responses: Record<string, string>, clientId = WEB) =>
  idp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: challenge.ChallengeName, Session: challenge.Session, ChallengeResponses: responses }));
const adminPreference = (username: string, preferences: Omit<ConstructorParameters<typeof AdminSetUserMFAPreferenceCommand>[0], "UserPoolId" | "Username">, poolId = OPTIONAL) =>
  idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: username, ...preferences }));
const adminUser = (username: string, poolId = OPTIONAL) => idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));

describe("pool MFA configuration", () => {
  it("GetUserPoolMfaConfig shows what a pool created with MfaConfiguration alone offers", async () => {
    expect(await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: OPTIONAL }))).toMatchObject({
      MfaConfiguration: "OPTIONAL",
      SmsMfaConfiguration: {},
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const off = await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: NO_MFA }));
    expect(off).toMatchObject({ MfaConfiguration: "OFF", SoftwareTokenMfaConfiguration: { Enabled: false } });
    expect(off.SmsMfaConfiguration).toBeUndefined();
    await expect(idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: "us-east-1_Missing01" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("SetUserPoolMfaConfig sets the factors with Cognito's validation", async () => {
    await expect(
      idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: NO_MFA, MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: false } })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration." });
    await expect(
      idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: NO_MFA, MfaConfiguration: "OFF", SoftwareTokenMfaConfiguration: { Enabled: true } })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid MFA configuration given, can't turn off MFA and configure an MFA together." });

    const set = await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: NO_MFA,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Subject: "Sign-in code", Message: "Your code: {####}" },
      }),
    );
    const expected = {
      MfaConfiguration: "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Subject: "Sign-in code", Message: "Your code: {####}" },
    };
    expect(set).toMatchObject(expected);
    expect(set.SmsMfaConfiguration).toBeUndefined();
    expect(await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: NO_MFA }))).toMatchObject(expected);

    await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: NO_MFA, MfaConfiguration: "OFF" }));
    expect(await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: NO_MFA }))).toMatchObject({ MfaConfiguration: "OFF", SoftwareTokenMfaConfiguration: { Enabled: false } });
  });

  it("asks no one for MFA when the pool has it off, and offers no authenticator to set up", async () => {
    const { AuthenticationResult } = await signIn("otto", OFF_WEB);
    await expect(idp.send(new AssociateSoftwareTokenCommand({ AccessToken: AuthenticationResult!.AccessToken }))).rejects.toMatchObject({
      name: "SoftwareTokenMFANotFoundException",
      message: "Software Token MFA has not been enabled by the userPool.",
    });
  });
});

describe("SOFTWARE_TOKEN_MFA", () => {
  it("asks a fixture user with a TotpSecret for the app's code and accepts it once", async () => {
    expect(await adminUser("tina")).toMatchObject({ PreferredMfaSetting: "SOFTWARE_TOKEN_MFA", UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] });
    const challenge = await signIn("tina");
    expect(challenge).toMatchObject({ ChallengeName: "SOFTWARE_TOKEN_MFA", ChallengeParameters: { USER_ID_FOR_SRP: "tina" } });
    expect(challenge.AuthenticationResult).toBeUndefined();

    await expect(respond(challenge, { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: wrongAppCode(TINA_SECRET) })).rejects.toMatchObject({
      name: "CodeMismatchException",
      message: "Invalid code received for user",
    });
    const code = appCode(TINA_SECRET);
    // A wrong code leaves the challenge open for another try.
    const done = await respond(challenge, { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: code });
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();

    await expect(respond(await signIn("tina"), { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: code })).rejects.toMatchObject({
      name: "ExpiredCodeException",
      message: "Your software token has already been used once.",
    });
  });

  it("locks the user out after five wrong codes, as wrong passwords do", async () => {
    const challenge = await signIn("tina");
    for (let i = 0; i < 5; i++) {
      await expect(respond(challenge, { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: wrongAppCode(TINA_SECRET) })).rejects.toMatchObject({ name: "CodeMismatchException" });
    }
    await expect(respond(challenge, { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: appCode(TINA_SECRET) })).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Password attempts exceeded",
    });
    await emu.clock.advance(2);
    await expect(respond(challenge, { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: appCode(TINA_SECRET) })).resolves.toHaveProperty("AuthenticationResult.IdToken");
  });

  it("refuses an answer after the session expired, and through AdminRespondToAuthChallenge as well", async () => {
    const late = await signIn("tina");
    await emu.clock.advance(3 * 60 + 1);
    await expect(respond(late, { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: appCode(TINA_SECRET) })).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid session for the user, session is expired.",
    });
    const admin = await idp.send(
      new AdminInitiateAuthCommand({ UserPoolId: OPTIONAL, ClientId: ADMIN, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "tina", PASSWORD } }),
    );
    expect(admin.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    const done = await idp.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: OPTIONAL,
        ClientId: ADMIN,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: admin.Session,
        ChallengeResponses: { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: appCode(TINA_SECRET) },
      }),
    );
    expect(done.AuthenticationResult?.RefreshToken).toBeTruthy();
  });
});

describe("authenticator setup by access token", () => {
  it("associates, verifies and then enables TOTP, with Cognito's refusals along the way", async () => {
    const { AccessToken } = (await signIn("nora")).AuthenticationResult!;
    await expect(
      idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "User has not set up software token mfa" });
    await expect(idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: "123456" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "User has not set up software token mfa",
    });
    await expect(idp.send(new AssociateSoftwareTokenCommand({}))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(idp.send(new AssociateSoftwareTokenCommand({ AccessToken: "not.a.token" }))).rejects.toMatchObject({ name: "NotAuthorizedException" });

    const { SecretCode, Session } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    expect(SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(Session).toBeUndefined();
    await expect(
      idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "User has not verified software token mfa" });
    await expect(idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrongAppCode(SecretCode!) }))).rejects.toMatchObject({
      name: "EnableSoftwareTokenMFAException",
      message: "Code mismatch and fail enable Software Token MFA",
    });
    expect(await idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: appCode(SecretCode!), FriendlyDeviceName: "Nora's phone" }))).toMatchObject({
      Status: "SUCCESS",
    });
    // Verified is not yet enabled: sign-in still needs no code.
    expect((await idp.send(new GetUserCommand({ AccessToken }))).UserMFASettingList).toBeUndefined();
    await emu.clock.advance(30);
    expect((await signIn("nora")).AuthenticationResult).toBeDefined();

    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    expect(await idp.send(new GetUserCommand({ AccessToken }))).toMatchObject({ PreferredMfaSetting: "SOFTWARE_TOKEN_MFA", UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] });
    const challenge = await signIn("nora");
    expect(challenge).toMatchObject({ ChallengeName: "SOFTWARE_TOKEN_MFA", ChallengeParameters: { FRIENDLY_DEVICE_NAME: "Nora's phone" } });
    await expect(respond(challenge, { USERNAME: "nora", SOFTWARE_TOKEN_MFA_CODE: appCode(SecretCode!) })).resolves.toHaveProperty("AuthenticationResult.AccessToken");

    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
    expect((await adminUser("nora")).UserMFASettingList).toBeUndefined();
    expect((await signIn("nora")).AuthenticationResult).toBeDefined();
  });
});

describe("SMS_MFA", () => {
  it("texts a code to the phone (read from the outbox) and verifies the number once answered", async () => {
    await expect(adminPreference("nora", { SMSMfaSettings: { Enabled: true } })).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "User does not have delivery config set to turn on SMS_MFA",
    });
    await adminPreference("sam", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(await adminUser("sam")).toMatchObject({
      PreferredMfaSetting: "SMS_MFA",
      UserMFASettingList: ["SMS_MFA"],
      UserAttributes: expect.not.arrayContaining([{ Name: "phone_number_verified", Value: "true" }]),
    });

    const challenge = await signIn("sam");
    expect(challenge).toMatchObject({
      ChallengeName: "SMS_MFA",
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS", CODE_DELIVERY_DESTINATION: "+*******0123" },
    });
    const [message] = await emu.messages({ userPoolId: OPTIONAL, username: "sam" });
    expect(message).toMatchObject({ destination: "+15555550123", deliveryMedium: "SMS", reason: "Authentication" });
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.message).toContain(message.code);

    const wrong = message.code === "000000" ? "000001" : "000000";
    await expect(respond(challenge, { USERNAME: "sam", SMS_MFA_CODE: wrong })).rejects.toMatchObject({
      name: "CodeMismatchException",
      message: "Invalid code or auth state for the user.",
    });
    await expect(respond(challenge, { USERNAME: "sam" })).rejects.toMatchObject({ name: "InvalidParameterException" });
    const done = await respond(challenge, { USERNAME: "sam", SMS_MFA_CODE: message.code! });
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    expect((await adminUser("sam")).UserAttributes).toContainEqual({ Name: "phone_number_verified", Value: "true" });
    // Each session is answered once.
    await expect(respond(challenge, { USERNAME: "sam", SMS_MFA_CODE: message.code! })).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });

  it("falls back to SMS in an ON pool for a user with a phone number and no factor enabled", async () => {
    const challenge = await signIn("phoebe", REQUIRED_WEB);
    expect(challenge.ChallengeName).toBe("SMS_MFA");
    const done = await respond(challenge, { USERNAME: "phoebe", SMS_MFA_CODE: await sentCode("phoebe") }, REQUIRED_WEB);
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it("turns on and off through the legacy MFAOptions of SetUserSettings and AdminSetUserSettings", async () => {
    await expect(
      idp.send(new AdminSetUserSettingsCommand({ UserPoolId: OPTIONAL, Username: "sam", MFAOptions: [{ DeliveryMedium: "EMAIL", AttributeName: "email" }] })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await idp.send(new AdminSetUserSettingsCommand({ UserPoolId: OPTIONAL, Username: "sam", MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] }));
    expect((await adminUser("sam")).UserMFASettingList).toEqual(["SMS_MFA"]);
    const challenge = await signIn("sam");
    expect(challenge.ChallengeName).toBe("SMS_MFA");
    const { AccessToken } = (await respond(challenge, { USERNAME: "sam", SMS_MFA_CODE: await sentCode("sam") })).AuthenticationResult!;

    await idp.send(new SetUserSettingsCommand({ AccessToken, MFAOptions: [] }));
    expect((await adminUser("sam")).UserMFASettingList).toBeUndefined();
    expect((await signIn("sam")).AuthenticationResult).toBeDefined();
    await expect(idp.send(new SetUserSettingsCommand({ AccessToken: "not.a.token", MFAOptions: [] }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(
      idp.send(new AdminSetUserSettingsCommand({ UserPoolId: OPTIONAL, Username: "ghost", MFAOptions: [] })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
  });
});

describe("EMAIL_OTP", () => {
  it("emails a code when the pool offers email MFA and the user enabled it", async () => {
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: OPTIONAL,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Subject: "Your sign-in code", Message: "Sign in with {####}" },
      }),
    );
    await adminPreference("eli", { EmailMfaSettings: { Enabled: true } });
    const challenge = await signIn("eli");
    expect(challenge).toMatchObject({
      ChallengeName: "EMAIL_OTP",
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: "e***@e***" },
    });
    const [message] = await emu.messages({ username: "eli" });
    expect(message).toMatchObject({ deliveryMedium: "EMAIL", destination: "eli@example.com", subject: "Your sign-in code", message: `Sign in with ${message.code}` });
    await expect(respond(challenge, { USERNAME: "eli", EMAIL_OTP_CODE: message.code === "111111" ? "222222" : "111111" })).rejects.toMatchObject({
      name: "CodeMismatchException",
    });
    await expect(respond(challenge, { USERNAME: "eli", EMAIL_OTP_CODE: message.code! })).resolves.toHaveProperty("AuthenticationResult.IdToken");
  });

  it("is a feature of the Essentials and Plus plans", async () => {
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: NO_MFA }));
    expect(UserPool?.UserPoolTier).toBe("ESSENTIALS");
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: NO_MFA, UserPoolTier: "LITE" }));
    await expect(
      idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: NO_MFA, MfaConfiguration: "OPTIONAL", EmailMfaConfiguration: {} })),
    ).rejects.toMatchObject({ name: "FeatureUnavailableInTierException" });
  });
});

describe("SELECT_MFA_TYPE", () => {
  it("lets a user with several factors and no preference choose one", async () => {
    await adminPreference("both", { SMSMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false } });
    expect(await adminUser("both")).toMatchObject({ UserMFASettingList: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"] });
    expect((await adminUser("both")).PreferredMfaSetting).toBeUndefined();
    await expect(
      adminPreference("both", { SMSMfaSettings: { Enabled: true, PreferredMfa: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });

    const select = await signIn("both");
    expect(select).toMatchObject({ ChallengeName: "SELECT_MFA_TYPE", ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(["SMS_MFA", "SOFTWARE_TOKEN_MFA"]) } });
    await expect(respond(select, { USERNAME: "both", ANSWER: "EMAIL_OTP" })).rejects.toMatchObject({ name: "InvalidParameterException" });
    const sms = await respond(select, { USERNAME: "both", ANSWER: "SMS_MFA" });
    expect(sms.ChallengeName).toBe("SMS_MFA");
    await expect(respond(sms, { USERNAME: "both", SMS_MFA_CODE: await sentCode("both") })).resolves.toHaveProperty("AuthenticationResult.AccessToken");

    const again = await respond(await signIn("both"), { USERNAME: "both", ANSWER: "SOFTWARE_TOKEN_MFA" });
    expect(again.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    await expect(respond(again, { USERNAME: "both", SOFTWARE_TOKEN_MFA_CODE: appCode(BOTH_SECRET) })).resolves.toHaveProperty("AuthenticationResult.AccessToken");
  });
});

describe("MFA_SETUP", () => {
  it("makes a user of an ON pool without a factor set up an authenticator during sign-in", async () => {
    const setup = await signIn("newbie", REQUIRED_WEB);
    expect(setup).toMatchObject({ ChallengeName: "MFA_SETUP", ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(["SMS_MFA", "SOFTWARE_TOKEN_MFA"]) } });
    await expect(respond(setup, { USERNAME: "newbie" }, REQUIRED_WEB)).rejects.toMatchObject({ name: "InvalidParameterException" });

    const associated = await idp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    expect(associated.Session).toBeTruthy();
    await expect(idp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(
      idp.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongAppCode(associated.SecretCode!) })),
    ).rejects.toMatchObject({ name: "EnableSoftwareTokenMFAException" });
    const verified = await idp.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: appCode(associated.SecretCode!) }));
    expect(verified).toMatchObject({ Status: "SUCCESS", Session: expect.any(String) });

    const done = await idp.send(
      new RespondToAuthChallengeCommand({ ClientId: REQUIRED_WEB, ChallengeName: "MFA_SETUP", Session: verified.Session, ChallengeResponses: { USERNAME: "newbie" } }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(await adminUser("newbie", REQUIRED)).toMatchObject({ PreferredMfaSetting: "SOFTWARE_TOKEN_MFA", UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] });

    await emu.clock.advance(30);
    const next = await signIn("newbie", REQUIRED_WEB);
    expect(next.ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    await expect(respond(next, { USERNAME: "newbie", SOFTWARE_TOKEN_MFA_CODE: appCode(associated.SecretCode!) }, REQUIRED_WEB)).resolves.toHaveProperty(
      "AuthenticationResult.IdToken",
    );
  });

  it("refuses setup sessions that expired", async () => {
    const setup = await signIn("newbie", REQUIRED_WEB);
    await emu.clock.advance(3 * 60 + 1);
    await expect(idp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid session for the user, session is expired.",
    });
  });
});

describe("preferences", () => {
  it("AdminSetUserMFAPreference refuses unknown users and pools", async () => {
    await expect(adminPreference("ghost", { SMSMfaSettings: { Enabled: true } })).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(adminPreference("sam", { SMSMfaSettings: { Enabled: true } }, "us-east-1_Missing01")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("SetUserMFAPreference needs a valid access token", async () => {
    await expect(idp.send(new SetUserMFAPreferenceCommand({ AccessToken: "not.a.token", SMSMfaSettings: { Enabled: true } }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });
  });
});

describe("amazon-cognito-identity-js", () => {
  const userPool = (poolId: string, clientId: string) => new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: emu.url });

  function user(username: string, poolId = OPTIONAL, clientId = WEB): CognitoUser {
    const cognitoUser = new CognitoUser({ Username: username, Pool: userPool(poolId, clientId) });
    cognitoUser.setAuthenticationFlowType("USER_PASSWORD_AUTH");
    return cognitoUser;
  }

  /** Signs in, answering the challenges with the given steps; resolves with the session. */
  function authenticate(cognitoUser: CognitoUser, steps: (resolve: (s: CognitoUserSession) => void, reject: (e: unknown) => void) => Partial<IAuthenticationCallback>) {
    return new Promise<CognitoUserSession>((resolve, reject) => {
      cognitoUser.authenticateUser(new AuthenticationDetails({ Username: cognitoUser.getUsername(), Password: PASSWORD }), {
        onSuccess: resolve,
        onFailure: reject,
        ...steps(resolve, reject),
      });
    });
  }

  it("sets up an authenticator app through mfaSetup, then signs in with totpRequired", async () => {
    const newbie = user("newbie", REQUIRED, REQUIRED_WEB);
    let secret = "";
    const session = await authenticate(newbie, (resolve, reject) => ({
      mfaSetup: () =>
        newbie.associateSoftwareToken({
          associateSecretCode: (secretCode) => {
            secret = secretCode;
            newbie.verifySoftwareToken(appCode(secretCode), "My phone", { onSuccess: resolve, onFailure: reject });
          },
          onFailure: reject,
        }),
    }));
    expect(session.isValid()).toBe(true);

    await emu.clock.advance(30);
    const again = user("newbie", REQUIRED, REQUIRED_WEB);
    const signedIn = await authenticate(again, (resolve, reject) => ({
      totpRequired: (challengeName, parameters) => {
        expect(challengeName).toBe("SOFTWARE_TOKEN_MFA");
        expect(parameters.FRIENDLY_DEVICE_NAME).toBe("My phone");
        again.sendMFACode(appCode(secret), { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA");
      },
    }));
    expect(signedIn.getIdToken().payload["cognito:username"]).toBe("newbie");
  });

  it("answers SMS MFA with the code from the outbox", async () => {
    await adminPreference("sam", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    const sam = user("sam");
    const session = await authenticate(sam, (resolve, reject) => ({
      mfaRequired: (challengeName, parameters) => {
        expect(challengeName).toBe("SMS_MFA");
        expect(parameters.CODE_DELIVERY_DESTINATION).toBe("+*******0123");
        void sentCode("sam").then((code) => sam.sendMFACode(code, { onSuccess: resolve, onFailure: reject }));
      },
    }));
    expect(session.getAccessToken().payload.username).toBe("sam");
  });

  it("retries a wrong SMS code in the same session", async () => {
    await adminPreference("sam", { SMSMfaSettings: { Enabled: true } });
    const sam = user("sam");
    const errors: unknown[] = [];
    const session = await authenticate(sam, (resolve, reject) => ({
      mfaRequired: () => {
        void sentCode("sam").then((code) =>
          sam.sendMFACode(code === "000000" ? "000001" : "000000", {
            onSuccess: () => reject(new Error("a wrong code was accepted")),
            onFailure: (error) => {
              errors.push(error);
              sam.sendMFACode(code, { onSuccess: resolve, onFailure: reject });
            },
          }),
        );
      },
    }));
    expect(errors).toMatchObject([{ code: "CodeMismatchException" }]);
    expect(session.isValid()).toBe(true);
  });

  it("chooses a factor through selectMFAType", async () => {
    await adminPreference("both", { SMSMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false } });
    const both = user("both");
    const session = await authenticate(both, (resolve, reject) => ({
      selectMFAType: (_name, parameters) => {
        expect(JSON.parse(parameters.MFAS_CAN_CHOOSE)).toEqual(["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
        both.sendMFASelectionAnswer("SOFTWARE_TOKEN_MFA", {
          onSuccess: resolve,
          onFailure: reject,
          totpRequired: () => both.sendMFACode(appCode(BOTH_SECRET), { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA"),
        });
      },
    }));
    expect(session.isValid()).toBe(true);
  });

  /** Signs "dev" in with SRP, answering TOTP when asked; how many times it was asked. */
  async function deviceSignIn(poolId: string, clientId: string): Promise<{ asked: number; session: CognitoUserSession }> {
    const dev = new CognitoUser({ Username: "dev", Pool: userPool(poolId, clientId) });
    let asked = 0;
    const session = await authenticate(dev, (resolve, reject) => ({
      totpRequired: () => {
        asked++;
        dev.sendMFACode(appCode(TINA_SECRET), { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA");
      },
    }));
    return { asked, session };
  }

  it("skips MFA on a remembered device only when the pool's DeviceConfiguration says so", async () => {
    // The default flow (SRP) confirms the device after the first sign-in and signs in with it afterwards.
    expect((await deviceSignIn(DEVICES, DEVICES_WEB)).asked).toBe(1);
    const remembered = await deviceSignIn(DEVICES, DEVICES_WEB);
    expect(remembered.asked).toBe(0);
    expect(remembered.session.getAccessToken().payload.device_key).toBeTruthy();

    expect((await deviceSignIn(ASKING, ASKING_WEB)).asked).toBe(1);
    await emu.clock.advance(30);
    const asking = new CognitoUser({ Username: "dev", Pool: userPool(ASKING, ASKING_WEB) });
    const challenge = await new Promise<string>((resolve, reject) =>
      asking.authenticateUser(new AuthenticationDetails({ Username: "dev", Password: PASSWORD }), {
        onSuccess: () => reject(new Error("signed in without MFA")),
        onFailure: reject,
        totpRequired: resolve,
      }),
    );
    expect(challenge).toBe("SOFTWARE_TOKEN_MFA");
  });

  it("sets up TOTP for a signed-in user and makes it preferred", async () => {
    const nora = user("nora");
    await authenticate(nora, () => ({}));
    const secret = await new Promise<string>((resolve, reject) => nora.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }));
    await new Promise((resolve, reject) => nora.verifySoftwareToken(appCode(secret), "Laptop", { onSuccess: resolve, onFailure: reject }));
    await new Promise((resolve, reject) =>
      nora.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, (error, result) => (error ? reject(error) : resolve(result))),
    );
    expect(await adminUser("nora")).toMatchObject({ PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" });

    await emu.clock.advance(30);
    const again = user("nora");
    const session = await authenticate(again, (resolve, reject) => ({
      totpRequired: () => again.sendMFACode(appCode(secret), { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA"),
    }));
    expect(session.isValid()).toBe(true);
  });
});
