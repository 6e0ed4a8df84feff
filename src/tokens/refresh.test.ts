import jose from "node-jose";
import { ServiceError } from "../errors";
import { refreshTokenId } from "./refresh";
import { CLIENT_ID, POOL_ID, tokenTestbed, USER_SUB } from "./testing";

function expectNotAuthorized(fn: () => unknown, message: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: "NotAuthorizedException", message, statusCode: 400 });
    return;
  }
  throw new Error(`expected NotAuthorizedException: ${message}`);
}

async function signIn(options: Parameters<typeof tokenTestbed>[0] = {}) {
  const bed = tokenTestbed(options);
  const { pool, client, user, groups } = bed;
  const issued = await bed.tokens.issue({ pool, client, user, groups, withRefreshToken: true, deviceKey: "us-east-1_device", scopes: ["openid"] });
  return { ...bed, issued, refreshToken: issued.RefreshToken! };
}

describe("refresh tokens", () => {
  test("look like Cognito's: a compact JWE with its exact header, that a JOSE library decrypts with the pool key", async () => {
    const { tokens, refreshToken } = await signIn();
    const parts = refreshToken.split(".");
    expect(parts).toHaveLength(5);
    expect(Buffer.from(parts[0], "base64url").toString()).toBe('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}');
    expect(Buffer.from(parts[1], "base64url")).toHaveLength(256);
    expect(refreshToken.length).toBeGreaterThan(1700);

    const privateJwk = tokens.exportKeys(POOL_ID)!.RefreshToken;
    const key = await jose.JWK.asKey(privateJwk as object, "json");
    const decrypted = await jose.JWE.createDecrypt(key).decrypt(refreshToken);
    expect(decrypted.header).toEqual({ cty: "JWT", enc: "A256GCM", alg: "RSA-OAEP" });
    expect(decrypted.plaintext.length).toBe(1000);
  });

  test("are each their own JWE, every one decrypting with the pool key, across content keys", async () => {
    const bed = await signIn();
    const key = await jose.JWK.asKey(bed.tokens.exportKeys(POOL_ID)!.RefreshToken as object, "json");
    const { pool, client, user, groups } = bed;
    const minted: string[] = [];
    // More than one content key's worth (256 tokens each).
    for (let i = 0; i < 300; i++) minted.push((await bed.tokens.issue({ pool, client, user, groups, withRefreshToken: true })).RefreshToken!);
    expect(new Set(minted).size).toBe(300);
    expect(new Set(minted.map((token) => token.split(".")[2])).size).toBe(300);
    expect(new Set(minted.map((token) => token.split(".")[1])).size).toBeGreaterThan(1);
    for (const token of [minted[0], minted[255], minted[256], minted[299]]) {
      expect((await jose.JWE.createDecrypt(key).decrypt(token)).plaintext.length).toBe(1000);
      expect(bed.tokens.lookupRefreshToken(token).Sub).toBe(USER_SUB);
    }
  });

  test("are stored by their SHA-256 with the sign-in's session", async () => {
    const { tables, tokens, issued, refreshToken, clock } = await signIn();
    const record = tables.refreshTokens.get(refreshTokenId(refreshToken))!;
    expect(refreshTokenId(refreshToken)).toMatch(/^[0-9a-f]{64}$/);
    const now = clock.nowSeconds();
    const originJti = JSON.parse(Buffer.from(issued.AccessToken.split(".")[1], "base64url").toString()).origin_jti;
    expect(record).toEqual({
      UserPoolId: POOL_ID,
      ClientId: CLIENT_ID,
      Username: "alice",
      Sub: USER_SUB,
      OriginJti: originJti,
      AuthTime: expect.any(Number),
      IssuedAt: expect.any(Number),
      ExpiresAt: record.IssuedAt + 30 * 86400,
      DeviceKey: "us-east-1_device",
      Scopes: ["openid"],
    });
    expect(Math.abs(record.IssuedAt - now)).toBeLessThanOrEqual(1);
    expect(tokens.lookupRefreshToken(refreshToken)).toBe(record);
    expect(JSON.stringify([...tables.refreshTokens.entries()])).not.toContain(refreshToken);
  });

  test("unknown and expired tokens are invalid", async () => {
    const { tokens, refreshToken, clock } = await signIn({ client: { RefreshTokenValidity: 60, TokenValidityUnits: { RefreshToken: "minutes" } } });
    expectNotAuthorized(() => tokens.lookupRefreshToken("not-a-token"), "Invalid Refresh Token.");
    clock.advance(3599);
    expect(tokens.lookupRefreshToken(refreshToken).Username).toBe("alice");
    clock.advance(1);
    expectNotAuthorized(() => tokens.lookupRefreshToken(refreshToken), "Invalid Refresh Token.");
  });

  test("revoking one token revokes it and every token of its sign-in, and no other session", async () => {
    const { tokens, tables, refreshToken, issued, pool, client, user, groups } = await signIn();
    const other = await tokens.issue({ pool, client, user, groups, withRefreshToken: true });
    const revoked = tokens.revokeRefreshToken(refreshToken)!;
    expect(revoked.Username).toBe("alice");
    expectNotAuthorized(() => tokens.lookupRefreshToken(refreshToken), "Refresh Token has been revoked");
    expectNotAuthorized(() => tokens.verifyAccessToken(issued.AccessToken), "Access Token has been revoked");
    expect(tables.revokedTokens.get(revoked.OriginJti)!.ExpiresAt).toBe(revoked.ExpiresAt + 86400);
    expect(tokens.lookupRefreshToken(other.RefreshToken!).Username).toBe("alice");
    expect(tokens.verifyAccessToken(other.AccessToken).username).toBe("alice");
    expect(tokens.revokeRefreshToken(refreshToken)).toBeUndefined();
    expect(tokens.revokeRefreshToken("unknown")).toBeUndefined();
  });

  test("a token minted later from a revoked sign-in dies with it", async () => {
    const { tokens, refreshToken, pool, client, user, groups } = await signIn();
    const session = tokens.lookupRefreshToken(refreshToken);
    const refreshed = await tokens.issue({ pool, client, user, groups, withRefreshToken: false, originJti: session.OriginJti, authTime: session.AuthTime });
    tokens.revokeRefreshToken(refreshToken);
    expectNotAuthorized(() => tokens.verifyAccessToken(refreshed.AccessToken), "Access Token has been revoked");
  });

  test("revoking all of a user's tokens (global sign-out) ends every session, even in the same second", async () => {
    const { tokens, refreshToken, issued, pool, client, user, groups } = await signIn();
    const second = await tokens.issue({ pool, client, user, groups, withRefreshToken: true });
    expect(tokens.revokeUserTokens(POOL_ID, USER_SUB)).toBe(2);
    for (const token of [refreshToken, second.RefreshToken!]) expectNotAuthorized(() => tokens.lookupRefreshToken(token), "Refresh Token has been revoked");
    for (const token of [issued.AccessToken, second.AccessToken]) expectNotAuthorized(() => tokens.verifyAccessToken(token), "Access Token has been revoked");
    const after = await tokens.issue({ pool, client, user, groups, withRefreshToken: true });
    expect(tokens.lookupRefreshToken(after.RefreshToken!).Username).toBe("alice");
    expect(tokens.verifyAccessToken(after.AccessToken).username).toBe("alice");
  });

  test("tokens issued before the user's TokensValidAfter are revoked", async () => {
    const { tokens, tables, refreshToken, clock, user } = await signIn();
    clock.advance(10);
    tables.users.put(tables.userKey(POOL_ID, "alice"), { ...user, TokensValidAfter: clock.nowSeconds() });
    expectNotAuthorized(() => tokens.lookupRefreshToken(refreshToken), "Refresh Token has been revoked");
  });

  test("sweeping drops expired sessions and revocations only", async () => {
    const { tokens, tables, refreshToken, clock, pool, client, user, groups } = await signIn();
    tokens.revokeRefreshToken(refreshToken);
    const live = await tokens.issue({ pool, client, user, groups, withRefreshToken: true });
    expect(tokens.sweepExpired()).toEqual({ refreshTokens: 0, revocations: 0 });
    clock.advance(30 * 86400);
    expect(tokens.sweepExpired()).toEqual({ refreshTokens: 1, revocations: 1 }); // the live session and the revoked token's hash
    expect(tables.refreshTokens.size).toBe(0);
    expectNotAuthorized(() => tokens.lookupRefreshToken(live.RefreshToken!), "Invalid Refresh Token.");
    clock.advance(86400);
    expect(tokens.sweepExpired()).toEqual({ refreshTokens: 0, revocations: 1 }); // the origin_jti, a day later
    expect(tables.revokedTokens.size).toBe(0);
  });
});
