import express from "express";
import request from "supertest";
import { tokenRoutes } from "./routes";
import { awsIssuer, POOL_ID, tokenTestbed } from "./testing";

function app() {
  const bed = tokenTestbed({ issuerFor: awsIssuer });
  const server = express().use(tokenRoutes(bed.tokens, bed.tables, awsIssuer));
  return { ...bed, server };
}

describe("well-known routes", () => {
  test("jwks.json: the pool's two public keys", async () => {
    const { server, tokens } = app();
    const res = await request(server).get(`/${POOL_ID}/.well-known/jwks.json`).expect(200).expect("content-type", /json/);
    expect(res.body).toEqual(await tokens.jwks(POOL_ID));
    expect(res.body.keys).toHaveLength(2);
    expect(JSON.stringify(res.body)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
  });

  test("openid-configuration: Cognito's document, with URLs on this server and the configured issuer", async () => {
    const { server } = app();
    const res = await request(server).get(`/${POOL_ID}/.well-known/openid-configuration`).set("host", "localhost:9229").expect(200);
    const base = "http://localhost:9229";
    expect(res.body).toEqual({
      authorization_endpoint: `${base}/oauth2/authorize`,
      end_session_endpoint: `${base}/logout`,
      id_token_signing_alg_values_supported: ["RS256"],
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`,
      jwks_uri: `${base}/${POOL_ID}/.well-known/jwks.json`,
      response_types_supported: ["code", "token"],
      revocation_endpoint: `${base}/oauth2/revoke`,
      scopes_supported: ["openid", "email", "phone", "profile"],
      subject_types_supported: ["public"],
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      userinfo_endpoint: `${base}/oauth2/userInfo`,
    });
  });

  test.each(["jwks.json", "openid-configuration"])("%s of an unknown pool: 404 naming it", async (document) => {
    const { server } = app();
    const res = await request(server).get(`/us-east-1_Missing00/.well-known/${document}`).expect(404);
    expect(res.body).toEqual({ message: "User pool us-east-1_Missing00 does not exist." });
  });
});
