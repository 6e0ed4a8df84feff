import express from "express";
import request from "supertest";
import { issueOpenIdToken } from "./openid";
import { identityPoolRoutes } from "./routes";
import { IDENTITY_POOL_ID, identityTestbed } from "./testing";

describe("identity pool routes", () => {
  it("publish the OpenID token keys at /.well-known/jwks_uri, with a discovery document pointing there", async () => {
    const { services } = identityTestbed();
    const app = express().use(identityPoolRoutes(services));
    await issueOpenIdToken(services, { identityPoolId: IDENTITY_POOL_ID, identityId: "us-east-1:11111111-2222-4333-8444-555555555555", amr: [], expiresInSeconds: 60 });

    const jwks = await request(app).get("/.well-known/jwks_uri").expect(200);
    expect(jwks.body.keys).toEqual([{ kty: "RSA", alg: "RS512", use: "sig", kid: "us-east-1-1", n: expect.any(String), e: "AQAB" }]);

    const discovery = await request(app).get("/.well-known/openid-configuration").expect(200);
    expect(discovery.body).toMatchObject({ issuer: "https://cognito-identity.amazonaws.com", id_token_signing_alg_values_supported: ["RS512"] });
    expect(discovery.body.jwks_uri).toMatch(/\/\.well-known\/jwks_uri$/);
  });

  it("make a key for the default region before any token exists", async () => {
    const { services } = identityTestbed();
    const jwks = await request(express().use(identityPoolRoutes(services))).get("/.well-known/jwks_uri").expect(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(["us-east-1-1"]);
  });
});
