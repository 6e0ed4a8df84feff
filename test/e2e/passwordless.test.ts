import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { RunningEmulator } from "../../src/server/emulator";
import { type CeremonyOverrides, type CreationOptionsJson, type RequestOptionsJson, SoftwareAuthenticator } from "../support/authenticator";
import { useEmulator } from "../support/emulator";
import { SrpClient } from "../support/srp-client";

const CHOICE = "us-east-1_Choice0001";
const PASSWORDS = "us-east-1_Choice0002";
const STRICT = "us-east-1_Choice0003";
const WEB = "choiceweb000000000000001";
const ADMIN = "choiceadmin0000000000001";
const NO_CHOICE = "choicenone00000000000001";
const PASSWORDS_WEB = "choicepasswords000000001";
const STRICT_WEB = "choicestrict000000000001";
const PASSWORD = "Passw0rd!";
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const EVERY_FACTOR = { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"] } };
const FLOWS = ["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const VERIFIED = { email: "alice@example.com", email_verified: "true", phone_number: "+15555550100", phone_number_verified: "true" };

const fixture = {
  UserPools: [
    {
      Id: CHOICE,
      PoolName: "choice",
      MfaConfiguration: "OPTIONAL",
      Policies: EVERY_FACTOR,
      Clients: [
        { ClientId: WEB, ClientName: "web", ExplicitAuthFlows: FLOWS },
        { ClientId: ADMIN, ClientName: "admin", ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"] },
        { ClientId: NO_CHOICE, ClientName: "classic", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"] },
      ],
      Users: [
        { Username: "alice", Password: PASSWORD, Attributes: VERIFIED },
        { Username: "nora", Password: PASSWORD, Attributes: { email: "nora@example.com" } },
        { Username: "pat", Attributes: { email: "pat@example.com", email_verified: "true" } },
        { Username: "tina", Password: PASSWORD, TotpSecret: TOTP_SECRET, Attributes: { email: "tina@example.com", email_verified: "true" } },
      ],
    },
    {
      Id: PASSWORDS,
      PoolName: "passwords-only",
      Clients: [{ ClientId: PASSWORDS_WEB, ClientName: "web", ExplicitAuthFlows: FLOWS }],
      Users: [{ Username: "alice", Password: PASSWORD, Attributes: VERIFIED }],
    },
    {
      Id: STRICT,
      PoolName: "mfa-required",
      MfaConfiguration: "ON",
      Policies: EVERY_FACTOR,
      Clients: [{ ClientId: STRICT_WEB, ClientName: "web", ExplicitAuthFlows: FLOWS }],
      Users: [{ Username: "alice", Password: PASSWORD, TotpSecret: TOTP_SECRET, Attributes: VERIFIED }],
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

useEmulator(fixture, (started) => ({ emu, idp } = started));

function userAuth(username: string, parameters: Record<string, string> = {}, clientId = WEB): Promise<InitiateAuthCommandOutput> {
  return idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: username, ...parameters } }));
}

function respond(started: { Session?: string }, challengeName: string, responses: Record<string, string>, clientId = WEB) {
  return idp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: challengeName as never, Session: started.Session, ChallengeResponses: responses }));
}

async function sentCode(username: string): Promise<string> {
  const messages = await emu.messages({ username });
  return messages[messages.length - 1].code!;
}

async function accessToken(username: string, clientId = WEB): Promise<string> {
  const signedIn = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }));
  return signedIn.AuthenticationResult!.AccessToken!;
}

/** Registers a passkey for the user through the API, as a browser app would. */
async function registerPasskey(token: string, authenticator = new SoftwareAuthenticator(), overrides: CeremonyOverrides = {}) {
  const started = await idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
  const Credential = authenticator.register(started.CredentialCreationOptions as unknown as CreationOptionsJson, overrides);
  await idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: Credential as never }));
  return authenticator;
}

const requestOptions = (outcome: { ChallengeParameters?: Record<string, string> }) => JSON.parse(outcome.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS) as RequestOptionsJson;

describe("USER_AUTH without a preference", () => {
  it("answers SELECT_CHALLENGE with the factors this user can use", async () => {
    const alice = await userAuth("alice");
    expect(alice).toMatchObject({ ChallengeName: "SELECT_CHALLENGE", ChallengeParameters: {}, AvailableChallenges: ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"] });
    expect(alice.Session).toEqual(expect.any(String));
    // An unverified email is no sign-in factor; a user without a password has only codes.
    expect((await userAuth("nora")).AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP"]);
    expect((await userAuth("pat")).AvailableChallenges).toEqual(["EMAIL_OTP"]);
  });

  it("offers only what the pool's sign-in policy allows, and no passwordless factor where MFA is required", async () => {
    expect((await userAuth("alice", {}, PASSWORDS_WEB)).AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP"]);
    expect((await userAuth("alice", {}, STRICT_WEB)).AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP"]);
  });

  it("needs ALLOW_USER_AUTH, a USERNAME, a known user and a valid PREFERRED_CHALLENGE", async () => {
    await expect(userAuth("alice", {}, NO_CHOICE)).rejects.toMatchObject({ name: "InvalidParameterException", message: "USER_AUTH flow not enabled for this client" });
    await expect(idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_AUTH", AuthParameters: {} }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(userAuth("nobody")).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(userAuth("alice", { PREFERRED_CHALLENGE: "MAGIC_LINK" })).rejects.toMatchObject({ name: "InvalidParameterException" });
  });
});

describe("choosing a factor with SELECT_CHALLENGE", () => {
  it("PASSWORD with the password signs in", async () => {
    const done = await respond(await userAuth("alice"), "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "PASSWORD", PASSWORD });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it("PASSWORD without the password asks for it in a PASSWORD challenge", async () => {
    const asked = await respond(await userAuth("alice"), "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "PASSWORD" });
    expect(asked.ChallengeName).toBe("PASSWORD");
    await expect(respond(asked, "PASSWORD", { USERNAME: "alice", PASSWORD: "wrong" })).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
    const again = await respond(await userAuth("alice"), "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "PASSWORD" });
    expect((await respond(again, "PASSWORD", { USERNAME: "alice", PASSWORD })).AuthenticationResult).toBeDefined();
  });

  it("PASSWORD_SRP with SRP_A continues with PASSWORD_VERIFIER", async () => {
    const srp = new SrpClient(CHOICE.split("_")[1]);
    const verifier = await respond(await userAuth("alice"), "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "PASSWORD_SRP", SRP_A: srp.A });
    expect(verifier.ChallengeName).toBe("PASSWORD_VERIFIER");
    const claim = await srp.claim(verifier.ChallengeParameters!.USER_ID_FOR_SRP, PASSWORD, verifier.ChallengeParameters as never);
    expect((await respond(verifier, "PASSWORD_VERIFIER", { USERNAME: "alice", ...claim })).AuthenticationResult).toBeDefined();
  });

  it("EMAIL_OTP and SMS_OTP send a code that signs in", async () => {
    const emailed = await respond(await userAuth("alice"), "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "EMAIL_OTP" });
    expect(emailed).toMatchObject({ ChallengeName: "EMAIL_OTP", ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL" } });
    expect((await respond(emailed, "EMAIL_OTP", { USERNAME: "alice", EMAIL_OTP_CODE: await sentCode("alice") })).AuthenticationResult).toBeDefined();

    const texted = await respond(await userAuth("alice"), "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "SMS_OTP" });
    expect(texted).toMatchObject({ ChallengeName: "SMS_OTP", ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS" } });
    const messages = await emu.messages({ username: "alice" });
    expect(messages[messages.length - 1]).toMatchObject({ deliveryMedium: "SMS", destination: "+15555550100" });
    expect((await respond(texted, "SMS_OTP", { USERNAME: "alice", SMS_OTP_CODE: await sentCode("alice") })).AuthenticationResult).toBeDefined();
  });

  it("refuses a choice that was not offered, a wrong code, and a session used twice", async () => {
    await expect(respond(await userAuth("nora"), "SELECT_CHALLENGE", { USERNAME: "nora", ANSWER: "EMAIL_OTP" })).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(respond(await userAuth("alice"), "SELECT_CHALLENGE", { USERNAME: "alice" })).rejects.toMatchObject({ name: "InvalidParameterException" });
    const texted = await respond(await userAuth("alice"), "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "SMS_OTP" });
    const code = await sentCode("alice");
    await expect(respond(texted, "SMS_OTP", { USERNAME: "alice", SMS_OTP_CODE: code === "000000" ? "111111" : "000000" })).rejects.toMatchObject({ name: "CodeMismatchException" });
    const started = await userAuth("alice");
    await respond(started, "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "PASSWORD", PASSWORD });
    await expect(respond(started, "SELECT_CHALLENGE", { USERNAME: "alice", ANSWER: "PASSWORD", PASSWORD })).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });
});

describe("USER_AUTH with PREFERRED_CHALLENGE", () => {
  it("PASSWORD with the password signs in at once, and refuses a wrong one", async () => {
    expect((await userAuth("alice", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD })).AuthenticationResult?.IdToken).toEqual(expect.any(String));
    await expect(userAuth("alice", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "wrong" })).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });

  it("PASSWORD_SRP with SRP_A answers PASSWORD_VERIFIER", async () => {
    const srp = new SrpClient(CHOICE.split("_")[1]);
    const verifier = await userAuth("alice", { PREFERRED_CHALLENGE: "PASSWORD_SRP", SRP_A: srp.A });
    expect(verifier.ChallengeParameters).toMatchObject({ USER_ID_FOR_SRP: "alice", SALT: expect.any(String), SRP_B: expect.any(String) });
    const claim = await srp.claim("alice", PASSWORD, verifier.ChallengeParameters as never);
    expect((await respond(verifier, "PASSWORD_VERIFIER", { USERNAME: "alice", ...claim })).AuthenticationResult).toBeDefined();
  });

  it("EMAIL_OTP signs a passwordless user in with the emailed code", async () => {
    const emailed = await userAuth("pat", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    expect(emailed).toMatchObject({ ChallengeName: "EMAIL_OTP", ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: expect.stringContaining("@") } });
    const done = await respond(emailed, "EMAIL_OTP", { USERNAME: "pat", EMAIL_OTP_CODE: await sentCode("pat") });
    const user = await idp.send(new GetUserCommand({ AccessToken: done.AuthenticationResult!.AccessToken }));
    expect(user.Username).toBe("pat");
  });

  it("falls back to SELECT_CHALLENGE when the preferred factor is not available to the user", async () => {
    const started = await userAuth("nora", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    expect(started).toMatchObject({ ChallengeName: "SELECT_CHALLENGE", AvailableChallenges: ["PASSWORD", "PASSWORD_SRP"] });
    expect(await emu.messages({ username: "nora" })).toEqual([]);
  });

  it("asks for MFA after a password but not after a passwordless factor", async () => {
    expect((await userAuth("tina", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD })).ChallengeName).toBe("SOFTWARE_TOKEN_MFA");
    const emailed = await userAuth("tina", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    expect((await respond(emailed, "EMAIL_OTP", { USERNAME: "tina", EMAIL_OTP_CODE: await sentCode("tina") })).AuthenticationResult).toBeDefined();
  });

  it("works from a trusted server with AdminInitiateAuth and AdminRespondToAuthChallenge", async () => {
    const started = await idp.send(new AdminInitiateAuthCommand({ UserPoolId: CHOICE, ClientId: ADMIN, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "alice" } }));
    expect(started.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]);
    const done = await idp.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: CHOICE,
        ClientId: ADMIN,
        ChallengeName: "SELECT_CHALLENGE",
        Session: started.Session,
        ChallengeResponses: { USERNAME: "alice", ANSWER: "PASSWORD", PASSWORD },
      }),
    );
    expect(done.AuthenticationResult).toBeDefined();
  });
});

describe("GetUserAuthFactors", () => {
  it("tells the MFA settings and the first factors USER_AUTH offers the user", async () => {
    const alice = await idp.send(new GetUserAuthFactorsCommand({ AccessToken: await accessToken("alice") }));
    expect(alice).toMatchObject({ Username: "alice", ConfiguredUserAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP"] });
    expect(alice.UserMFASettingList).toBeUndefined();
    const done = await respond(await userAuth("tina", { PREFERRED_CHALLENGE: "EMAIL_OTP" }), "EMAIL_OTP", { USERNAME: "tina", EMAIL_OTP_CODE: await sentCode("tina") });
    const tina = await idp.send(new GetUserAuthFactorsCommand({ AccessToken: done.AuthenticationResult!.AccessToken }));
    expect(tina).toMatchObject({ Username: "tina", UserMFASettingList: ["SOFTWARE_TOKEN_MFA"], ConfiguredUserAuthFactors: ["PASSWORD", "EMAIL_OTP"] });
    await expect(idp.send(new GetUserAuthFactorsCommand({ AccessToken: "not-a-token" }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });
});

describe("passkeys", () => {
  it("registers a passkey from StartWebAuthnRegistration's options and lists it", async () => {
    const token = await accessToken("alice");
    const started = await idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
    expect(started.CredentialCreationOptions).toMatchObject({
      rp: { id: "localhost", name: "choice" },
      user: { id: expect.any(String), name: "alice", displayName: "alice" },
      challenge: expect.any(String),
      pubKeyCredParams: [
        { type: "public-key", alg: -7 },
        { type: "public-key", alg: -257 },
      ],
      excludeCredentials: [],
      authenticatorSelection: { userVerification: "preferred" },
      timeout: expect.any(Number),
    });
    const authenticator = new SoftwareAuthenticator({ attestation: "packed" });
    const Credential = authenticator.register(started.CredentialCreationOptions as unknown as CreationOptionsJson);
    await idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: Credential as never }));
    const listed = await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
    expect(listed.Credentials).toEqual([
      {
        CredentialId: authenticator.credentialId,
        FriendlyCredentialName: "Passkey",
        RelyingPartyId: "localhost",
        AuthenticatorAttachment: "platform",
        AuthenticatorTransports: ["internal"],
        CreatedAt: expect.any(Date),
      },
    ]);
    expect(listed.NextToken).toBeUndefined();
  });

  it("signs in with WEB_AUTHN, preferred or chosen, and then needs no MFA", async () => {
    // tina has an authenticator app for MFA; her emailed code signs her in without it.
    const emailed = await userAuth("tina", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    const signedIn = await respond(emailed, "EMAIL_OTP", { USERNAME: "tina", EMAIL_OTP_CODE: await sentCode("tina") });
    const authenticator = await registerPasskey(signedIn.AuthenticationResult!.AccessToken!, new SoftwareAuthenticator({ algorithm: "RS256" }));
    const preferred = await userAuth("tina", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    expect(preferred.ChallengeName).toBe("WEB_AUTHN");
    const options = requestOptions(preferred);
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "preferred", allowCredentials: [{ type: "public-key", id: authenticator.credentialId, transports: ["internal"] }] });
    const done = await respond(preferred, "WEB_AUTHN", { USERNAME: "tina", CREDENTIAL: JSON.stringify(authenticator.authenticate(options)) });
    expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));

    const offered = await userAuth("tina");
    expect(offered.AvailableChallenges).toEqual(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]);
    const chosen = await respond(offered, "SELECT_CHALLENGE", { USERNAME: "tina", ANSWER: "WEB_AUTHN" });
    expect((await respond(chosen, "WEB_AUTHN", { USERNAME: "tina", CREDENTIAL: JSON.stringify(authenticator.authenticate(requestOptions(chosen))) })).AuthenticationResult).toBeDefined();
    const factors = await idp.send(new GetUserAuthFactorsCommand({ AccessToken: done.AuthenticationResult!.AccessToken }));
    expect(factors.ConfiguredUserAuthFactors).toEqual(["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]);
  });

  it("refuses assertions that do not hold", async () => {
    const authenticator = await registerPasskey(await accessToken("alice"));
    const answer = async (overrides: CeremonyOverrides) => {
      const started = await userAuth("alice", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
      return respond(started, "WEB_AUTHN", { USERNAME: "alice", CREDENTIAL: JSON.stringify(authenticator.authenticate(requestOptions(started), overrides)) });
    };
    await expect(answer({ corruptSignature: true })).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(answer({ origin: "https://phishing.example" })).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(answer({ challenge: Buffer.from("replayed").toString("base64url") })).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(answer({ rpId: "phishing.example" })).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await answer({});
    await expect(answer({ signCount: authenticator.signCount })).rejects.toMatchObject({ name: "NotAuthorizedException" });
    const started = await userAuth("alice", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    await expect(respond(started, "WEB_AUTHN", { USERNAME: "alice" })).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("deletes a passkey, which then no longer signs in", async () => {
    const token = await accessToken("alice");
    const authenticator = await registerPasskey(token);
    await expect(idp.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: "unknown" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await idp.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: authenticator.credentialId }));
    expect((await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }))).Credentials).toEqual([]);
    const started = await userAuth("alice", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    expect(started.ChallengeName).toBe("SELECT_CHALLENGE");
  });

  it("pages ListWebAuthnCredentials with MaxResults and NextToken", async () => {
    const token = await accessToken("alice");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await registerPasskey(token)).credentialId);
      await emu.clock.advance(1);
    }
    const first = await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, MaxResults: 2 }));
    expect(first.Credentials!.map((c) => c.CredentialId)).toEqual(ids.slice(0, 2));
    const second = await idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Credentials!.map((c) => c.CredentialId)).toEqual(ids.slice(2));
    expect(second.NextToken).toBeUndefined();
    await expect(idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, MaxResults: 21 }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, NextToken: "garbage" }))).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("refuses registrations that do not answer the pending challenge, origin and relying party", async () => {
    const token = await accessToken("alice");
    const authenticator = new SoftwareAuthenticator();
    const unstarted = authenticator.register({ rp: { id: "localhost", name: "x" }, user: { id: "dQ", name: "alice", displayName: "alice" }, challenge: "AAAA", pubKeyCredParams: [{ type: "public-key", alg: -7 }] });
    await expect(idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: unstarted as never }))).rejects.toMatchObject({ name: "WebAuthnChallengeNotFoundException" });
    await expect(registerPasskey(token, new SoftwareAuthenticator({ origin: "https://localhost.evil.example" }))).rejects.toMatchObject({ name: "WebAuthnOriginNotAllowedException" });
    await expect(registerPasskey(token, new SoftwareAuthenticator(), { rpId: "evil.example" })).rejects.toMatchObject({ name: "WebAuthnRelyingPartyMismatchException" });
    await expect(registerPasskey(token, new SoftwareAuthenticator(), { challenge: "AAAA" })).rejects.toMatchObject({ name: "WebAuthnChallengeNotFoundException" });
    await idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
    await expect(idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: { id: "x" } as never }))).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("refuses a registration completed after its challenge expired, or with another client's token", async () => {
    const token = await accessToken("alice");
    const started = await idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
    const Credential = new SoftwareAuthenticator().register(started.CredentialCreationOptions as unknown as CreationOptionsJson);
    const adminSignIn = await idp.send(new AdminInitiateAuthCommand({ UserPoolId: CHOICE, ClientId: ADMIN, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD } }));
    const otherClientToken = adminSignIn.AuthenticationResult!.AccessToken!;
    await expect(idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: otherClientToken, Credential: Credential as never }))).rejects.toMatchObject({ name: "WebAuthnClientMismatchException" });
    await emu.clock.advance(600);
    const fresh = await accessToken("alice");
    await expect(idp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: fresh, Credential: Credential as never }))).rejects.toMatchObject({ name: "WebAuthnChallengeNotFoundException" });
  });

  it("are not enabled where the sign-in policy does not allow WEB_AUTHN", async () => {
    await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: PASSWORDS, MfaConfiguration: "OFF", WebAuthnConfiguration: { RelyingPartyId: "example.com", UserVerification: "required" } }));
    const token = await accessToken("alice", PASSWORDS_WEB);
    // The pool's sign-in policy does not allow passkeys yet.
    await expect(idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }))).rejects.toMatchObject({ name: "WebAuthnNotEnabledException" });
  });

  it("follow the pool's WebAuthnConfiguration: its relying party and required user verification", async () => {
    await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: CHOICE, MfaConfiguration: "OFF", WebAuthnConfiguration: { RelyingPartyId: "example.com", UserVerification: "required" } }));
    const token = await accessToken("alice");
    const started = await idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
    expect(started.CredentialCreationOptions).toMatchObject({ rp: { id: "example.com" }, authenticatorSelection: { userVerification: "required" } });
    await expect(registerPasskey(token, new SoftwareAuthenticator({ origin: "https://app.example.com", verifiesUser: false }))).rejects.toMatchObject({
      name: "WebAuthnCredentialNotSupportedException",
    });
    await expect(registerPasskey(token, new SoftwareAuthenticator({ origin: "http://localhost:3000" }))).rejects.toMatchObject({ name: "WebAuthnOriginNotAllowedException" });
    const authenticator = await registerPasskey(token, new SoftwareAuthenticator({ origin: "https://app.example.com" }));
    const signIn = await userAuth("alice", { PREFERRED_CHALLENGE: "WEB_AUTHN" });
    expect(requestOptions(signIn)).toMatchObject({ rpId: "example.com", userVerification: "required" });
    await expect(respond(signIn, "WEB_AUTHN", { USERNAME: "alice", CREDENTIAL: JSON.stringify(authenticator.authenticate(requestOptions(signIn), { userVerified: false })) })).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });
  });

  it("StartWebAuthnRegistration needs a valid access token", async () => {
    await expect(idp.send(new StartWebAuthnRegistrationCommand({ AccessToken: "not-a-token" }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(idp.send(new ListWebAuthnCredentialsCommand({ AccessToken: "not-a-token" }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });
});

describe("SetUserPoolMfaConfig with only WebAuthnConfiguration", () => {
  it("changes the passkey settings and leaves MFA as it was", async () => {
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: "passkeys-only", MfaConfiguration: "OPTIONAL" }));
    await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: UserPool!.Id, MfaConfiguration: "OPTIONAL", SoftwareTokenMfaConfiguration: { Enabled: true } }));
    const after = await idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: UserPool!.Id, WebAuthnConfiguration: { RelyingPartyId: "app.example.com", UserVerification: "required" } }));
    expect(after).toMatchObject({ MfaConfiguration: "OPTIONAL", SoftwareTokenMfaConfiguration: { Enabled: true }, WebAuthnConfiguration: { RelyingPartyId: "app.example.com", UserVerification: "required" } });
  });
});
