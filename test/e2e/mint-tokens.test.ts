import fs from "node:fs";
import path from "node:path";
import { CognitoIdentityClient, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { type CognitoIdentityProviderClient, GetUserCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { JwtExpiredError, JwtInvalidClaimError, JwtInvalidIssuerError, JwtInvalidSignatureError } from "aws-jwt-verify/error";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator, tempDir } from "../support/emulator";

/**
 * POST /_emu/tokens mints tokens without a sign-in. They must be indistinguishable from InitiateAuth's
 * to a verifier (aws-jwt-verify, against the pool's JWKS) and to the emulator itself (GetUser, refresh,
 * identity pools), unless a tamper breaks exactly one thing, which both then refuse.
 */
const POOL = "us-east-1_Minted001";
const WEB = "mintwebclient000000000001";
const OTHER = "mintotherclient0000000001";
const SERVICE = "mintserviceclient00000001";
const IDENTITY_POOL = "us-east-1:00000000-0000-4000-8000-00000000a1a1";

const triggerDir = tempDir("cognito-emu-mint-");
const preToken = path.join(triggerDir, "pre-token.js");
fs.writeFileSync(
  preToken,
  `exports.handler = async (event) => {
  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { "custom:from_trigger": event.triggerSource } } };
  return event;
};`,
);

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "minted",
      LambdaConfig: { PreTokenGeneration: "arn:aws:lambda:us-east-1:123456789012:function:preToken" },
      Clients: [
        { ClientId: WEB, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
        { ClientId: OTHER, ClientName: "other", ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"] },
        {
          ClientId: SERVICE,
          ClientName: "service",
          ClientSecret: "mintservicesecret0000000000000000000000000000000001",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["api/read", "api/write"],
        },
      ],
      ResourceServers: [{ Identifier: "api", Name: "API", Scopes: [{ ScopeName: "read", ScopeDescription: "r" }, { ScopeName: "write", ScopeDescription: "w" }] }],
      Groups: [{ GroupName: "admins", Precedence: 1 }],
      Users: [{ Username: "mia", Password: "Passw0rd!", Attributes: { email: "mia@example.com", email_verified: "true" }, Groups: ["admins"] }],
    },
  ],
  IdentityPools: [
    {
      IdentityPoolId: IDENTITY_POOL,
      IdentityPoolName: "minted",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.us-east-1.amazonaws.com/${POOL}`, ClientId: WEB }],
    },
  ],
  Functions: { preToken },
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;
let verifier: (tokenUse: "id" | "access", clientId?: string) => ReturnType<typeof JwtRsaVerifier.create>;

beforeAll(async () => {
  emu = await startTestEmulator(fixture);
  idp = idpClient(emu);
  const jwks = await fetch(`${emu.url}/${POOL}/.well-known/jwks.json`).then((r) => r.json());
  verifier = (tokenUse, clientId = WEB) => {
    const v = JwtRsaVerifier.create({
      issuer: `${emu.url}/${POOL}`,
      audience: tokenUse === "id" ? clientId : null,
      jwksUri: `${emu.url}/${POOL}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== tokenUse) throw new Error(`not an ${tokenUse} token`);
        // What CognitoJwtVerifier checks of access tokens, which carry no aud.
        if (tokenUse === "access" && payload.client_id !== clientId) throw new Error(`client_id ${payload.client_id} is not ${clientId}`);
      },
    });
    v.cacheJwks(jwks as Parameters<typeof v.cacheJwks>[0]);
    return v;
  };
});
afterAll(() => emu.stop());

const mint = async (body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${emu.url}/_emu/tokens`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()) as Record<string, any>;
const getUser = (accessToken: string) => idp.send(new GetUserCommand({ AccessToken: accessToken }));

describe("POST /_emu/tokens", () => {
  it("mints a user's tokens that aws-jwt-verify and GetUser accept, with the trigger's claims and the asked-for ones", async () => {
    const { status, body } = await mint({ userPoolId: POOL, username: "mia", claims: { "custom:plan": "pro", email: "changed@example.com" } });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["AccessToken", "ExpiresIn", "IdToken", "RefreshToken", "TokenType"]);
    expect(body.ExpiresIn).toBe(3600);

    const id = await verifier("id").verify(body.IdToken);
    expect(id).toMatchObject({
      aud: WEB,
      "cognito:username": "mia",
      "cognito:groups": ["admins"],
      email: "changed@example.com",
      "custom:plan": "pro",
      "custom:from_trigger": "TokenGeneration_Authentication",
    });
    expect((id.exp as number) - (id.iat as number)).toBe(3600);
    const access = await verifier("access").verify(body.AccessToken);
    expect(access).toMatchObject({ client_id: WEB, username: "mia", scope: "aws.cognito.signin.user.admin", "custom:plan": "pro" });

    const me = await getUser(body.AccessToken);
    expect(me.Username).toBe("mia");
  });

  it("names the client asked for as the audience, and its refresh token refreshes through InitiateAuth", async () => {
    const { body } = await mint({ userPoolId: POOL, username: "mia", clientId: OTHER });
    await expect(verifier("id", OTHER).verify(body.IdToken)).resolves.toMatchObject({ aud: OTHER });
    const refreshed = await idp.send(new InitiateAuthCommand({ ClientId: OTHER, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: body.RefreshToken } }));
    expect(claimsOf(refreshed.AuthenticationResult!.IdToken!)).toMatchObject({ aud: OTHER, "cognito:username": "mia" });
  });

  it("mints already expired tokens (negative lifetime) that both refuse as expired, and short-lived ones the clock expires", async () => {
    const { body: expired } = await mint({ userPoolId: POOL, username: "mia", expiresInSeconds: -60 });
    expect(expired.ExpiresIn).toBe(-60);
    const claims = claimsOf(expired.AccessToken);
    expect(claims.exp).toBeLessThan(Date.now() / 1000 - 59);
    expect(claims.exp - claims.iat).toBe(3600);
    await expect(verifier("access").verify(expired.AccessToken)).rejects.toBeInstanceOf(JwtExpiredError);
    await expect(verifier("id").verify(expired.IdToken)).rejects.toBeInstanceOf(JwtExpiredError);
    await expect(getUser(expired.AccessToken)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Access Token has expired" });
    // The session behind them is fresh: a test of "refresh when the access token expired" needs just this.
    const refreshed = await idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: expired.RefreshToken } }));
    await expect(getUser(refreshed.AuthenticationResult!.AccessToken!)).resolves.toMatchObject({ Username: "mia" });

    const { body: brief } = await mint({ userPoolId: POOL, username: "mia", expiresInSeconds: 120 });
    expect(brief.ExpiresIn).toBe(120);
    expect(claimsOf(brief.IdToken).exp - claimsOf(brief.IdToken).iat).toBe(120);
    await expect(getUser(brief.AccessToken)).resolves.toMatchObject({ Username: "mia" });
    await emu.clock.advance(121);
    await expect(getUser(brief.AccessToken)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Access Token has expired" });
  });

  it("puts the scopes asked for in the access token; without Cognito's admin scope GetUser refuses it", async () => {
    const { body } = await mint({ userPoolId: POOL, username: "mia", scopes: ["openid", "api/read"] });
    expect(claimsOf(body.AccessToken)).toMatchObject({ scope: "openid api/read", version: 2 });
    await expect(getUser(body.AccessToken)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Access Token does not have required scopes" });
  });

  it("mints a client_credentials access token for a client alone: its custom scopes, no ID or refresh token", async () => {
    const { status, body } = await mint({ userPoolId: POOL, clientId: SERVICE });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["AccessToken", "ExpiresIn", "TokenType"]);
    await expect(verifier("access", SERVICE).verify(body.AccessToken)).resolves.toMatchObject({ sub: SERVICE, client_id: SERVICE, scope: "api/read api/write", version: 2 });
    const narrow = await mint({ userPoolId: POOL, clientId: SERVICE, scopes: ["api/read"], expiresInSeconds: -3600 });
    expect(claimsOf(narrow.body.AccessToken).scope).toBe("api/read");
    await expect(verifier("access", SERVICE).verify(narrow.body.AccessToken)).rejects.toBeInstanceOf(JwtExpiredError);
  });

  describe("tamper: each breaks exactly one thing, and both the verifier and the emulator refuse the token", () => {
    it("signature", async () => {
      const { body } = await mint({ userPoolId: POOL, username: "mia", tamper: "signature" });
      // Everything but the signature is genuine.
      expect(claimsOf(body.AccessToken)).toMatchObject({ iss: `${emu.url}/${POOL}`, client_id: WEB });
      await expect(verifier("access").verify(body.AccessToken)).rejects.toBeInstanceOf(JwtInvalidSignatureError);
      await expect(verifier("id").verify(body.IdToken)).rejects.toBeInstanceOf(JwtInvalidSignatureError);
      await expect(getUser(body.AccessToken)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Access Token" });
      const machine = await mint({ userPoolId: POOL, clientId: SERVICE, tamper: "signature" });
      await expect(verifier("access", SERVICE).verify(machine.body.AccessToken)).rejects.toBeInstanceOf(JwtInvalidSignatureError);
    });

    it("issuer", async () => {
      const { body } = await mint({ userPoolId: POOL, username: "mia", tamper: "issuer" });
      expect(claimsOf(body.AccessToken).iss).toBe(`${emu.url}/us-east-1_NotThisPool`);
      await expect(verifier("access").verify(body.AccessToken)).rejects.toBeInstanceOf(JwtInvalidIssuerError);
      await expect(verifier("id").verify(body.IdToken)).rejects.toBeInstanceOf(JwtInvalidIssuerError);
      await expect(getUser(body.AccessToken)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Invalid Access Token" });
    });

    it("audience", async () => {
      const { body } = await mint({ userPoolId: POOL, username: "mia", tamper: "audience" });
      const forged = claimsOf(body.IdToken).aud;
      expect(forged).toMatch(/^[a-z0-9]{26}$/);
      expect(forged).not.toBe(WEB);
      expect(claimsOf(body.AccessToken).client_id).toBe(forged);
      await expect(verifier("id").verify(body.IdToken)).rejects.toBeInstanceOf(JwtInvalidClaimError);
      await expect(verifier("access").verify(body.AccessToken)).rejects.toThrow(`client_id ${forged} is not ${WEB}`);
      // The identity pool trusts the pool's web client only, so it refuses the ID token; an untampered one it takes.
      const identity = new CognitoIdentityClient({ endpoint: emu.url, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
      const logins = (token: string) => ({ [`cognito-idp.us-east-1.amazonaws.com/${POOL}`]: token });
      await expect(identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins: logins(body.IdToken) }))).rejects.toMatchObject({ name: "NotAuthorizedException" });
      const genuine = await mint({ userPoolId: POOL, username: "mia" });
      await expect(identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins: logins(genuine.body.IdToken) }))).resolves.toMatchObject({ IdentityId: expect.any(String) });
    });
  });

  it("answers bad input with a 4xx naming what is wrong", async () => {
    const refused = async (body: unknown, type: string, message: RegExp) => {
      const res = await mint(body);
      expect(res.status).toBe(400);
      expect(res.body.__type).toBe(type);
      expect(res.body.message).toMatch(message);
    };
    await refused({ username: "mia" }, "InvalidParameterException", /userPoolId is required/);
    await refused({ userPoolId: POOL }, "InvalidParameterException", /Give username .* or clientId/);
    await refused({ userPoolId: POOL, username: "mia", expiresIn: 5 }, "InvalidParameterException", /Unknown field expiresIn/);
    await refused({ userPoolId: POOL, username: "mia", expiresInSeconds: "60" }, "InvalidParameterException", /expiresInSeconds must be a whole number/);
    await refused({ userPoolId: POOL, username: "mia", expiresInSeconds: 1.5 }, "InvalidParameterException", /expiresInSeconds/);
    await refused({ userPoolId: POOL, username: "mia", scopes: "openid" }, "InvalidParameterException", /scopes must be an array/);
    await refused({ userPoolId: POOL, username: "mia", scopes: ["two words"] }, "InvalidParameterException", /scopes/);
    await refused({ userPoolId: POOL, username: "mia", claims: ["x"] }, "InvalidParameterException", /claims must be a JSON object/);
    await refused({ userPoolId: POOL, username: "mia", tamper: "everything" }, "InvalidParameterException", /tamper must be one of "signature", "issuer", "audience"/);
    await refused([POOL], "InvalidParameterException", /must be a JSON object/);
    await refused({ userPoolId: "us-east-1_Nope", username: "mia" }, "ResourceNotFoundException", /User pool us-east-1_Nope does not exist/);
    await refused({ userPoolId: POOL, username: "nobody" }, "UserNotFoundException", /User does not exist/);
    await refused({ userPoolId: POOL, clientId: "nosuchclient" }, "ResourceNotFoundException", /User pool client nosuchclient does not exist/);
    await refused("{not json", "SerializationException", /./);
  });

  it("answers only the emulator's own origin, like every control endpoint", async () => {
    const res = await mint({ userPoolId: POOL, username: "mia" }, { origin: "https://evil.example" });
    expect(res).toMatchObject({ status: 403, body: { __type: "AccessDeniedException" } });
  });
});
