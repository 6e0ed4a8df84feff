import { servicesTestbed } from "../../testing";
import { availableChallenges, configuredUserAuthFactors, preferredChallenge } from "./user-auth-choice";
import type { PoolRecord, UserRecord, WebAuthnCredentialRecord } from "../directory/records";

const EVERY_FACTOR = { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"] } } as PoolRecord["Policies"];

function testbed(poolChanges: Partial<PoolRecord> = {}, userChanges: Partial<UserRecord> = {}, passkey = false) {
  const { services } = servicesTestbed();
  const pool: PoolRecord = { Id: "us-east-1_Choice0099", Name: "choice", Region: "us-east-1", CreationDate: 0, LastModifiedDate: 0, Policies: EVERY_FACTOR, ...poolChanges };
  const user: UserRecord = {
    UserPoolId: pool.Id,
    Username: "alice",
    Sub: "6f3c2b1a-0000-4000-8000-0000000000c1",
    Attributes: { email: "alice@example.com", email_verified: "true", phone_number: "+15555550100", phone_number_verified: "true" },
    Enabled: true,
    UserStatus: "CONFIRMED",
    UserCreateDate: 0,
    UserLastModifiedDate: 0,
    Groups: [],
    PasswordHash: "scrypt$64$1$1$AAAA$AAAA",
    SrpSalt: "ab",
    SrpX: "cd",
    ...userChanges,
  };
  if (passkey) {
    const record: WebAuthnCredentialRecord = {
      UserPoolId: pool.Id,
      Sub: user.Sub,
      CredentialId: "cred",
      PublicKey: "",
      SignCount: 0,
      FriendlyCredentialName: "Passkey",
      RelyingPartyId: pool.WebAuthnConfiguration?.RelyingPartyId ?? "localhost",
      Aaguid: "00000000-0000-0000-0000-000000000000",
      AuthenticatorTransports: [],
      CreatedAt: 0,
    };
    services.store.table<WebAuthnCredentialRecord>("webAuthnCredentials").put(`${pool.Id}/${user.Sub}/cred`, record);
  }
  return { available: () => availableChallenges(services, pool, user), configured: () => configuredUserAuthFactors(services, pool, user) };
}

describe("the first factors a user may choose", () => {
  it("lists every factor the policy allows and the user can use, in Cognito's order", () => {
    expect(testbed({}, {}, true).available()).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]);
    expect(testbed({}, {}, true).configured()).toEqual(["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]);
  });

  it("offers passwords only to pools that never set a sign-in policy", () => {
    expect(testbed({ Policies: {} }, {}, true).available()).toEqual(["PASSWORD", "PASSWORD_SRP"]);
  });

  it("needs verified contacts for codes, a password for PASSWORD, SRP credentials for PASSWORD_SRP", () => {
    const unverified = { Attributes: { email: "alice@example.com", phone_number: "+15555550100" } };
    expect(testbed({}, unverified).available()).toEqual(["PASSWORD", "PASSWORD_SRP"]);
    expect(testbed({}, { PasswordHash: undefined, SrpSalt: undefined, SrpX: undefined }).available()).toEqual(["EMAIL_OTP", "SMS_OTP"]);
    expect(testbed({}, { SrpSalt: undefined, SrpX: undefined }).available()).toEqual(["PASSWORD", "EMAIL_OTP", "SMS_OTP"]);
  });

  it("offers passkeys registered for the pool's current relying party only", () => {
    const moved = testbed({ WebAuthnConfiguration: { RelyingPartyId: "example.com" } }, {}, false);
    expect(moved.available()).not.toContain("WEB_AUTHN");
  });

  it("offers no passwordless factor where MFA is required, unless a verified passkey counts as MFA", () => {
    expect(testbed({ MfaConfiguration: "ON" }, {}, true).available()).toEqual(["PASSWORD", "PASSWORD_SRP"]);
    const countsAsMfa = testbed({ MfaConfiguration: "ON", WebAuthnConfiguration: { FactorConfiguration: "MULTI_FACTOR_WITH_USER_VERIFICATION" } }, {}, true);
    expect(countsAsMfa.available()).toEqual(["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"]);
  });

  it("offers no passwordless factor on the Lite plan", () => {
    expect(testbed({ UserPoolTier: "LITE" }, {}, true).available()).toEqual(["PASSWORD", "PASSWORD_SRP"]);
  });
});

describe("PREFERRED_CHALLENGE", () => {
  it("is optional and must name a first factor", () => {
    expect(preferredChallenge(undefined)).toBeUndefined();
    expect(preferredChallenge("WEB_AUTHN")).toBe("WEB_AUTHN");
    expect(() => preferredChallenge("SMS_MFA")).toThrow(expect.objectContaining({ name: "InvalidParameterException" }));
  });
});
