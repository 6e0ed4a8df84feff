import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoJwtVerifier, JwtRsaVerifier } from "aws-jwt-verify";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";

const fixture = {
  UserPools: [
    {
      Id: "us-east-1_Wire00001",
      PoolName: "wire",
      Clients: [{ ClientId: "wireclient000000000000001", ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "wendy", Password: "Passw0rd!" }],
    },
  ],
};

const target = (op: string) => ({ "x-amz-target": `AWSCognitoIdentityProviderService.${op}`, "content-type": "application/x-amz-json-1.1" });

async function signIn(emu: RunningEmulator) {
  const res = await fetch(emu.url, {
    method: "POST",
    headers: target("InitiateAuth"),
    body: JSON.stringify({ ClientId: "wireclient000000000000001", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "wendy", PASSWORD: "Passw0rd!" } }),
  });
  return ((await res.json()) as { AuthenticationResult: { AccessToken: string; IdToken: string } }).AuthenticationResult;
}

describe("the JSON API on the emulator's own server", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator(fixture);
  });
  afterAll(() => emu.stop());

  it("answers browsers' cross-origin calls with the headers they need", async () => {
    const res = await fetch(emu.url, { method: "POST", headers: { ...target("ListUserPools"), origin: "http://localhost:3000" }, body: JSON.stringify({ MaxResults: 5 }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(res.headers.get("access-control-expose-headers")).toContain("x-amzn-RequestId");
    const preflight = await fetch(emu.url, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-amz-target" },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-amz-target");
  });

  it("refuses oversized and malformed bodies with 4xx and keeps serving", async () => {
    const big = await fetch(emu.url, { method: "POST", headers: target("ListUserPools"), body: JSON.stringify({ MaxResults: 5, pad: "x".repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect(big.headers.get("x-amzn-errortype")).toBe("RequestEntityTooLargeException");
    const broken = await fetch(emu.url, { method: "POST", headers: target("ListUserPools"), body: "{" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { __type: string }).__type).toBe("SerializationException");
    await expect(idpClient(emu).send(new ListUserPoolsCommand({ MaxResults: 5 }))).resolves.toHaveProperty("UserPools");
  });

  it("issues tokens aws-jwt-verify accepts with the emulator's JWKS (emulator issuer)", async () => {
    const tokens = await signIn(emu);
    const verifier = JwtRsaVerifier.create({
      issuer: `${emu.url}/us-east-1_Wire00001`,
      audience: null,
      jwksUri: `${emu.url}/us-east-1_Wire00001/.well-known/jwks.json`,
    });
    const jwks = await fetch(`${emu.url}/us-east-1_Wire00001/.well-known/jwks.json`).then((r) => r.json());
    verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
    await expect(verifier.verify(tokens.AccessToken)).resolves.toMatchObject({ token_use: "access", username: "wendy" });
    const discovery = (await fetch(`${emu.url}/us-east-1_Wire00001/.well-known/openid-configuration`).then((r) => r.json())) as Record<string, string>;
    expect(discovery.issuer).toBe(`${emu.url}/us-east-1_Wire00001`);
    expect(discovery.jwks_uri).toBe(`${emu.url}/us-east-1_Wire00001/.well-known/jwks.json`);
  });
});

describe("--issuer aws", () => {
  it("issues tokens with Cognito's own issuer that CognitoJwtVerifier accepts", async () => {
    const emu = await startTestEmulator(fixture, { issuer: "aws" });
    try {
      const tokens = await signIn(emu);
      const verifier = CognitoJwtVerifier.create({ userPoolId: "us-east-1_Wire00001", tokenUse: "id", clientId: "wireclient000000000000001" });
      const jwks = await fetch(`${emu.url}/us-east-1_Wire00001/.well-known/jwks.json`).then((r) => r.json());
      verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
      await expect(verifier.verify(tokens.IdToken)).resolves.toMatchObject({
        iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Wire00001",
        "cognito:username": "wendy",
      });
    } finally {
      await emu.stop();
    }
  });
});
