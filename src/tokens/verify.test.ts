import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CognitoJwtVerifier, JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import jwt from "jsonwebtoken";
import { ServiceError } from "../errors";
import { awsIssuer, CLIENT_ID, decodeJwt, emulatorIssuer, POOL_ID, tokenTestbed, USER_SUB } from "./testing";

function expectNotAuthorized(fn: () => unknown, message: string) {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ServiceError);
  expect(thrown).toMatchObject({ code: "NotAuthorizedException", message });
}

/**
 * Verifies with `jose` in a child Node process: jose ships only ES modules, which this jest setup
 * (CommonJS through swc) does not load from node_modules.
 */
function joseVerify(jwks: unknown, token: string, expected: { issuer: string; audience?: string }): Promise<Record<string, unknown>> {
  const script = `
    import { createLocalJWKSet, jwtVerify } from "jose";
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    const { jwks, token, expected } = JSON.parse(input);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ["RS256"], ...expected });
    process.stdout.write(JSON.stringify({ payload, protectedHeader }));
  `;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd() }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout)),
    );
    child.stdin!.end(JSON.stringify({ jwks, token, expected }));
  });
}

async function signIn(issuerFor = emulatorIssuer) {
  const bed = tokenTestbed({ issuerFor });
  const { pool, client, user, groups } = bed;
  const issued = await bed.tokens.issue({ pool, client, user, groups, withRefreshToken: true });
  return { ...bed, issued };
}

describe("third-party verifiers accept the tokens", () => {
  let server: Server;
  let jwksBody = "";
  let baseUrl = "";

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === `/${POOL_ID}/.well-known/jwks.json`) res.writeHead(200, { "content-type": "application/json" }).end(jwksBody);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test("jose: createLocalJWKSet + jwtVerify, both tokens", async () => {
    const { tokens, issued } = await signIn();
    const jwks = await tokens.jwks(POOL_ID);
    const id = await joseVerify(jwks, issued.IdToken, { issuer: emulatorIssuer(POOL_ID), audience: CLIENT_ID });
    expect(id.payload).toMatchObject({ sub: USER_SUB, token_use: "id" });
    expect(id.protectedHeader).toEqual({ alg: "RS256", kid: jwks.keys[0].kid });
    const access = await joseVerify(jwks, issued.AccessToken, { issuer: emulatorIssuer(POOL_ID) });
    expect(access.payload).toMatchObject({ sub: USER_SUB, token_use: "access", client_id: CLIENT_ID });
  });

  test("aws-jwt-verify: JwtRsaVerifier fetching the JWKS over http (emulator issuer)", async () => {
    const { tokens, issued } = await signIn((poolId) => `${baseUrl}/${poolId}`);
    jwksBody = JSON.stringify(await tokens.jwks(POOL_ID));
    // aws-jwt-verify's own fetcher speaks https only; the emulator serves http.
    const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
    const verifier = JwtRsaVerifier.create(
      { issuer: `${baseUrl}/${POOL_ID}`, jwksUri: `${baseUrl}/${POOL_ID}/.well-known/jwks.json`, audience: null },
      { jwksCache: new SimpleJwksCache({ fetcher }) },
    );
    expect(await verifier.verify(issued.IdToken, { audience: CLIENT_ID })).toMatchObject({ sub: USER_SUB, token_use: "id" });
    expect(await verifier.verify(issued.AccessToken)).toMatchObject({ sub: USER_SUB, token_use: "access" });
  });

  test("aws-jwt-verify: CognitoJwtVerifier with cached JWKS (aws issuer)", async () => {
    const { tokens, issued } = await signIn(awsIssuer);
    const jwks = await tokens.jwks(POOL_ID);
    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: "access", clientId: CLIENT_ID });
    accessVerifier.cacheJwks(jwks as unknown as Parameters<typeof accessVerifier.cacheJwks>[0]);
    const access = await accessVerifier.verify(issued.AccessToken);
    expect(access).toMatchObject({ iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`, username: "alice", "cognito:groups": ["admins", "editors", "readers"] });
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: "id", clientId: CLIENT_ID, groups: "admins" });
    idVerifier.cacheJwks(jwks as unknown as Parameters<typeof idVerifier.cacheJwks>[0]);
    expect(await idVerifier.verify(issued.IdToken)).toMatchObject({ "cognito:username": "alice", email_verified: true });
    await expect(accessVerifier.verify(issued.IdToken)).rejects.toThrow("Token use not allowed: id. Expected: access");
  });
});

describe("verifying the emulator's own tokens", () => {
  test("a good token gives its claims", async () => {
    const { tokens, issued } = await signIn();
    expect(tokens.verifyAccessToken(issued.AccessToken)).toMatchObject({ sub: USER_SUB, username: "alice", token_use: "access" });
    expect(tokens.verifyIdToken(issued.IdToken)).toMatchObject({ sub: USER_SUB, aud: CLIENT_ID, token_use: "id" });
  });

  test("expired by the emulator's clock", async () => {
    const { tokens, issued, clock } = await signIn();
    clock.advance(3599);
    expect(tokens.verifyAccessToken(issued.AccessToken).username).toBe("alice");
    clock.advance(1);
    expectNotAuthorized(() => tokens.verifyAccessToken(issued.AccessToken), "Access Token has expired");
    expectNotAuthorized(() => tokens.verifyIdToken(issued.IdToken), "Id Token has expired");
  });

  test("forged, tampered, swapped or foreign tokens are invalid", async () => {
    const { tokens, issued, pool, client, user, groups } = await signIn();
    const { header, payload } = decodeJwt(issued.AccessToken);
    const foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const forged = jwt.sign(payload, foreignKey, { algorithm: "RS256", header: { alg: "RS256", kid: header.kid as string } });
    const [h, , s] = issued.AccessToken.split(".");
    const tampered = [h, Buffer.from(JSON.stringify({ ...payload, username: "mallory" })).toString("base64url"), s].join(".");
    const unsigned = [Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url"), issued.AccessToken.split(".")[1], ""].join(".");
    const otherPool = tokenTestbed();
    const foreign = (await otherPool.tokens.issue({ pool, client, user, groups, withRefreshToken: false })).AccessToken;
    for (const token of [forged, tampered, unsigned, foreign, issued.IdToken, "", "a.b.c", "garbage"]) {
      expectNotAuthorized(() => tokens.verifyAccessToken(token), "Invalid Access Token");
    }
    expectNotAuthorized(() => tokens.verifyIdToken(issued.AccessToken), "Invalid Id Token");
  });

  test("a forged token is invalid even when expired", async () => {
    const { tokens, issued, clock } = await signIn();
    const [h, p] = issued.AccessToken.split(".");
    clock.advance(7200);
    expectNotAuthorized(() => tokens.verifyAccessToken(`${h}.${p}.${"A".repeat(342)}`), "Invalid Access Token");
  });

  test("revoked by jti, by origin_jti, or by the user's TokensValidAfter", async () => {
    const { tokens, tables, issued, user, clock, pool, client, groups } = await signIn();
    const access = decodeJwt(issued.AccessToken).payload;

    tokens.refreshTokens.revokeJti(access.jti as string, access.exp as number);
    expectNotAuthorized(() => tokens.verifyAccessToken(issued.AccessToken), "Access Token has been revoked");

    const second = await tokens.issue({ pool, client, user, groups, withRefreshToken: false });
    tables.revokedTokens.put(decodeJwt(second.AccessToken).payload.origin_jti as string, { ExpiresAt: clock.nowSeconds() + 3600 });
    expectNotAuthorized(() => tokens.verifyAccessToken(second.AccessToken), "Access Token has been revoked");
    expectNotAuthorized(() => tokens.verifyIdToken(second.IdToken), "Id Token has been revoked");
    expect(tokens.verifyIdToken(second.IdToken, { checkRevocation: false }).sub).toBe(USER_SUB);

    const third = await tokens.issue({ pool, client, user, groups, withRefreshToken: false });
    clock.advance(5);
    tables.users.put(tables.userKey(POOL_ID, "alice"), { ...user, TokensValidAfter: clock.nowSeconds() });
    expectNotAuthorized(() => tokens.verifyAccessToken(third.AccessToken), "Access Token has been revoked");
    const fresh = await tokens.issue({ pool, client, user, groups, withRefreshToken: false });
    expect(tokens.verifyAccessToken(fresh.AccessToken).username).toBe("alice");
  });

  test("checkToken reports the reason and the pool", async () => {
    const { tokens, issued, clock } = await signIn();
    expect(tokens.checkToken(issued.IdToken, "id")).toMatchObject({ ok: true, poolId: POOL_ID });
    clock.advance(3600);
    expect(tokens.checkToken(issued.IdToken, "id")).toMatchObject({ ok: false, reason: "expired", poolId: POOL_ID, claims: { sub: USER_SUB } });
    expect(tokens.checkToken("x", "id")).toEqual({ ok: false, reason: "invalid" });
  });

  test("tokens of a deleted pool or rotated keys are invalid", async () => {
    const { tokens, tables, issued } = await signIn();
    tokens.deleteKeys(POOL_ID);
    await tokens.ensureKeys(POOL_ID);
    expectNotAuthorized(() => tokens.verifyAccessToken(issued.AccessToken), "Invalid Access Token");
    const again = await signIn();
    again.tables.pools.delete(POOL_ID);
    expectNotAuthorized(() => again.tokens.verifyAccessToken(again.issued.AccessToken), "Invalid Access Token");
    expect(tables.pools.has(POOL_ID)).toBe(true);
  });
});
