import { SoftwareAuthenticator, type CreationOptionsJson, type RequestOptionsJson } from "../../../../test/support/authenticator";
import { servicesTestbed } from "../../testing";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";
import { removeUser } from "../directory/users";
import type { AuthSession } from "./sessions";
import type { SignInState } from "./pipeline";
import {
  completeRegistration,
  deletePasskey,
  listPasskeys,
  MAX_PASSKEYS_PER_USER,
  originAllowed,
  startRegistration,
  userPasskeys,
  verifyAssertion,
  webAuthnChallenge,
} from "./webauthn";

const CLIENT = "webauthnclient00000000001";

function testbed(poolChanges: Partial<PoolRecord> = {}) {
  const { services } = servicesTestbed();
  const pool: PoolRecord = {
    Id: "us-east-1_Passkey01",
    Name: "passkeys",
    Region: "us-east-1",
    CreationDate: 0,
    LastModifiedDate: 0,
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
    ...poolChanges,
  };
  const client: ClientRecord = { UserPoolId: pool.Id, ClientId: CLIENT, ClientName: "web", CreationDate: 0, LastModifiedDate: 0 };
  const user: UserRecord = {
    UserPoolId: pool.Id,
    Username: "alice",
    Sub: "6f3c2b1a-0000-4000-8000-00000000000a",
    Attributes: {},
    Enabled: true,
    UserStatus: "CONFIRMED",
    UserCreateDate: 0,
    UserLastModifiedDate: 0,
    Groups: [],
  };
  services.tables.pools.put(pool.Id, pool);
  services.tables.users.put(services.tables.userKey(pool.Id, user.Username), user);
  const register = async (authenticator: SoftwareAuthenticator, overrides = {}) => {
    const options = startRegistration(services, pool, user, CLIENT) as unknown as CreationOptionsJson;
    return completeRegistration(services, pool, user, CLIENT, authenticator.register(options, overrides));
  };
  /** A WEB_AUTHN challenge and the session it would be answered in. */
  const signInChallenge = () => {
    const state: SignInState = { pool, client, user, method: "WEB_AUTHN" };
    const outcome = webAuthnChallenge(services, state);
    const session = services.store.table<AuthSession>("authSessions").get(outcome.Session!)!;
    const options = JSON.parse(outcome.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS) as RequestOptionsJson;
    return { state, session, options };
  };
  return { services, pool, user, register, signInChallenge };
}

describe("passkey registration", () => {
  it.each([
    ["none", "ES256"],
    ["packed", "ES256"],
    ["none", "RS256"],
    ["packed", "RS256"],
  ] as const)("verifies %s attestation of an %s key and keeps the passkey", async (attestation, algorithm) => {
    const bed = testbed();
    const authenticator = new SoftwareAuthenticator({ attestation, algorithm, transports: ["internal", "hybrid"] });
    const passkey = await bed.register(authenticator);
    expect(passkey).toMatchObject({ CredentialId: authenticator.credentialId, RelyingPartyId: "localhost", SignCount: 0, AuthenticatorTransports: ["internal", "hybrid"] });
    expect(userPasskeys(bed.services, bed.user)).toHaveLength(1);
  });

  it("offers ES256 and RS256 for the pool's relying party and excludes passkeys already registered", async () => {
    const bed = testbed({ WebAuthnConfiguration: { RelyingPartyId: "example.com", UserVerification: "required" } });
    const authenticator = new SoftwareAuthenticator({ origin: "https://app.example.com" });
    await bed.register(authenticator);
    const options = startRegistration(bed.services, bed.pool, bed.user, CLIENT) as unknown as CreationOptionsJson & Record<string, unknown>;
    expect(options.rp).toEqual({ id: "example.com", name: "passkeys" });
    expect(options.user).toEqual({ id: Buffer.from(bed.user.Sub).toString("base64url"), name: "alice", displayName: "alice" });
    expect(options.pubKeyCredParams).toEqual([
      { type: "public-key", alg: -7 },
      { type: "public-key", alg: -257 },
    ]);
    expect(options.excludeCredentials).toEqual([{ type: "public-key", id: authenticator.credentialId, transports: ["internal"] }]);
    expect(options.authenticatorSelection).toMatchObject({ userVerification: "required", residentKey: "required" });
  });

  it.each([
    ["another challenge", { challenge: "AAAA" }, "WebAuthnChallengeNotFoundException"],
    ["an origin outside the relying party", { origin: "https://evil.example" }, "WebAuthnOriginNotAllowedException"],
    ["another relying party's hash", { rpId: "evil.example" }, "WebAuthnRelyingPartyMismatchException"],
    ["no user presence", { userPresent: false }, "WebAuthnCredentialNotSupportedException"],
    ["an assertion's client data", { type: "webauthn.get" }, "InvalidParameterException"],
  ])("refuses %s", async (_what, overrides, error) => {
    const bed = testbed();
    await expect(bed.register(new SoftwareAuthenticator(), overrides)).rejects.toMatchObject({ name: error });
    expect(userPasskeys(bed.services, bed.user)).toHaveLength(0);
  });

  it("refuses a packed attestation whose signature does not hold", async () => {
    const bed = testbed();
    await expect(bed.register(new SoftwareAuthenticator({ attestation: "packed" }), { corruptSignature: true })).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("requires user verification when the pool does", async () => {
    const bed = testbed({ WebAuthnConfiguration: { UserVerification: "required" } });
    await expect(bed.register(new SoftwareAuthenticator({ verifiesUser: false }))).rejects.toMatchObject({ name: "WebAuthnCredentialNotSupportedException" });
    await expect(bed.register(new SoftwareAuthenticator())).resolves.toBeDefined();
  });

  it("takes each challenge once, from the client that started it, until it expires", async () => {
    const bed = testbed();
    const authenticator = new SoftwareAuthenticator();
    const options = startRegistration(bed.services, bed.pool, bed.user, CLIENT) as unknown as CreationOptionsJson;
    const response = authenticator.register(options);
    await expect(completeRegistration(bed.services, bed.pool, bed.user, "otherclient", response)).rejects.toMatchObject({ name: "WebAuthnClientMismatchException" });
    await completeRegistration(bed.services, bed.pool, bed.user, CLIENT, response);
    await expect(completeRegistration(bed.services, bed.pool, bed.user, CLIENT, response)).rejects.toMatchObject({ name: "WebAuthnChallengeNotFoundException" });
    const late = authenticator.register(startRegistration(bed.services, bed.pool, bed.user, CLIENT) as unknown as CreationOptionsJson);
    bed.services.clock.advance(301);
    await expect(completeRegistration(bed.services, bed.pool, bed.user, CLIENT, late)).rejects.toMatchObject({ name: "WebAuthnChallengeNotFoundException" });
  });

  it("refuses pools whose sign-in policy does not allow passkeys", () => {
    const bed = testbed({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] } } });
    expect(() => startRegistration(bed.services, bed.pool, bed.user, CLIENT)).toThrow(expect.objectContaining({ name: "WebAuthnNotEnabledException" }));
  });

  it(`stops at ${MAX_PASSKEYS_PER_USER} passkeys per user`, async () => {
    const bed = testbed();
    for (let i = 0; i < MAX_PASSKEYS_PER_USER; i++) await bed.register(new SoftwareAuthenticator());
    expect(() => startRegistration(bed.services, bed.pool, bed.user, CLIENT)).toThrow(expect.objectContaining({ name: "LimitExceededException" }));
  });
});

describe("listing and deleting passkeys", () => {
  it("pages oldest first and deletes only the user's own", async () => {
    const bed = testbed();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const authenticator = new SoftwareAuthenticator();
      await bed.register(authenticator);
      ids.push(authenticator.credentialId);
      bed.services.clock.advance(1);
    }
    const first = listPasskeys(bed.services, bed.user, 2, undefined);
    expect(first.Credentials.map((c) => c.CredentialId)).toEqual(ids.slice(0, 2));
    const second = listPasskeys(bed.services, bed.user, 2, first.NextToken);
    expect(second).toEqual({ Credentials: [expect.objectContaining({ CredentialId: ids[2], FriendlyCredentialName: "Passkey", AuthenticatorAttachment: "platform" })] });
    expect(() => deletePasskey(bed.services, bed.user, "nope")).toThrow(expect.objectContaining({ name: "ResourceNotFoundException" }));
    deletePasskey(bed.services, bed.user, ids[0]);
    expect(listPasskeys(bed.services, bed.user, undefined, undefined).Credentials).toHaveLength(2);
    removeUser(bed.services, bed.user);
    expect(userPasskeys(bed.services, bed.user)).toEqual([]);
  });
});

describe("passkey sign-in", () => {
  it("verifies the assertion and keeps the new signature count", async () => {
    const bed = testbed();
    const authenticator = new SoftwareAuthenticator({ algorithm: "RS256", attestation: "packed" });
    await bed.register(authenticator);
    const { state, session, options } = bed.signInChallenge();
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "preferred", allowCredentials: [{ type: "public-key", id: authenticator.credentialId }] });
    await verifyAssertion(bed.services, state, session, JSON.stringify(authenticator.authenticate(options)));
    expect(userPasskeys(bed.services, bed.user)[0].SignCount).toBe(1);
  });

  it.each([
    ["a forged signature", { corruptSignature: true }],
    ["a signature count that did not increase", { signCount: 1 }],
    ["another challenge", { challenge: "AAAA" }],
    ["a foreign origin", { origin: "https://evil.example" }],
    ["another relying party", { rpId: "evil.example" }],
    ["an unknown credential", { credentialId: "AAAA" }],
  ])("refuses %s", async (_what, overrides) => {
    const bed = testbed();
    const authenticator = new SoftwareAuthenticator();
    await bed.register(authenticator);
    const first = bed.signInChallenge();
    await verifyAssertion(bed.services, first.state, first.session, JSON.stringify(authenticator.authenticate(first.options)));
    const { state, session, options } = bed.signInChallenge();
    await expect(verifyAssertion(bed.services, state, session, JSON.stringify(authenticator.authenticate(options, overrides)))).rejects.toMatchObject({ name: "NotAuthorizedException" });
  });

  it("refuses a credential that is not JSON", async () => {
    const bed = testbed();
    await bed.register(new SoftwareAuthenticator());
    const { state, session } = bed.signInChallenge();
    await expect(verifyAssertion(bed.services, state, session, "{not json")).rejects.toMatchObject({ name: "InvalidParameterException" });
  });
});

describe("which origins a relying party accepts", () => {
  it.each([
    ["https://example.com", "example.com", true],
    ["https://app.example.com:8443", "example.com", true],
    ["http://example.com", "example.com", false],
    ["https://badexample.com", "example.com", false],
    ["http://localhost:3000", "localhost", true],
    ["https://localhost", "localhost", true],
    ["not a url", "localhost", false],
  ])("%s for %s: %s", (origin, rpId, allowed) => {
    expect(originAllowed(origin, rpId)).toBe(allowed);
  });
});
