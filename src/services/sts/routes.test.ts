import express from "express";
import request from "supertest";
import { identityTestbed } from "../identity-pools/testing";
import { signOutboundToken } from "./outbound-tokens";
import { stsRoutes } from "./routes";

describe("outbound token discovery", () => {
  it("serves the issuer's discovery document and the public keys of the algorithms used", async () => {
    const bed = identityTestbed();
    const app = express().use(stsRoutes(bed.services));
    const discovery = await request(app).get("/sts/123456789012/.well-known/openid-configuration");
    expect(discovery.body).toMatchObject({
      issuer: "http://127.0.0.1:9229/sts/123456789012",
      jwks_uri: "http://127.0.0.1:9229/sts/123456789012/.well-known/jwks.json",
      id_token_signing_alg_values_supported: ["RS256", "ES384"],
    });
    expect((await request(app).get("/sts/123456789012/.well-known/jwks.json")).body).toEqual({ keys: [] });

    await signOutboundToken(bed.services, "ES384", { sub: "x" });
    const { keys } = (await request(app).get("/sts/123456789012/.well-known/jwks.json")).body;
    expect(keys).toEqual([expect.objectContaining({ kty: "EC", crv: "P-384", alg: "ES384", use: "sig", kid: expect.any(String) })]);
    expect(keys[0].d).toBeUndefined();
  });
});
