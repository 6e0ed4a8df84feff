import { ServiceError } from "../errors";
import { TokenService } from "./service";
import type { PreTokenGenerationRequest, TokenCustomization, TokenSubjects } from "./subjects";
import { decodeJwt, emulatorIssuer, POOL_ID, StoppedClock, tokenTestbed } from "./testing";

type Bed = ReturnType<typeof tokenTestbed>;
type Records = Bed["tokens"] extends TokenService<infer R> ? R : never;

/** The testbed's pool, with a pre token generation trigger that records what it is told and answers `customization`. */
function withTrigger(options: Parameters<typeof tokenTestbed>[0] = {}, customization: TokenCustomization = {}) {
  const bed = tokenTestbed({ clock: new StoppedClock(), ...options });
  const told: PreTokenGenerationRequest<Records>[] = [];
  const { tables } = bed;
  const subjects: TokenSubjects<Records> = {
    hasPool: (poolId) => tables.pools.has(poolId),
    userBySub: (poolId, sub) => tables.userBySub(poolId, sub),
    groupsOf: (user) => user.Groups.flatMap((name) => tables.groups.get(tables.groupKey(POOL_ID, name)) ?? []),
    preTokenGeneration: async (request) => {
      told.push(request);
      return customization;
    },
  };
  const tokens = new TokenService(bed.store, bed.clock, tables, emulatorIssuer, subjects);
  return { ...bed, tokens, told };
}

const claimsOf = (token: string) => decodeJwt(token).payload;

describe("mintUserTokens", () => {
  test("tells the pre token generation trigger the user's groups, then signs what it changed", async () => {
    const { tokens, pool, client, user, told } = withTrigger({}, { extraIdClaims: { "custom:plan": "pro" }, scopes: ["orders/read"], accessTokenVersion: 2 });
    const issued = await tokens.mintUserTokens({ pool, client, user, source: "Authentication", clientMetadata: { app: "web" }, withRefreshToken: true });

    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ source: "Authentication", clientMetadata: { app: "web" }, scopes: undefined });
    expect(told[0].groups.map((g) => g.GroupName)).toEqual(["readers", "admins", "editors"]);
    expect(claimsOf(issued.IdToken)).toMatchObject({ "custom:plan": "pro", "cognito:groups": ["admins", "editors", "readers"] });
    expect(claimsOf(issued.AccessToken)).toMatchObject({ scope: "orders/read", version: 2 });
    expect(issued.RefreshToken).toBeDefined();
  });

  test("an OAuth grant's access token says version 2 and its ID token carries at_hash and the nonce, whatever the trigger", async () => {
    const { tokens, pool, client, user, told } = withTrigger();
    const issued = await tokens.mintUserTokens({ pool, client, user, source: "HostedAuth", scopes: ["openid", "email"], oauth: true, nonce: "n-1", authTime: 1_699_999_000, withRefreshToken: false });

    expect(told[0]).toMatchObject({ source: "HostedAuth", scopes: ["openid", "email"] });
    expect(claimsOf(issued.AccessToken)).toMatchObject({ scope: "openid email", version: 2, auth_time: 1_699_999_000 });
    expect(claimsOf(issued.IdToken)).toMatchObject({ nonce: "n-1", at_hash: expect.any(String), auth_time: 1_699_999_000 });
    expect(issued.RefreshToken).toBeUndefined();
  });
});

describe("refreshUserTokens", () => {
  async function signedIn(gracePeriod?: number) {
    const rotation = gracePeriod === undefined ? {} : { RefreshTokenRotation: { Feature: "ENABLED" as const, RetryGracePeriodSeconds: gracePeriod } };
    const bed = withTrigger({ client: rotation });
    const { tokens, pool, client, user } = bed;
    const first = await tokens.mintUserTokens({ pool, client, user, source: "Authentication", deviceKey: "us-east-1_device", withRefreshToken: true });
    bed.clock.advance(600);
    return { ...bed, first, token: first.RefreshToken!, session: tokens.lookupRefreshToken(first.RefreshToken!) };
  }

  const invalid = (fn: () => unknown) => {
    expect(fn).toThrow(ServiceError);
    expect(fn).toThrow("Invalid Refresh Token.");
  };

  test("continues the sign-in under TokenGeneration_RefreshTokens, with no new refresh token unless rotating", async () => {
    const { tokens, pool, client, user, first, token, session, told } = await signedIn();
    const refreshed = await tokens.refreshUserTokens(token, session, { pool, client, user, clientMetadata: { why: "expiry" }, scopes: session.Scopes, rotate: false });

    expect(told.at(-1)).toMatchObject({ source: "RefreshTokens", clientMetadata: { why: "expiry" } });
    const before = claimsOf(first.AccessToken);
    expect(claimsOf(refreshed.AccessToken)).toMatchObject({ origin_jti: before.origin_jti, auth_time: before.auth_time, device_key: "us-east-1_device" });
    expect(claimsOf(refreshed.AccessToken).iat).toBe((before.iat as number) + 600);
    expect(refreshed.RefreshToken).toBeUndefined();
    expect(tokens.lookupRefreshToken(token)).toBe(session);
  });

  test("with rotation, a new refresh token replaces the old one, which works for the client's grace period only", async () => {
    const { tokens, pool, client, user, token, session, clock } = await signedIn(30);
    const rotated = await tokens.refreshUserTokens(token, session, { pool, client, user, scopes: session.Scopes, rotate: true });

    expect(rotated.RefreshToken).toBeDefined();
    expect(tokens.lookupRefreshToken(rotated.RefreshToken!).OriginJti).toBe(session.OriginJti);
    expect(tokens.lookupRefreshToken(token).OriginJti).toBe(session.OriginJti);
    clock.advance(30);
    invalid(() => tokens.lookupRefreshToken(token));
    expect(tokens.lookupRefreshToken(rotated.RefreshToken!).OriginJti).toBe(session.OriginJti);
  });

  test("with rotation and no grace period, the old refresh token dies at once", async () => {
    const { tokens, pool, client, user, token, session } = await signedIn(0);
    await tokens.refreshUserTokens(token, session, { pool, client, user, scopes: session.Scopes, rotate: true });
    invalid(() => tokens.lookupRefreshToken(token));
  });
});

describe("overrides (tokens minted without a sign-in)", () => {
  test("a lifetime stands for both tokens; 0 or less backdates them so they expired that long ago", async () => {
    const { tokens, pool, client, user, clock } = withTrigger();
    const now = clock.nowSeconds();
    const brief = await tokens.mintUserTokens({ pool, client, user, source: "Authentication", withRefreshToken: false, overrides: { expiresInSeconds: 90 } });
    expect(brief.ExpiresIn).toBe(90);
    for (const token of [brief.IdToken, brief.AccessToken]) expect(claimsOf(token)).toMatchObject({ iat: now, auth_time: now, exp: now + 90 });

    const expired = await tokens.mintUserTokens({ pool, client, user, source: "Authentication", withRefreshToken: true, overrides: { expiresInSeconds: -60 } });
    for (const token of [expired.IdToken, expired.AccessToken]) expect(claimsOf(token)).toMatchObject({ iat: now - 60 - 3600, exp: now - 60 });
    expect(tokens.checkToken(expired.AccessToken, "access")).toMatchObject({ ok: false, reason: "expired" });
    // The session is minted now and lasts the client's refresh validity.
    expect(tokens.lookupRefreshToken(expired.RefreshToken!)).toMatchObject({ IssuedAt: now, ExpiresAt: now + 30 * 86400 });
  });

  test("override claims are set last, protected ones included, and null removes a claim", async () => {
    const { tokens, pool, client, user } = withTrigger({}, { extraIdClaims: { "custom:plan": "trigger" } });
    const issued = await tokens.mintUserTokens({
      pool,
      client,
      user,
      source: "Authentication",
      withRefreshToken: false,
      overrides: { idClaims: { "custom:plan": "override", aud: "someoneelse", email: null }, accessClaims: { username: "renamed" } },
    });
    const id = claimsOf(issued.IdToken);
    expect(id).toMatchObject({ "custom:plan": "override", aud: "someoneelse" });
    expect(id).not.toHaveProperty("email");
    expect(claimsOf(issued.AccessToken)).toMatchObject({ username: "renamed" });
  });

  test("the last tokens handed out are kept, newest first, per user and client, up to a bound", async () => {
    const { tokens, pool, client, user } = withTrigger();
    const first = await tokens.mintUserTokens({ pool, client, user, source: "Authentication", withRefreshToken: false });
    const machine = await tokens.mintClientToken(pool, client, ["api/read"]);
    const second = await tokens.mintUserTokens({ pool, client, user, source: "Authentication", withRefreshToken: false, overrides: {} });
    expect(tokens.recent.find(pool.Id, { sub: user.Sub }).map((r) => [r.AccessToken, r.source])).toEqual([
      [second.AccessToken, "Minted"],
      [first.AccessToken, "Authentication"],
    ]);
    expect(tokens.recent.find(pool.Id, { sub: client.ClientId })).toMatchObject([{ AccessToken: machine.AccessToken, source: "ClientCredentials" }]);
    for (let i = 0; i < 250; i++) tokens.recent.add({ ...tokens.recent.find(pool.Id, {})[0], AccessToken: String(i) });
    expect(tokens.recent.find(pool.Id, {})).toHaveLength(200);
  });
});
