import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";
import { MESSAGES, verifyLogins } from "./logins";
import { errorOf, identityTestbed } from "./testing";

const SAML_ARN = "arn:aws:iam::123456789012:saml-provider/Corp";
const ROLE = "arn:aws:iam::123456789012:role/Saml";

function samlResponse(nameId: string, notOnOrAfter: string, attributes: Record<string, string[]>): string {
  const attrs = Object.entries(attributes)
    .map(([name, values]) => `<saml2:Attribute Name="${name}">${values.map((v) => `<saml2:AttributeValue>${v}</saml2:AttributeValue>`).join("")}</saml2:Attribute>`)
    .join("");
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">` +
    `<saml2:Issuer>https://idp.example.com</saml2:Issuer><saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${nameId}</saml2:NameID></saml2:Subject>` +
    `<saml2:Conditions NotBefore="2000-01-01T00:00:00Z" NotOnOrAfter="${notOnOrAfter}"/><saml2:AttributeStatement>${attrs}</saml2:AttributeStatement></saml2:Assertion></samlp:Response>`;
  return Buffer.from(xml).toString("base64");
}

describe("OpenID Connect provider logins", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  let server: Server;
  let issuer: string;
  let provider: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/.well-known/openid-configuration") res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === "/jwks") res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: "jwk" }), kid: "k1", use: "sig", alg: "RS256" }] }));
      else res.writeHead(404).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    provider = issuer.replace("http://", "");
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const setup = () => {
    const bed = identityTestbed();
    const pool = bed.putPool({ OpenIdConnectProviderARNs: [`arn:aws:iam::123456789012:oidc-provider/${provider}`] });
    const sign = (claims: object, key = privateKey) => jwt.sign({ iss: issuer, aud: "my-app", sub: "oidc-user", iat: bed.clock.nowSeconds(), exp: bed.clock.nowSeconds() + 300, ...claims }, key, { algorithm: "RS256", keyid: "k1" });
    return { bed, pool, sign };
  };

  it("verifies the token with the keys the issuer publishes", async () => {
    const { bed, pool, sign } = setup();
    const [login] = await verifyLogins(bed.services, pool, { [provider]: sign({ department: "sales" }) });
    expect(login).toMatchObject({ provider, subject: "oidc-user", mappingKeys: [provider], amrEntry: `${provider}:my-app:oidc-user`, claims: { department: "sales" } });
  });

  it("refuses forged, foreign, expired and unverifiable tokens", async () => {
    const { bed, pool, sign } = setup();
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const login = (token: string) => errorOf(() => verifyLogins(bed.services, pool, { [provider]: token }));
    expect(await login(sign({}, other))).toMatchObject({ code: "NotAuthorizedException", message: MESSAGES.badSignature });
    expect(await login(sign({ iss: "https://elsewhere.example.com" }))).toMatchObject({ code: "NotAuthorizedException", message: MESSAGES.issuerMismatch });
    expect(await login(sign({ aud: undefined }))).toMatchObject({ code: "NotAuthorizedException", message: MESSAGES.missingAudience });
    const token = sign({});
    bed.clock.advance(301);
    expect(await login(token)).toMatchObject({ code: "NotAuthorizedException", message: expect.stringMatching(/^Invalid login token\. Token expired: \d+ >= \d+$/) });
  });
});

describe("the emulator's own user pools as OIDC providers", () => {
  it("verifies their ID tokens locally, without fetching the keys", async () => {
    const bed = identityTestbed();
    const provider = `127.0.0.1:9229/${bed.pool.Id}`;
    const pool = bed.putPool({ CognitoIdentityProviders: [], OpenIdConnectProviderARNs: [`arn:aws:iam::123456789012:oidc-provider/${provider}`] });
    const [login] = await verifyLogins(bed.services, pool, { [provider]: await bed.idToken() });
    expect(login).toMatchObject({ provider, subject: bed.user.Sub, amrEntry: `${provider}:${bed.client.ClientId}:${bed.user.Sub}` });
  });
});

describe("SAML provider logins", () => {
  it("reads the subject, attributes and offered roles of the assertion", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool({ SamlProviderARNs: [SAML_ARN] });
    const response = samlResponse("jdoe", "2999-01-01T00:00:00Z", { "https://aws.amazon.com/SAML/Attributes/Role": [`${ROLE},${SAML_ARN}`], department: ["ops"] });
    const [login] = await verifyLogins(bed.services, pool, { [SAML_ARN]: response });
    expect(login).toMatchObject({ provider: SAML_ARN, subject: "jdoe", roles: [ROLE], preferredRole: ROLE, claims: { sub: "jdoe", department: "ops" } });
  });

  it("refuses an expired or unreadable assertion", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool({ SamlProviderARNs: [SAML_ARN] });
    expect(await errorOf(() => verifyLogins(bed.services, pool, { [SAML_ARN]: samlResponse("jdoe", "2001-01-01T00:00:00Z", {}) }))).toMatchObject({ code: "NotAuthorizedException" });
    expect(await errorOf(() => verifyLogins(bed.services, pool, { [SAML_ARN]: "bm90IHNhbWw=" }))).toMatchObject({ code: "NotAuthorizedException" });
  });
});

describe("public provider logins", () => {
  it("take an opaque access token as the user's id at the provider", async () => {
    const bed = identityTestbed();
    const pool = bed.putPool({ SupportedLoginProviders: { "graph.facebook.com": "1234567890" } });
    const [login] = await verifyLogins(bed.services, pool, { "graph.facebook.com": "fb-user-42" });
    expect(login).toMatchObject({ provider: "graph.facebook.com", subject: "fb-user-42", claims: { aud: "1234567890" } });
  });
});
