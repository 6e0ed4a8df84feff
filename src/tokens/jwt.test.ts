import { createHash } from "node:crypto";
import type { GroupRecord } from "../services/user-pools/directory/records";
import { atHash, groupClaims, tokenValidity } from "./jwt";
import { CLIENT_ID, decodeJwt, POOL_ID, StoppedClock, tokenTestbed, USER_SUB } from "./testing";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = 1_700_000_000;
const ISSUER = `http://127.0.0.1:9229/${POOL_ID}`;

describe("minted tokens", () => {
  test("ID token: Cognito's header and claims, exactly", async () => {
    const { tokens, pool, client, user, groups } = tokenTestbed({ clock: new StoppedClock() });
    const issued = await tokens.issue({ pool, client, user, groups, withRefreshToken: true });
    const { header, payload } = decodeJwt(issued.IdToken);
    const kids = (await tokens.jwks(POOL_ID)).keys.map((k) => k.kid);
    expect(header).toEqual({ alg: "RS256", kid: kids[0] });
    expect(payload).toEqual({
      sub: USER_SUB,
      "cognito:groups": ["admins", "editors", "readers"],
      "cognito:roles": ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Editor"],
      "cognito:preferred_role": "arn:aws:iam::123456789012:role/Admin",
      email_verified: true,
      phone_number_verified: false,
      iss: ISSUER,
      "cognito:username": "alice",
      origin_jti: expect.stringMatching(UUID),
      aud: CLIENT_ID,
      event_id: expect.stringMatching(UUID),
      token_use: "id",
      auth_time: NOW,
      exp: NOW + 3600,
      iat: NOW,
      jti: expect.stringMatching(UUID),
      email: "alice@example.com",
      phone_number: "+15555550100",
      name: "Alice",
      "custom:tier": "gold",
    });
  });

  test("access token: Cognito's header and claims, exactly; both tokens share origin_jti and event_id", async () => {
    const { tokens, pool, client, user, groups } = tokenTestbed({ clock: new StoppedClock() });
    const issued = await tokens.issue({ pool, client, user, groups, withRefreshToken: false });
    const { header, payload } = decodeJwt(issued.AccessToken);
    const kids = (await tokens.jwks(POOL_ID)).keys.map((k) => k.kid);
    expect(header).toEqual({ alg: "RS256", kid: kids[1] });
    expect(payload).toEqual({
      sub: USER_SUB,
      "cognito:groups": ["admins", "editors", "readers"],
      iss: ISSUER,
      client_id: CLIENT_ID,
      origin_jti: expect.stringMatching(UUID),
      event_id: expect.stringMatching(UUID),
      token_use: "access",
      scope: "aws.cognito.signin.user.admin",
      auth_time: NOW,
      exp: NOW + 3600,
      iat: NOW,
      jti: expect.stringMatching(UUID),
      username: "alice",
    });
    const id = decodeJwt(issued.IdToken).payload;
    expect(payload.origin_jti).toBe(id.origin_jti);
    expect(payload.event_id).toBe(id.event_id);
    expect(payload.jti).not.toBe(id.jti);
    expect(issued).toEqual({ IdToken: expect.any(String), AccessToken: expect.any(String), ExpiresIn: 3600, TokenType: "Bearer" });
  });

  test("a user without groups gets no group claims; identities is a JSON array; dev: attributes stay out", async () => {
    const { tokens, pool, client, user } = tokenTestbed({ clock: new StoppedClock() });
    const identities = [{ userId: "123", providerName: "Google", providerType: "Google", issuer: null, primary: "true", dateCreated: "1700000000000" }];
    const federated = { ...user, Groups: [], Attributes: { identities: JSON.stringify(identities), "dev:custom:secret": "x", email: "a@b.c" } };
    const issued = await tokens.issue({ pool, client, user: federated, groups: [], withRefreshToken: false });
    const id = decodeJwt(issued.IdToken).payload;
    const access = decodeJwt(issued.AccessToken).payload;
    for (const claim of ["cognito:groups", "cognito:roles", "cognito:preferred_role", "email_verified", "dev:custom:secret"]) expect(id).not.toHaveProperty(claim);
    expect(access).not.toHaveProperty("cognito:groups");
    expect(id.identities).toEqual(identities);
  });

  test("OAuth extras: scopes, device_key, version 2, nonce and at_hash; a refresh keeps auth_time and origin_jti", async () => {
    const { tokens, pool, client, user, groups } = tokenTestbed({ clock: new StoppedClock() });
    const issued = await tokens.issue({
      pool, client, user, groups,
      withRefreshToken: false,
      authTime: NOW - 600,
      originJti: "11111111-1111-4111-8111-111111111111",
      scopes: ["openid", "email", "api/read"],
      deviceKey: "us-east-1_0f1e2d3c-aaaa-bbbb-cccc-ddddeeeeffff",
      accessTokenVersion: 2,
      nonce: "n-0S6_WzA2Mj",
      includeAtHash: true,
    });
    const access = decodeJwt(issued.AccessToken).payload;
    const id = decodeJwt(issued.IdToken).payload;
    expect(access).toMatchObject({ scope: "openid email api/read", device_key: "us-east-1_0f1e2d3c-aaaa-bbbb-cccc-ddddeeeeffff", version: 2, auth_time: NOW - 600 });
    expect(access.origin_jti).toBe("11111111-1111-4111-8111-111111111111");
    expect(id).toMatchObject({ nonce: "n-0S6_WzA2Mj", auth_time: NOW - 600, origin_jti: "11111111-1111-4111-8111-111111111111" });
    const digest = createHash("sha256").update(issued.AccessToken).digest();
    expect(id.at_hash).toBe(digest.subarray(0, 16).toString("base64url"));
    expect(id.at_hash).toBe(atHash(issued.AccessToken));
  });

  test("extra claims add, replace and remove, but never touch identity or time claims", async () => {
    const { tokens, pool, client, user, groups } = tokenTestbed({ clock: new StoppedClock() });
    const issued = await tokens.issue({
      pool, client, user, groups, withRefreshToken: false,
      extraIdClaims: { tenant: "acme", name: "Alice A.", email: undefined, sub: "forged", exp: 1 },
      extraAccessClaims: { scope: "custom/scope", iss: "https://evil" },
    });
    const id = decodeJwt(issued.IdToken).payload;
    const access = decodeJwt(issued.AccessToken).payload;
    expect(id).toMatchObject({ tenant: "acme", name: "Alice A.", sub: USER_SUB, exp: NOW + 3600 });
    expect(id).not.toHaveProperty("email");
    expect(access).toMatchObject({ scope: "custom/scope", iss: ISSUER });
  });

  test("a client's ReadAttributes limit the ID token's attributes", async () => {
    const { tokens, pool, client, user, groups } = tokenTestbed({ client: { ReadAttributes: ["email", "email_verified"] } });
    const id = decodeJwt((await tokens.issue({ pool, client, user, groups, withRefreshToken: false })).IdToken).payload;
    expect(id).toMatchObject({ email: "alice@example.com", email_verified: true, "cognito:username": "alice" });
    for (const claim of ["name", "custom:tier", "phone_number", "phone_number_verified"]) expect(id).not.toHaveProperty(claim);
  });
});

describe("token validity", () => {
  test("Cognito's defaults: 1 hour, 1 hour, 30 days", () => {
    expect(tokenValidity({})).toEqual({ accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 30 * 86400 });
  });

  test.each([
    ["seconds", 900, 900],
    ["minutes", 5, 300],
    ["hours", 2, 7200],
    ["days", 1, 86400],
  ] as const)("unit %s", (unit, value, seconds) => {
    const validity = tokenValidity({
      AccessTokenValidity: value,
      IdTokenValidity: value,
      RefreshTokenValidity: value,
      TokenValidityUnits: { AccessToken: unit, IdToken: unit, RefreshToken: unit },
    });
    expect(validity).toEqual({ accessSeconds: seconds, idSeconds: seconds, refreshSeconds: seconds });
  });

  test("without units a validity is in hours (access, ID) or days (refresh)", () => {
    expect(tokenValidity({ AccessTokenValidity: 2, IdTokenValidity: 3, RefreshTokenValidity: 4 })).toEqual({ accessSeconds: 7200, idSeconds: 10800, refreshSeconds: 4 * 86400 });
  });

  test("exp and ExpiresIn follow the client's settings", async () => {
    const { tokens, pool, client, user, groups } = tokenTestbed({
      clock: new StoppedClock(),
      client: { AccessTokenValidity: 5, IdTokenValidity: 10, TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes" } },
    });
    const issued = await tokens.issue({ pool, client, user, groups, withRefreshToken: true });
    expect(issued.ExpiresIn).toBe(300);
    expect(decodeJwt(issued.AccessToken).payload.exp).toBe(NOW + 300);
    expect(decodeJwt(issued.IdToken).payload.exp).toBe(NOW + 600);
    expect(tokens.lookupRefreshToken(issued.RefreshToken!).ExpiresAt).toBe(NOW + 30 * 86400);
  });
});

describe("group claims", () => {
  const group = (GroupName: string, Precedence?: number, RoleArn?: string): GroupRecord => ({ UserPoolId: POOL_ID, GroupName, Precedence, RoleArn, CreationDate: 0, LastModifiedDate: 0 });
  const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

  test("ordered by precedence, groups without precedence last", () => {
    expect(groupClaims([group("c"), group("b", 10), group("a", 2)]).groups).toEqual(["a", "b", "c"]);
  });

  test("the preferred role belongs to the lowest-precedence group that has one", () => {
    const claims = groupClaims([group("none", 0), group("low", 3, role("Low")), group("high", 1, role("High"))]);
    expect(claims).toEqual({ groups: ["none", "high", "low"], roles: [role("High"), role("Low")], preferredRole: role("High") });
  });

  test("a precedence tie between different roles sets no preferred role; the same role is fine", () => {
    expect(groupClaims([group("a", 1, role("A")), group("b", 1, role("B"))]).preferredRole).toBeUndefined();
    expect(groupClaims([group("a", 1, role("A")), group("b", 1, role("A"))])).toEqual({ groups: ["a", "b"], roles: [role("A")], preferredRole: role("A") });
  });
});
