import type { Services } from "../../services";
import { servicesTestbed } from "../../testing";
import { respondToChallenge } from "./respond-to-challenge";
import { openCodeChallenge } from "./otp";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";
import type { SignInState } from "./pipeline";

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
  // One request, one transaction: a refused answer leaves its session open, as it does over the wire.
  const answer = (name: string, session: string | undefined, responses: Record<string, string>) =>
    services.store.transaction(() =>
      respondToChallenge(services, pool, client, { ChallengeName: name, Session: session, ChallengeResponses: { USERNAME: user.Username, ...responses } }),
    );
  return { services, pool, user, state, answer };
}

const lastCode = (services: Services) => services.outbox.list().at(-1)!.code!;

describe("sign-in codes", () => {
  it("texts a code with the pool's SMS authentication message", async () => {
    const { services, state } = testbed({ SmsAuthenticationMessage: "Code: {####}" });
    const outcome = await openCodeChallenge(services, state("PASSWORD"), "SMS_MFA", "mfa");
    expect(outcome).toMatchObject({ ChallengeName: "SMS_MFA", ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS", CODE_DELIVERY_DESTINATION: "+*******0100" } });
    expect(services.outbox.list()).toMatchObject([{ destination: "+15555550100", deliveryMedium: "SMS", message: `Code: ${lastCode(services)}`, reason: "Authentication" }]);
  });

  it("signs in with an emailed code as the first factor, with no second factor even when MFA is required", async () => {
    const { services, state, answer } = testbed({ MfaConfiguration: "ON" }, { TotpSecret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", UserMFASettingList: ["SOFTWARE_TOKEN_MFA"] });
    const challenge = await openCodeChallenge(services, state("EMAIL_OTP"), "EMAIL_OTP", "first-factor");
    expect(services.outbox.list()).toMatchObject([{ deliveryMedium: "EMAIL", destination: "alice@example.com", subject: "Your authentication code" }]);
    await expect(answer("EMAIL_OTP", challenge.Session, { EMAIL_OTP_CODE: lastCode(services) })).resolves.toHaveProperty("AuthenticationResult.AccessToken");
  });

  it("completes the sign-in when the emailed code is a second factor", async () => {
    const { services, state, answer } = testbed({ MfaConfiguration: "OPTIONAL" });
    const challenge = await openCodeChallenge(services, state("PASSWORD"), "EMAIL_OTP", "mfa");
    const code = lastCode(services);
    await expect(answer("EMAIL_OTP", challenge.Session, { EMAIL_OTP_CODE: code === "123456" ? "654321" : "123456" })).rejects.toMatchObject({
      code: "CodeMismatchException",
      message: "Invalid code or auth state for the user.",
    });
    await expect(answer("EMAIL_OTP", challenge.Session, { EMAIL_OTP_CODE: code })).resolves.toHaveProperty("AuthenticationResult.IdToken");
  });
});
