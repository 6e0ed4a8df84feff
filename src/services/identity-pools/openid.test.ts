import { createPublicKey } from "node:crypto";
import jwt from "jsonwebtoken";
import { decodeJwt } from "../../tokens/testing";
import { checkOpenIdToken, issueOpenIdToken, OPENID_ISSUER, openIdJwks } from "./openid";
import { IDENTITY_POOL_ID, identityTestbed } from "./testing";

const IDENTITY_ID = "us-east-1:11111111-2222-4333-8444-555555555555";

describe("Cognito Identity OpenID tokens", () => {
  it("are RS512 JWTs with Cognito's header and claims, verifiable with the published JWKS", async () => {
    const { services, clock } = identityTestbed();
    const token = await issueOpenIdToken(services, { identityPoolId: IDENTITY_POOL_ID, identityId: IDENTITY_ID, amr: ["unauthenticated"], expiresInSeconds: 600 });
    const { header, payload } = decodeJwt(token);
    expect(header).toEqual({ kid: "us-east-1-1", typ: "JWS", alg: "RS512" });
    const now = clock.nowSeconds();
    expect(payload).toEqual({ sub: IDENTITY_ID, aud: IDENTITY_POOL_ID, amr: ["unauthenticated"], iss: OPENID_ISSUER, exp: now + 600, iat: now });

    const { keys } = await openIdJwks(services);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS512", use: "sig", kid: "us-east-1-1", e: "AQAB" });
    const publicKey = createPublicKey({ key: { ...keys[0] } as Record<string, string>, format: "jwk" });
    expect(jwt.verify(token, publicKey, { algorithms: ["RS512"], clockTimestamp: now, audience: IDENTITY_POOL_ID, issuer: OPENID_ISSUER })).toMatchObject({ sub: IDENTITY_ID });
  });

  it("carry principal tags as AWS session tags", async () => {
    const { services } = identityTestbed();
    const token = await issueOpenIdToken(services, { identityPoolId: IDENTITY_POOL_ID, identityId: IDENTITY_ID, amr: ["authenticated"], expiresInSeconds: 60, principalTags: { team: "blue" } });
    expect(decodeJwt(token).payload["https://aws.amazon.com/tags"]).toEqual({ principal_tags: { team: ["blue"] } });
  });

  it("keep one key per region", async () => {
    const { services } = identityTestbed();
    await issueOpenIdToken(services, { identityPoolId: "eu-west-1:11111111-2222-4333-8444-555555555555", identityId: IDENTITY_ID, amr: [], expiresInSeconds: 60 });
    await issueOpenIdToken(services, { identityPoolId: IDENTITY_POOL_ID, identityId: IDENTITY_ID, amr: [], expiresInSeconds: 60 });
    expect((await openIdJwks(services)).keys.map((k) => k.kid).sort()).toEqual(["eu-west-1-1", "us-east-1-1"]);
  });

  it("are checked for signature and expiry by the emulator's clock", async () => {
    const { services, clock } = identityTestbed();
    const token = await issueOpenIdToken(services, { identityPoolId: IDENTITY_POOL_ID, identityId: IDENTITY_ID, amr: ["unauthenticated"], expiresInSeconds: 600 });
    expect(checkOpenIdToken(services, token)).toMatchObject({ ok: true, claims: { sub: IDENTITY_ID } });
    const [h, p] = token.split(".");
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(token).payload, sub: "us-east-1:other" })).toString("base64url")}.${token.split(".")[2]}`;
    expect(checkOpenIdToken(services, tampered)).toEqual({ ok: false, reason: "invalid" });
    expect(checkOpenIdToken(services, `${h}.${p}`)).toEqual({ ok: false, reason: "invalid" });
    clock.advance(600);
    expect(checkOpenIdToken(services, token)).toMatchObject({ ok: false, reason: "expired" });
  });
});
