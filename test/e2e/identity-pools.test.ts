import { createPublicKey } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import http from "node:http";
import express from "express";
import jwt from "jsonwebtoken";
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentitiesCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityCommand,
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  GetOpenIdTokenCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  GetPrincipalTagAttributeMapCommand,
  ListIdentitiesCommand,
  ListIdentityPoolsCommand,
  ListTagsForResourceCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
  TagResourceCommand,
  UnlinkDeveloperIdentityCommand,
  UnlinkIdentityCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import type { RunningEmulator } from "../../src/server/emulator";
import { identityPoolRoutes } from "../../src/services/identity-pools/routes";
import { idpClient, startTestEmulator } from "../support/emulator";

const REGION = "us-east-1";
const USER_POOL_ID = "us-east-1_IdPools01";
const CLIENT_ID = "idpoolsclient000000000001";
const PROVIDER = `cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`;
const ACCOUNT = "123456789012";
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const [AUTH, GUEST, ADMIN, EDITOR] = ["Authenticated", "Guest", "Admin", "Editor"].map(role);
const POOL = "us-east-1:00000000-0000-4000-8000-000000000001";
const MAPPED_POOL = "us-east-1:00000000-0000-4000-8000-000000000002";
const RULES_POOL = "us-east-1:00000000-0000-4000-8000-000000000003";
const MEMBERS_ONLY_POOL = "us-east-1:00000000-0000-4000-8000-000000000004";
const userPoolProvider = [{ ProviderName: PROVIDER, ClientId: CLIENT_ID }];

const fixture = {
  UserPools: [
    {
      Id: USER_POOL_ID,
      PoolName: "identity-pools",
      Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
      Clients: [{ ClientId: CLIENT_ID, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Groups: [
        { GroupName: "admins", Precedence: 1, RoleArn: ADMIN },
        { GroupName: "editors", Precedence: 2, RoleArn: EDITOR },
      ],
      Users: [
        { Username: "alice", Password: "Passw0rd!", Attributes: { email: "alice@example.com", "custom:tier": "gold" }, Groups: ["admins", "editors"] },
        { Username: "bob", Password: "Passw0rd!", Attributes: { email: "bob@example.com", "custom:tier": "silver" } },
      ],
    },
  ],
  IdentityPools: [
    {
      IdentityPoolId: POOL,
      IdentityPoolName: "app",
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      DeveloperProviderName: "login.example",
      CognitoIdentityProviders: userPoolProvider,
      Roles: { authenticated: AUTH, unauthenticated: GUEST },
    },
    {
      IdentityPoolId: MAPPED_POOL,
      IdentityPoolName: "mapped",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: userPoolProvider,
      Roles: { authenticated: AUTH },
      RoleMappings: { [`${PROVIDER}:${CLIENT_ID}`]: { Type: "Token", AmbiguousRoleResolution: "Deny" } },
    },
    {
      IdentityPoolId: RULES_POOL,
      IdentityPoolName: "rules",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: userPoolProvider,
      Roles: { authenticated: AUTH },
      RoleMappings: {
        [`${PROVIDER}:${CLIENT_ID}`]: {
          Type: "Rules",
          AmbiguousRoleResolution: "AuthenticatedRole",
          RulesConfiguration: { Rules: [{ Claim: "custom:tier", MatchType: "Equals", Value: "gold", RoleARN: EDITOR }] },
        },
      },
    },
    { IdentityPoolId: MEMBERS_ONLY_POOL, IdentityPoolName: "members", AllowUnauthenticatedIdentities: false, AllowClassicFlow: false, CognitoIdentityProviders: userPoolProvider, Roles: { authenticated: AUTH } },
  ],
};

let emu: RunningEmulator;
let identity: CognitoIdentityClient;
let jwksServer: http.Server | undefined;

beforeAll(async () => {
  emu = await startTestEmulator(fixture);
  identity = new CognitoIdentityClient({ endpoint: emu.url, region: REGION, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 });
});
afterAll(async () => {
  jwksServer?.close();
  await emu.stop();
});

const sts = (credentials: AwsCredentialIdentity) => new STSClient({ endpoint: emu.url, region: REGION, credentials, maxAttempts: 1 });
const asAws = (c: { AccessKeyId?: string; SecretKey?: string; SecretAccessKey?: string; SessionToken?: string }): AwsCredentialIdentity => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: (c.SecretKey ?? c.SecretAccessKey)!,
  sessionToken: c.SessionToken,
});

async function idToken(username = "alice"): Promise<string> {
  const { AuthenticationResult } = await idpClient(emu).send(
    new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: CLIENT_ID, AuthParameters: { USERNAME: username, PASSWORD: "Passw0rd!" } }),
  );
  return AuthenticationResult!.IdToken!;
}

async function credentialsFor(poolId: string, logins?: Record<string, string>, CustomRoleArn?: string) {
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
  return identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins, CustomRoleArn }));
}

async function callerArn(credentials: AwsCredentialIdentity): Promise<string> {
  return (await sts(credentials).send(new GetCallerIdentityCommand({}))).Arn!;
}

/** The emulator's JWKS route, or, until server/emulator.ts mounts identityPoolRoutes, the same router over the emulator's state. */
async function jwksBase(): Promise<string> {
  if ((await fetch(`${emu.url}/.well-known/jwks_uri`)).status === 200) return emu.url;
  if (!jwksServer) {
    jwksServer = http.createServer(express().use(identityPoolRoutes(emu.services)));
    await new Promise<void>((resolve) => jwksServer!.listen(0, "127.0.0.1", resolve));
  }
  return `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
}

describe("identity pool CRUD", () => {
  it("creates, describes, updates, lists, tags and deletes pools", async () => {
    const created = await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: "crud", AllowUnauthenticatedIdentities: false, IdentityPoolTags: { env: "test" } }));
    const id = created.IdentityPoolId!;
    expect(id).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))).toMatchObject({ IdentityPoolName: "crud", AllowUnauthenticatedIdentities: false, IdentityPoolTags: { env: "test" } });

    await identity.send(new UpdateIdentityPoolCommand({ IdentityPoolId: id, IdentityPoolName: "crud2", AllowUnauthenticatedIdentities: true, CognitoIdentityProviders: userPoolProvider }));
    expect(await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))).toMatchObject({
      IdentityPoolName: "crud2",
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [{ ProviderName: PROVIDER, ClientId: CLIENT_ID, ServerSideTokenCheck: false }],
    });

    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: AUTH }, RoleMappings: { [`${PROVIDER}:${CLIENT_ID}`]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } } }));
    expect(await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).toMatchObject({
      IdentityPoolId: id,
      Roles: { authenticated: AUTH },
      RoleMappings: { [`${PROVIDER}:${CLIENT_ID}`]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } },
    });
    await expect(identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: {}, RoleMappings: { [PROVIDER]: { Type: "Token", AmbiguousRoleResolution: "Deny" } } }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: `${PROVIDER} is not a valid RoleMapping ProviderName or is not a configured provider.`,
    });

    const arn = `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/${id}`;
    await identity.send(new TagResourceCommand({ ResourceArn: arn, Tags: { owner: "me" } }));
    await identity.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["env"] }));
    expect((await identity.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ owner: "me" });

    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await identity.send(new ListIdentityPoolsCommand({ MaxResults: 2, NextToken }));
      seen.push(...page.IdentityPools!.map((p) => p.IdentityPoolId!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen.sort()).toEqual([POOL, MAPPED_POOL, RULES_POOL, MEMBERS_ONLY_POOL, id].sort());

    await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: id }));
    await expect(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `IdentityPool '${id}' not found.`,
    });
  });

  it("comes back to the fixtures' pools on reset", async () => {
    await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: RULES_POOL }));
    await emu.reset();
    expect((await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: RULES_POOL }))).IdentityPoolName).toBe("rules");
  });
});

describe("guests", () => {
  it("get a new identity and the unauthenticated role's credentials, which STS recognises", async () => {
    const { IdentityId, Credentials } = await credentialsFor(POOL);
    expect(IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect(Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(await callerArn(asAws(Credentials!))).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Guest/CognitoIdentityCredentials`);
  });

  it("are refused where unauthenticated access is off", async () => {
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: MAPPED_POOL }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Unauthenticated access is not supported for this identity pool.",
    });
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-0000000000ff" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "IdentityPool 'us-east-1:00000000-0000-4000-8000-0000000000ff' not found.",
    });
  });
});

describe("user-pool sign-in", () => {
  it("fromCognitoIdentityPool obtains credentials that STS answers as the authenticated role", async () => {
    const provider = fromCognitoIdentityPool({ identityPoolId: POOL, logins: { [PROVIDER]: await idToken() }, clientConfig: { endpoint: emu.url, region: REGION, maxAttempts: 1 } });
    const credentials = await provider();
    expect(credentials.identityId).toMatch(/^us-east-1:/);
    expect(await callerArn(credentials)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Authenticated/CognitoIdentityCredentials`);
    const described = await identity.send(new DescribeIdentityCommand({ IdentityId: credentials.identityId }));
    expect(described).toMatchObject({ IdentityId: credentials.identityId, Logins: [PROVIDER] });
    expect(described.CreationDate).toBeInstanceOf(Date);
  });

  it("keeps one identity per user", async () => {
    const first = await identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [PROVIDER]: await idToken("bob") } }));
    const again = await identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [PROVIDER]: await idToken("bob") } }));
    expect(again.IdentityId).toBe(first.IdentityId);
    // Amplify names the login after the token's issuer without its scheme: the emulator's own URL form.
    const asAmplify = await identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [`${emu.url.replace(/^http:\/\//, "")}/${USER_POOL_ID}`]: await idToken("bob") } }));
    expect(asAmplify.IdentityId).toBe(first.IdentityId);
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
  });

  it("refuses expired, forged and foreign logins", async () => {
    const token = await idToken();
    const [header, payload] = token.split(".");
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sub: "someone-else" })).toString("base64url")}.${token.split(".")[2]}`;
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [PROVIDER]: tampered } }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Invalid login token. Couldn't verify signed token.",
    });
    await expect(identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { "cognito-idp.us-east-1.amazonaws.com/us-east-1_Unknown01": token } }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "Token is not from a supported provider of this identity pool.",
    });
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: { [PROVIDER]: token } }));
    await emu.clock.advance(3600);
    await expect(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER]: token } }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: expect.stringMatching(/^Invalid login token\. Token expired: \d+ >= \d+$/),
    });
  });
});

describe("role mappings", () => {
  it("Token: cognito:preferred_role, a CustomRoleArn among cognito:roles, Deny without roles", async () => {
    const alice = { [PROVIDER]: await idToken("alice") };
    expect(await callerArn(asAws((await credentialsFor(MAPPED_POOL, alice)).Credentials!))).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/CognitoIdentityCredentials`);
    expect(await callerArn(asAws((await credentialsFor(MAPPED_POOL, alice, EDITOR)).Credentials!))).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Editor/CognitoIdentityCredentials`);
    await expect(credentialsFor(MAPPED_POOL, { [PROVIDER]: await idToken("bob") })).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "The ambiguous role mapping rules denied this request.",
    });
  });

  it("Rules: the first matching claim rule, else the authenticated role", async () => {
    expect(await callerArn(asAws((await credentialsFor(RULES_POOL, { [PROVIDER]: await idToken("alice") })).Credentials!))).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/Editor/CognitoIdentityCredentials`,
    );
    expect(await callerArn(asAws((await credentialsFor(RULES_POOL, { [PROVIDER]: await idToken("bob") })).Credentials!))).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/Authenticated/CognitoIdentityCredentials`,
    );
  });

  it("says the pool is misconfigured when no role applies", async () => {
    const { IdentityPoolId } = await identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: "roleless", AllowUnauthenticatedIdentities: true }));
    await expect(credentialsFor(IdentityPoolId!)).rejects.toMatchObject({
      name: "InvalidIdentityPoolConfigurationException",
      message: "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
    });
  });
});

describe("basic (classic) flow", () => {
  it("GetOpenIdToken gives an RS512 token, verifiable with the JWKS, that STS trades for the role", async () => {
    const logins = { [PROVIDER]: await idToken() };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: logins }));
    const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    const decoded = jwt.decode(Token!, { complete: true })!;
    expect(decoded.header).toEqual({ kid: "us-east-1-1", typ: "JWS", alg: "RS512" });
    const claims = decoded.payload as jwt.JwtPayload;
    expect(claims).toMatchObject({ iss: "https://cognito-identity.amazonaws.com", aud: POOL, sub: IdentityId, amr: ["authenticated", PROVIDER, expect.stringMatching(new RegExp(`^${PROVIDER}:CognitoSignIn:[0-9a-f-]{36}$`))] });
    expect(claims.exp! - claims.iat!).toBe(600);

    const { keys } = (await (await fetch(`${await jwksBase()}/.well-known/jwks_uri`)).json()) as { keys: Array<Record<string, string>> };
    const key = createPublicKey({ key: keys.find((k) => k.kid === "us-east-1-1")!, format: "jwk" });
    expect(() => jwt.verify(Token!, key, { algorithms: ["RS512"], audience: POOL, issuer: "https://cognito-identity.amazonaws.com", clockTimestamp: Math.floor(Date.now() / 1000) + emu.clock.offsetSeconds() })).not.toThrow();

    const assumed = await new STSClient({ endpoint: emu.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: "x", secretAccessKey: "x" } }).send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: AUTH, RoleSessionName: "classic", WebIdentityToken: Token }),
    );
    expect(assumed).toMatchObject({ SubjectFromWebIdentityToken: IdentityId, Provider: "cognito-identity.amazonaws.com", Audience: POOL });
    expect(await callerArn(asAws(assumed.Credentials!))).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Authenticated/classic`);
  });

  it("is refused where the pool turned it off or maps roles", async () => {
    const login = { [PROVIDER]: await idToken() };
    const members = await identity.send(new GetIdCommand({ IdentityPoolId: MEMBERS_ONLY_POOL, Logins: login }));
    await expect(identity.send(new GetOpenIdTokenCommand({ IdentityId: members.IdentityId, Logins: login }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Basic (classic) flow is not enabled, please use enhanced flow.",
    });
    const mapped = await identity.send(new GetIdCommand({ IdentityPoolId: MAPPED_POOL, Logins: login }));
    await expect(identity.send(new GetOpenIdTokenCommand({ IdentityId: mapped.IdentityId, Logins: login }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.",
    });
  });
});

describe("developer-authenticated identities", () => {
  it("registers a developer user, trades its token for credentials, looks it up, merges, unlinks and deletes", async () => {
    const first = await identity.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: POOL, Logins: { "login.example": "user-1" }, TokenDuration: 120 }));
    const claims = jwt.decode(first.Token!) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: first.IdentityId, aud: POOL, amr: ["authenticated", "login.example", `login.example:${POOL}:user-1`] });
    expect(claims.exp! - claims.iat!).toBe(120);
    const again = await identity.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: POOL, Logins: { "login.example": "user-1" } }));
    expect(again.IdentityId).toBe(first.IdentityId);

    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId, Logins: { "cognito-identity.amazonaws.com": first.Token! } }));
    expect(await callerArn(asAws(Credentials!))).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Authenticated/CognitoIdentityCredentials`);

    expect(await identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: POOL, DeveloperUserIdentifier: "user-1" }))).toMatchObject({
      IdentityId: first.IdentityId,
      DeveloperUserIdentifierList: ["user-1"],
    });
    await expect(identity.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: POOL, Logins: { "other.example": "user-1" } }))).rejects.toMatchObject({
      name: "NotAuthorizedException",
    });

    const second = await identity.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: POOL, Logins: { "login.example": "user-2" } }));
    await expect(
      identity.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: POOL, IdentityId: second.IdentityId, Logins: { "login.example": "user-1" } })),
    ).rejects.toMatchObject({ name: "DeveloperUserAlreadyRegisteredException" });
    const merged = await identity.send(
      new MergeDeveloperIdentitiesCommand({ IdentityPoolId: POOL, DeveloperProviderName: "login.example", SourceUserIdentifier: "user-2", DestinationUserIdentifier: "user-1" }),
    );
    expect(merged.IdentityId).toBe(first.IdentityId);
    expect((await identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: POOL, IdentityId: first.IdentityId }))).DeveloperUserIdentifierList).toEqual(["user-1", "user-2"]);
    const visible = await identity.send(new ListIdentitiesCommand({ IdentityPoolId: POOL, MaxResults: 60, HideDisabled: true }));
    expect(visible.Identities!.map((i) => i.IdentityId)).not.toContain(second.IdentityId);

    await identity.send(new UnlinkDeveloperIdentityCommand({ IdentityPoolId: POOL, IdentityId: first.IdentityId, DeveloperProviderName: "login.example", DeveloperUserIdentifier: "user-2" }));
    await expect(identity.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: POOL, DeveloperUserIdentifier: "user-2" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    expect(await identity.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [first.IdentityId!] }))).toMatchObject({ UnprocessedIdentityIds: [] });
    await expect(identity.send(new DescribeIdentityCommand({ IdentityId: first.IdentityId }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `Identity '${first.IdentityId}' not found.`,
    });
  });
});

describe("logins and tags", () => {
  it("UnlinkIdentity removes a provider after the caller proves the identity", async () => {
    const logins = { [PROVIDER]: await idToken("bob") };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: logins }));
    await identity.send(new UnlinkIdentityCommand({ IdentityId, Logins: logins, LoginsToRemove: [PROVIDER] }));
    expect((await identity.send(new DescribeIdentityCommand({ IdentityId }))).Logins).toBeUndefined();
    const fresh = await identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: logins }));
    expect(fresh.IdentityId).not.toBe(IdentityId);
  });

  it("keeps principal tag attribute maps per provider", async () => {
    expect(await identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: POOL, IdentityProviderName: PROVIDER, UseDefaults: true }))).toMatchObject({
      UseDefaults: true,
      PrincipalTags: { username: "sub", client: "aud" },
    });
    await identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: POOL, IdentityProviderName: PROVIDER, UseDefaults: false, PrincipalTags: { tier: "custom:tier" } }));
    expect(await identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: POOL, IdentityProviderName: PROVIDER }))).toMatchObject({
      IdentityPoolId: POOL,
      IdentityProviderName: PROVIDER,
      UseDefaults: false,
      PrincipalTags: { tier: "custom:tier" },
    });
    const logins = { [PROVIDER]: await idToken("alice") };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: POOL, Logins: logins }));
    const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    expect((jwt.decode(Token!) as jwt.JwtPayload)["https://aws.amazon.com/tags"]).toEqual({ principal_tags: { tier: ["gold"] } });
  });
});

describe("fixtures", () => {
  it("hot-reload an edited identity pool's roles", async () => {
    const watched = await startTestEmulator(fixture, { watch: true });
    try {
      const client = new CognitoIdentityClient({ endpoint: watched.url, region: REGION, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 });
      const file = watched.options.fixtures[0];
      const edited = structuredClone(fixture);
      edited.IdentityPools[0].Roles = { authenticated: EDITOR, unauthenticated: GUEST };
      fs.writeFileSync(file, JSON.stringify(edited));
      const deadline = Date.now() + 10_000;
      let roles: Record<string, string> | undefined;
      while (Date.now() < deadline) {
        roles = (await client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: POOL }))).Roles;
        if (roles?.authenticated === EDITOR) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(roles).toEqual({ authenticated: EDITOR, unauthenticated: GUEST });
    } finally {
      await watched.stop();
    }
  });
});
