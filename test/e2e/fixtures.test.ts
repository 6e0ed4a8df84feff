import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  CognitoIdentityProviderClient,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeIdentityProviderCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolClientCommand,
  GetUICustomizationCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUICustomizationCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type RunningEmulator, startEmulator } from "../../src/server/emulator";
import { type CreationOptionsJson, type RequestOptionsJson, SoftwareAuthenticator } from "../support/authenticator";
import { idpClient, startTestEmulator } from "../support/emulator";

const POOL = "us-east-1_HotReload1";
const WEB = "hotreloadwebclient0000001";
const OTHER = "hotreloadotherclient00001";

function poolDoc(users: string[], clients = [WEB, OTHER]) {
  return {
    UserPools: [
      {
        Id: POOL,
        PoolName: "hot",
        Clients: clients.map((ClientId) => ({ ClientId, ClientName: ClientId === WEB ? "web" : "other", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] })),
        Users: users.map((Username) => ({ Username, Password: "Passw0rd!", Attributes: { email: `${Username}@example.com`, email_verified: "true" } })),
      },
    ],
  };
}

/** Retries `check` until it passes; fails if that takes longer than `withinMs` from `since`. */
async function eventually(check: () => Promise<unknown>, since: number, withinMs = 1000): Promise<number> {
  for (;;) {
    try {
      await check();
      return Date.now() - since;
    } catch (error) {
      if (Date.now() - since > withinMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

const rejectsWith = async (promise: Promise<unknown>, name: string) => {
  await expect(promise).rejects.toMatchObject({ name });
};

let dir: string;
let file: string;
let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

const userExists = (Username: string) => idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username }));
const clientExists = (ClientId: string) => idp.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId }));
const signIn = (USERNAME: string) =>
  idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD: "Passw0rd!" } }));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-hot-"));
  file = path.join(dir, "app.json");
  fs.writeFileSync(file, JSON.stringify(poolDoc(["alice"]), null, 2));
  emu = await startEmulator({ port: 0, fixtures: [dir], quiet: true });
  idp = new CognitoIdentityProviderClient({ endpoint: emu.url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 });
});

afterAll(async () => {
  idp?.destroy();
  await emu?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("fixtures, hot reloaded", () => {
  it("serves the fixtures at start", async () => {
    await userExists("alice");
    await clientExists(OTHER);
    expect((await signIn("alice")).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it("applies an edit within a second, keeping what the API created", async () => {
    await idp.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: "carol", MessageAction: "SUPPRESS" }));
    const edited = Date.now();
    fs.writeFileSync(file, JSON.stringify(poolDoc(["alice", "bob"], [WEB]), null, 2));
    await eventually(() => userExists("bob"), edited);
    await eventually(() => rejectsWith(clientExists(OTHER), "ResourceNotFoundException"), edited);
    await userExists("carol");
    expect((await signIn("bob")).AuthenticationResult?.IdToken).toBeDefined();
  });

  it("picks up a new file in the folder", async () => {
    const added = Date.now();
    fs.writeFileSync(path.join(dir, "second.json"), JSON.stringify({ UserPools: [{ Id: "us-east-1_HotReload2", PoolName: "second" }] }));
    await eventually(async () => {
      const health = (await (await fetch(`${emu.url}/health`)).json()) as { userPools: number };
      expect(health.userPools).toBe(2);
    }, added);
  });

  it("keeps serving the last good state when a file breaks", async () => {
    fs.writeFileSync(file, '{ "UserPools": [ { "Id": "us-east-1_HotReload1", ');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await userExists("bob");
    await clientExists(WEB);

    fs.writeFileSync(file, JSON.stringify({ UserPools: [{ ...poolDoc([]).UserPools[0], MfaConfiguration: "SOMETIMES" }] }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await userExists("bob");
    expect((await signIn("alice")).AuthenticationResult).toBeDefined();

    // Fixed again: applied as usual.
    const fixed = Date.now();
    fs.writeFileSync(file, JSON.stringify(poolDoc(["alice", "bob", "dave"], [WEB]), null, 2));
    await eventually(() => userExists("dave"), fixed);
  });

  it("resets to exactly the fixtures", async () => {
    await emu.reset();
    await rejectsWith(userExists("carol"), "UserNotFoundException");
    await userExists("alice");
    await userExists("dave");
    await clientExists(WEB);
    expect((await signIn("dave")).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it("exports the state in fixture format", async () => {
    const state = (await (await fetch(`${emu.url}/_emu/state`)).json()) as { UserPools: Array<{ Id: string; Users?: Array<{ Username: string; PasswordHash?: string }> }> };
    const pool = state.UserPools.find((p) => p.Id === POOL)!;
    expect(pool.Users!.map((u) => u.Username).sort()).toEqual(["alice", "bob", "dave"]);
    expect(pool.Users![0].PasswordHash).toMatch(/^scrypt\$/);
  });

  it("defines identity providers that the pool's clients can name, and exports them", async () => {
    const google = { ProviderName: "Google", ProviderType: "Google", ProviderDetails: { client_id: "g", client_secret: "g", authorize_scopes: "openid email" }, AttributeMapping: { email: "email" } };
    const base = poolDoc(["alice"], [WEB]).UserPools[0];
    const federated = { ...base, IdentityProviders: [google], Clients: base.Clients.map((client) => ({ ...client, SupportedIdentityProviders: ["COGNITO", "Google"] })) };
    const edited = Date.now();
    fs.writeFileSync(file, JSON.stringify({ UserPools: [federated] }, null, 2));
    await eventually(async () => {
      const { UserPoolClient } = await clientExists(WEB);
      expect(UserPoolClient!.SupportedIdentityProviders).toEqual(["COGNITO", "Google"]);
    }, edited);
    const { IdentityProvider } = await idp.send(new DescribeIdentityProviderCommand({ UserPoolId: POOL, ProviderName: "Google" }));
    expect(IdentityProvider).toMatchObject({ ProviderType: "Google", AttributeMapping: { email: "email", username: "sub" } });

    const state = (await (await fetch(`${emu.url}/_emu/state`)).json()) as { UserPools: Array<{ Id: string; IdentityProviders?: unknown[] }> };
    expect(state.UserPools.find((p) => p.Id === POOL)!.IdentityProviders).toEqual([
      { ...google, ProviderDetails: expect.objectContaining(google.ProviderDetails) },
    ]);

    // A provider dropped from the file (with the client that named it) is removed from the pool.
    const removed = Date.now();
    fs.writeFileSync(file, JSON.stringify(poolDoc(["alice"], [WEB]), null, 2));
    await eventually(() => rejectsWith(idp.send(new DescribeIdentityProviderCommand({ UserPoolId: POOL, ProviderName: "Google" })), "ResourceNotFoundException"), removed);
  });
});

describe("MFA settings, passkeys and UI customization through /_emu/state", () => {
  const PASSKEY_POOL = "us-east-1_Passkeys01";
  const PASSKEY_WEB = "passkeywebclient000000001";
  const passkeyFixture = {
    UserPools: [
      {
        Id: PASSKEY_POOL,
        PoolName: "passkeys",
        MfaConfiguration: "OPTIONAL",
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
        Domain: "passkeys-e2e",
        Clients: [{ ClientId: PASSKEY_WEB, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
        Users: [{ Username: "pia", Password: "Passw0rd!", Attributes: { email: "pia@example.com", email_verified: "true", phone_number: "+15555550100", phone_number_verified: "true" } }],
      },
    ],
  };
  const dirs: string[] = [];
  const running: RunningEmulator[] = [];
  const clients: CognitoIdentityProviderClient[] = [];
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const emulator of running) await emulator.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  async function emulatorWith(document: object): Promise<CognitoIdentityProviderClient> {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-state-"));
    dirs.push(d);
    fs.writeFileSync(path.join(d, "state.json"), JSON.stringify(document, null, 2));
    const emulator = await startEmulator({ port: 0, fixtures: [d], quiet: true });
    running.push(emulator);
    const client = new CognitoIdentityProviderClient({ endpoint: emulator.url, region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 });
    clients.push(client);
    return client;
  }
  const passkeySignIn = async (client: CognitoIdentityProviderClient, authenticator: SoftwareAuthenticator) => {
    const started = await client.send(new InitiateAuthCommand({ ClientId: PASSKEY_WEB, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "pia", PREFERRED_CHALLENGE: "WEB_AUTHN" } }));
    expect(started.ChallengeName).toBe("WEB_AUTHN");
    const options = JSON.parse(started.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS) as RequestOptionsJson;
    const CREDENTIAL = JSON.stringify(authenticator.authenticate(options));
    return client.send(new RespondToAuthChallengeCommand({ ClientId: PASSKEY_WEB, ChallengeName: "WEB_AUTHN", Session: started.Session, ChallengeResponses: { USERNAME: "pia", CREDENTIAL } }));
  };

  it("keeps them across an export and a restart from the export", async () => {
    const first = await emulatorWith(passkeyFixture);
    await first.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: PASSKEY_POOL,
        MfaConfiguration: "OPTIONAL",
        SmsMfaConfiguration: { SmsAuthenticationMessage: "Your code is {####}" },
        SoftwareTokenMfaConfiguration: { Enabled: true },
        WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "preferred" },
      }),
    );
    await first.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: PASSKEY_POOL, Username: "pia", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    await first.send(new SetUICustomizationCommand({ UserPoolId: PASSKEY_POOL, CSS: ".banner-customizable { color: red; }" }));
    const signedIn = await first.send(new InitiateAuthCommand({ ClientId: PASSKEY_WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "pia", PASSWORD: "Passw0rd!" } }));
    // SMS MFA is on: the password sign-in asks for the code the emulator "sent".
    expect(signedIn.ChallengeName).toBe("SMS_MFA");
    const messages = await running[running.length - 1].messages({ username: "pia" });
    const code = messages[messages.length - 1].code!;
    const mfaDone = await first.send(
      new RespondToAuthChallengeCommand({ ClientId: PASSKEY_WEB, ChallengeName: "SMS_MFA", Session: signedIn.Session, ChallengeResponses: { USERNAME: "pia", SMS_MFA_CODE: code } }),
    );
    const token = mfaDone.AuthenticationResult!.AccessToken!;
    const authenticator = new SoftwareAuthenticator();
    const started = await first.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
    const Credential = authenticator.register(started.CredentialCreationOptions as unknown as CreationOptionsJson);
    await first.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: Credential as never }));
    expect((await passkeySignIn(first, authenticator)).AuthenticationResult?.AccessToken).toBeDefined();

    const state = (await (await fetch(`${running[running.length - 1].url}/_emu/state`)).json()) as {
      UserPools: Array<{ Id: string; Users: Array<Record<string, unknown>> } & Record<string, unknown>>;
    };
    const pool = state.UserPools.find((p) => p.Id === PASSKEY_POOL)!;
    expect(pool).toMatchObject({
      SmsMfaConfiguration: { SmsAuthenticationMessage: "Your code is {####}" },
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "preferred" },
      UICustomization: [{ ClientId: "ALL", CSS: ".banner-customizable { color: red; }" }],
    });
    expect(pool.Users[0]).toMatchObject({
      UserMFASettingList: ["SMS_MFA"],
      PreferredMfaSetting: "SMS_MFA",
      WebAuthnCredentials: [{ CredentialId: authenticator.credentialId, SignCount: authenticator.signCount, RelyingPartyId: "localhost", PublicKey: expect.any(String) }],
    });

    // A new emulator started from the export: the same authenticator signs in, and the settings are there.
    const second = await emulatorWith(state);
    expect((await passkeySignIn(second, authenticator)).AuthenticationResult?.AccessToken).toBeDefined();
    const user = await second.send(new AdminGetUserCommand({ UserPoolId: PASSKEY_POOL, Username: "pia" }));
    expect(user).toMatchObject({ UserMFASettingList: ["SMS_MFA"], PreferredMfaSetting: "SMS_MFA" });
    expect(await second.send(new GetUserPoolMfaConfigCommand({ UserPoolId: PASSKEY_POOL }))).toMatchObject({
      MfaConfiguration: "OPTIONAL",
      SmsMfaConfiguration: { SmsAuthenticationMessage: "Your code is {####}" },
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "preferred" },
    });
    expect((await second.send(new GetUICustomizationCommand({ UserPoolId: PASSKEY_POOL }))).UICustomization).toMatchObject({ CSS: ".banner-customizable { color: red; }" });
    const password = await second.send(new InitiateAuthCommand({ ClientId: PASSKEY_WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "pia", PASSWORD: "Passw0rd!" } }));
    expect(password.ChallengeName).toBe("SMS_MFA");
  });
});

describe("describe output pasted as a fixture", () => {
  it("serves the pool and client that `describe-user-pool` and `describe-user-pool-client` print, as printed", async () => {
    const source = await startTestEmulator();
    const target: { emu?: RunningEmulator } = {};
    try {
      const from = idpClient(source);
      const { UserPool: created } = await from.send(
        new CreateUserPoolCommand({
          PoolName: "copied",
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true, RequireSymbols: false, RequireLowercase: true, RequireUppercase: false } },
          Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: { MinLength: "1", MaxLength: "64" } }],
          AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
          UserPoolTags: { team: "auth" },
        }),
      );
      const poolId = created!.Id!;
      const { UserPoolClient: client } = await from.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], ReadAttributes: ["email", "custom:tenant"] }),
      );
      // What the AWS CLI prints (dates as ISO strings), pasted whole; the client's output inside the pool's Clients.
      const described = JSON.parse(JSON.stringify(await from.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))));
      const describedClient = JSON.parse(JSON.stringify(await from.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client!.ClientId! }))));
      delete described.$metadata;
      delete describedClient.$metadata;
      described.UserPool.Clients = [describedClient];

      target.emu = await startTestEmulator(described);
      const to = idpClient(target.emu);
      const strip = ({ CreationDate: _c, LastModifiedDate: _m, EstimatedNumberOfUsers: _n, ...rest }: Record<string, unknown>) => rest;
      const copy = (await to.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
      expect(strip(copy as Record<string, unknown>)).toEqual(strip(JSON.parse(JSON.stringify(created)) as Record<string, unknown>));
      const copiedClient = (await to.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client!.ClientId! }))).UserPoolClient!;
      expect(strip(copiedClient as Record<string, unknown>)).toEqual(strip(JSON.parse(JSON.stringify(client)) as Record<string, unknown>));
    } finally {
      await source.stop();
      await target.emu?.stop();
    }
  });
});
