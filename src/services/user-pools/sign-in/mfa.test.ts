import { servicesTestbed } from "../../testing";
import { mfaSettingsView, mfaStep, poolMfaFactors, setLegacyMfaOptions, setMfaPreferences } from "./mfa";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";
import type { SignInState } from "./pipeline";

const SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** A pool, a client and a user (with an email and a phone number) over real services. */
function testbed(poolChanges: Partial<PoolRecord> = {}, userChanges: Partial<UserRecord> = {}) {
  const { services } = servicesTestbed();
  const pool: PoolRecord = { Id: "us-east-1_MfaTest01", Name: "mfa", Region: "us-east-1", CreationDate: 0, LastModifiedDate: 0, ...poolChanges };
  const client: ClientRecord = { UserPoolId: pool.Id, ClientId: "mfatestclient000000000001", ClientName: "web", CreationDate: 0, LastModifiedDate: 0 };
  const user: UserRecord = {
    UserPoolId: pool.Id,
    Username: "alice",
    Sub: "6f3c2b1a-0000-4000-8000-000000000001",
    Attributes: { email: "alice@example.com", email_verified: "true", phone_number: "+15555550100" },
    Enabled: true,
    UserStatus: "CONFIRMED",
    UserCreateDate: 0,
    UserLastModifiedDate: 0,
    Groups: [],
    ...userChanges,
  };
  services.tables.pools.put(pool.Id, pool);
  services.tables.clients.put(client.ClientId, client);
  services.tables.users.put(services.tables.userKey(pool.Id, user.Username), user);
  const state = (method: SignInState["method"] = "PASSWORD"): SignInState => ({ pool, client, user, method });
  return { services, pool, user, state };
}

const withoutPhone = (user: Partial<UserRecord> = {}): Partial<UserRecord> => ({
  Attributes: { email: "alice@example.com", email_verified: "true" },
  ...user,
});

describe("the factors a pool offers", () => {
  it("none when MFA is off, SMS and TOTP until SetUserPoolMfaConfig chooses, then its choice in Cognito's order", () => {
    expect(poolMfaFactors(testbed().pool)).toEqual([]);
    expect(poolMfaFactors(testbed({ MfaConfiguration: "ON" }).pool)).toEqual(["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    expect(poolMfaFactors(testbed({ MfaConfiguration: "OPTIONAL", MfaFactors: ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] }).pool)).toEqual(["EMAIL_OTP", "SOFTWARE_TOKEN_MFA"]);
    expect(poolMfaFactors(testbed({ MfaConfiguration: "OFF", MfaFactors: ["SMS_MFA"] }).pool)).toEqual([]);
  });
});

describe("the MFA step of a sign-in", () => {
  it("asks nothing when MFA is off, of OPTIONAL-pool users without a factor, or after a passwordless first factor", async () => {
    const off = testbed({}, { TotpSecret: SECRET, UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] });
    expect(await mfaStep(off.services, off.state())).toBeUndefined();
    const optional = testbed({ MfaConfiguration: "OPTIONAL" });
    expect(await mfaStep(optional.services, optional.state())).toBeUndefined();
    const enabled = testbed({ MfaConfiguration: "ON" }, { TotpSecret: SECRET, UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] });
    expect(await mfaStep(enabled.services, enabled.state("EMAIL_OTP"))).toBeUndefined();
  });

  it("sends ON-pool users without any factor to MFA_SETUP with the pool's factors", async () => {
    const { services, state } = testbed({ MfaConfiguration: "ON", MfaFactors: ["SOFTWARE_TOKEN_MFA"] });
    expect(await mfaStep(services, state())).toMatchObject({ ChallengeName: "MFA_SETUP", ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: "alice" } });
  });

  it("uses a verified authenticator even when the pool no longer offers TOTP", async () => {
    const { services, state } = testbed({ MfaConfiguration: "OPTIONAL", MfaFactors: ["SMS_MFA"] }, { TotpSecret: SECRET, UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] });
    expect(await mfaStep(services, state())).toMatchObject({ ChallengeName: "SOFTWARE_TOKEN_MFA" });
  });

  it("skips SMS when the pool does not offer it, and emails only from pools that offer email", async () => {
    const sms = testbed({ MfaConfiguration: "OPTIONAL", MfaFactors: ["SOFTWARE_TOKEN_MFA"] }, { UserMFASettingList: ["SMS_MFA"] });
    expect(await mfaStep(sms.services, sms.state())).toBeUndefined();
    const email = testbed({ MfaConfiguration: "OPTIONAL", MfaFactors: ["EMAIL_OTP"] }, { UserMFASettingList: ["EMAIL_OTP", "SMS_MFA"] });
    expect(await mfaStep(email.services, email.state())).toMatchObject({ ChallengeName: "EMAIL_OTP", ChallengeParameters: { CODE_DELIVERY_DESTINATION: "a***@e***" } });
    expect(email.services.outbox.list({ username: "alice" })).toMatchObject([{ deliveryMedium: "EMAIL", destination: "alice@example.com" }]);
  });

  it("asks for the preferred factor, or lets the user choose among several", async () => {
    const preferred = testbed({ MfaConfiguration: "OPTIONAL" }, { TotpSecret: SECRET, UserMFASettingList: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], PreferredMfaSetting: "SMS_MFA" });
    expect(await mfaStep(preferred.services, preferred.state())).toMatchObject({ ChallengeName: "SMS_MFA", ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS" } });
    const choice = testbed({ MfaConfiguration: "OPTIONAL" }, { TotpSecret: SECRET, UserMFASettingList: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"] });
    expect(await mfaStep(choice.services, choice.state())).toMatchObject({
      ChallengeName: "SELECT_MFA_TYPE",
      ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' },
    });
  });
});

describe("MFA preferences", () => {
  it("turns factors on and off; preferring one turns it on; turning the preferred one off forgets the preference", () => {
    const { services, pool, user } = testbed({ MfaConfiguration: "OPTIONAL" }, { TotpSecret: SECRET });
    const both = setMfaPreferences(services, pool, user, { SMSMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { PreferredMfa: true } });
    expect(both).toMatchObject({ UserMFASettingList: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" });
    // Settings left out (or null, as amazon-cognito-identity-js sends them) change nothing.
    const same = setMfaPreferences(services, pool, both, { SMSMfaSettings: null as never });
    expect(same).toMatchObject({ UserMFASettingList: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], PreferredMfaSetting: "SOFTWARE_TOKEN_MFA" });
    const smsOnly = setMfaPreferences(services, pool, same, { SoftwareTokenMfaSettings: { Enabled: false } });
    expect(smsOnly.UserMFASettingList).toEqual(["SMS_MFA"]);
    expect(smsOnly.PreferredMfaSetting).toBeUndefined();
    const none = setLegacyMfaOptions(services, pool, smsOnly, []);
    expect(none.UserMFASettingList).toBeUndefined();
  });

  it("refuses factors the user cannot receive", () => {
    const { services, pool, user } = testbed({ MfaConfiguration: "OPTIONAL", UserPoolTier: "LITE" }, withoutPhone());
    expect(() => setMfaPreferences(services, pool, user, { SMSMfaSettings: { Enabled: true } })).toThrow("User does not have delivery config set to turn on SMS_MFA");
    expect(() => setMfaPreferences(services, pool, user, { SoftwareTokenMfaSettings: { Enabled: true } })).toThrow("User has not set up software token mfa");
    expect(() => setMfaPreferences(services, pool, user, { EmailMfaSettings: { Enabled: true } })).toThrow(expect.objectContaining({ code: "FeatureUnavailableInTierException" }));
    expect(() => setMfaPreferences(services, pool, user, { SMSMfaSettings: { Enabled: false }, SoftwareTokenMfaSettings: { Enabled: false } })).not.toThrow();
  });
});

describe("the MFA members of AdminGetUser and GetUser", () => {
  it("show SMS MFA in the legacy MFAOptions too", () => {
    const { user } = testbed({}, { UserMFASettingList: ["SMS_MFA"], PreferredMfaSetting: "SMS_MFA" });
    expect(mfaSettingsView(user)).toEqual({
      MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      PreferredMfaSetting: "SMS_MFA",
      UserMFASettingList: ["SMS_MFA"],
    });
    expect(mfaSettingsView(testbed().user)).toEqual({});
  });
});
