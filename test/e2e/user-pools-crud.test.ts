import {
  AddCustomAttributesCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolRequest,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator } from "../support/emulator";

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

const client = (region: string) =>
  new CognitoIdentityProviderClient({ endpoint: emu.url, region, credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 });

beforeAll(async () => {
  emu = await startTestEmulator();
  idp = client("us-east-1");
});

const createdPools: string[] = [];

afterAll(async () => {
  // Each new pool generates its signing keys in the background; let that finish so the test process can exit.
  await Promise.all(createdPools.map((id) => emu.services.tokens.ensureKeys(id)));
  await emu.stop();
});

const UNKNOWN_POOL = "us-east-1_NotThere0";

async function createPool(input: CreateUserPoolRequest, sdk = idp) {
  const { UserPool } = await sdk.send(new CreateUserPoolCommand(input));
  createdPools.push(UserPool!.Id!);
  return UserPool!;
}

async function newPool(name = "crud"): Promise<string> {
  return (await createPool({ PoolName: name })).Id!;
}

describe("user pools through the AWS SDK", () => {
  it("creates a pool with Cognito's defaults and describes it", async () => {
    const created = await createPool({ PoolName: "defaults" });
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: created.Id }));
    expect(UserPool).toMatchObject({
      Id: created.Id,
      Name: "defaults",
      Policies: {
        PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 },
        SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
      },
      DeletionProtection: "INACTIVE",
      LambdaConfig: {},
      MfaConfiguration: "OFF",
      EstimatedNumberOfUsers: 0,
      VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
      EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
      UserPoolTier: "ESSENTIALS",
      Arn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${created.Id}`,
    });
    expect(UserPool!.CreationDate).toBeInstanceOf(Date);
    expect(UserPool!.CreationDate!.getTime()).toBe(created.CreationDate!.getTime());
    expect(UserPool!.SchemaAttributes!.map((a) => a.Name)).toEqual([
      "sub", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
      "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
      "phone_number_verified", "address", "updated_at", "identities",
    ]);
  });

  it("updates a pool, resetting what the update leaves out, and adds custom attributes", async () => {
    const pool = await createPool({ PoolName: "before", MfaConfiguration: "OPTIONAL", AutoVerifiedAttributes: ["email"], Schema: [{ Name: "tier", AttributeDataType: "String" }] });
    const id = pool.Id!;
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: id, PoolName: "after", DeletionProtection: "ACTIVE" }));
    await idp.send(new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: [{ Name: "plan", AttributeDataType: "Number", Mutable: false }] }));
    const { UserPool: updated } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(updated).toMatchObject({ Name: "after", DeletionProtection: "ACTIVE", MfaConfiguration: "OFF" });
    expect(updated!.AutoVerifiedAttributes).toBeUndefined();
    expect(updated!.SchemaAttributes!.slice(-2)).toEqual([
      { Name: "custom:tier", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: {} },
      { Name: "custom:plan", AttributeDataType: "Number", DeveloperOnlyAttribute: false, Mutable: false, Required: false, NumberAttributeConstraints: {} },
    ]);

    await expect(idp.send(new DeleteUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
    });
    await expect(idp.send(new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: [{ Name: "plan", AttributeDataType: "String" }] }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "custom:plan: Existing attribute already has name custom:plan.",
    });
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: id }));
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await expect(idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `User pool ${id} does not exist.`,
    });
  });

  it("lists the signing region's pools page by page", async () => {
    const region = "ap-southeast-2";
    const sydney = client(region);
    const ids: string[] = [];
    for (const name of ["one", "two", "three"]) ids.push((await createPool({ PoolName: name }, sydney)).Id!);
    expect(ids.every((id) => id.startsWith(`${region}_`))).toBe(true);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sydney.send(new ListUserPoolsCommand({ MaxResults: 1, NextToken }));
      expect(page.UserPools!.length).toBeLessThanOrEqual(1);
      for (const pool of page.UserPools!) {
        expect(pool).toMatchObject({ LambdaConfig: {} });
        expect(pool.CreationDate).toBeInstanceOf(Date);
        seen.push(pool.Id!);
      }
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen.sort()).toEqual([...ids].sort());
    const inUs = await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(inUs.UserPools!.map((p) => p.Id)).not.toContain(ids[0]);
  });

  it("refuses invalid pool settings", async () => {
    await expect(idp.send(new CreateUserPoolCommand({ PoolName: "both", UsernameAttributes: ["email"], AliasAttributes: ["email"] }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
    });
    await expect(idp.send(new CreateUserPoolCommand({ PoolName: "req", Schema: [{ Name: "x", AttributeDataType: "String", Required: true }] }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Required custom attributes are not supported currently.",
    });
    await expect(idp.send(new ListUserPoolsCommand({ MaxResults: 0 }))).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("answers ResourceNotFoundException for unknown pools", async () => {
    const notFound = { name: "ResourceNotFoundException", message: `User pool ${UNKNOWN_POOL} does not exist.` };
    await expect(idp.send(new DescribeUserPoolCommand({ UserPoolId: UNKNOWN_POOL }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new UpdateUserPoolCommand({ UserPoolId: UNKNOWN_POOL }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new DeleteUserPoolCommand({ UserPoolId: UNKNOWN_POOL }))).rejects.toMatchObject(notFound);
    await expect(
      idp.send(new AddCustomAttributesCommand({ UserPoolId: UNKNOWN_POOL, CustomAttributes: [{ Name: "x", AttributeDataType: "String" }] })),
    ).rejects.toMatchObject(notFound);
    await expect(idp.send(new CreateUserPoolClientCommand({ UserPoolId: UNKNOWN_POOL, ClientName: "web" }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new ListUserPoolClientsCommand({ UserPoolId: UNKNOWN_POOL }))).rejects.toMatchObject(notFound);
  });
});

describe("user pool clients through the AWS SDK", () => {
  it("creates, describes, updates, lists and deletes a client", async () => {
    const UserPoolId = await newPool("clients");
    const { UserPoolClient } = await idp.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "web", GenerateSecret: true }));
    const ClientId = UserPoolClient!.ClientId!;
    expect(ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(UserPoolClient).toMatchObject({
      UserPoolId,
      ClientName: "web",
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
      ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: "LEGACY",
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
    });
    expect(UserPoolClient!.ClientSecret).toHaveLength(51);
    expect(UserPoolClient!.CreationDate).toBeInstanceOf(Date);

    const described = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }));
    expect(described.UserPoolClient).toEqual(UserPoolClient);

    const { UserPoolClient: updated } = await idp.send(
      new UpdateUserPoolClientCommand({
        UserPoolId,
        ClientId,
        ClientName: "web-2",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "email"],
        CallbackURLs: ["http://localhost:3000/callback"],
        SupportedIdentityProviders: ["COGNITO"],
      }),
    );
    expect(updated).toMatchObject({ ClientName: "web-2", ClientSecret: UserPoolClient!.ClientSecret, AllowedOAuthFlows: ["code"], CallbackURLs: ["http://localhost:3000/callback"] });

    const second = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "mobile" }))).UserPoolClient!.ClientId!;
    const first = await idp.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 1 }));
    const rest = await idp.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 1, NextToken: first.NextToken }));
    expect([...first.UserPoolClients!, ...rest.UserPoolClients!]).toEqual([
      { ClientId, UserPoolId, ClientName: "web-2" },
      { ClientId: second, UserPoolId, ClientName: "mobile" },
    ]);
    expect(rest.NextToken).toBeUndefined();

    await idp.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId }));
    await expect(idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `User pool client ${ClientId} does not exist.`,
    });
  });

  it("refuses invalid client settings", async () => {
    const UserPoolId = await newPool("invalid-clients");
    const refused = (input: Omit<ConstructorParameters<typeof CreateUserPoolClientCommand>[0], "UserPoolId">) =>
      expect(idp.send(new CreateUserPoolClientCommand({ UserPoolId, ...input }))).rejects;
    await refused({ ClientName: "v", AccessTokenValidity: 25 }).toMatchObject({ name: "InvalidParameterException", message: "Invalid range for token validity." });
    await refused({ ClientName: "v", RefreshTokenValidity: 10, TokenValidityUnits: { RefreshToken: "minutes" } }).toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid range for token validity.",
    });
    await refused({ ClientName: "f", ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH", "ALLOW_USER_SRP_AUTH"] }).toMatchObject({ name: "InvalidParameterException" });
    await refused({ ClientName: "r", ReadAttributes: ["custom:missing"] }).toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid read attributes specified while creating a client",
    });
    await refused({ ClientName: "o", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code"] }).toMatchObject({
      name: "InvalidParameterException",
      message: "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
    });
    await refused({ ClientName: "o", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid"] }).toMatchObject({
      name: "InvalidOAuthFlowException",
      message: "CallbackUrls can not be empty when code flow or implicit flow is selected",
    });
    await refused({ ClientName: "m", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["api/read"] }).toMatchObject({
      name: "InvalidOAuthFlowException",
      message: "client_credentials flow can not be selected if client does not have a client secret.",
    });
    await refused({ ClientName: "h", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid"], CallbackURLs: ["http://example.com/cb"] }).toMatchObject({
      name: "InvalidParameterException",
      message: "http://example.com/cb cannot use the HTTP protocol.",
    });
    await refused({ ClientName: "" }).toMatchObject({ name: "InvalidParameterException", message: expect.stringMatching(/^\d+ validation errors? detected/) });
  });

  it("answers ResourceNotFoundException for a client that is not in the pool", async () => {
    const mine = await newPool("mine");
    const theirs = await newPool("theirs");
    const ClientId = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: theirs, ClientName: "web" }))).UserPoolClient!.ClientId!;
    const notFound = { name: "ResourceNotFoundException", message: `User pool client ${ClientId} does not exist.` };
    await expect(idp.send(new DescribeUserPoolClientCommand({ UserPoolId: mine, ClientId }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new UpdateUserPoolClientCommand({ UserPoolId: mine, ClientId, ClientName: "x" }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new DeleteUserPoolClientCommand({ UserPoolId: mine, ClientId }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new DescribeUserPoolClientCommand({ UserPoolId: UNKNOWN_POOL, ClientId }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: `User pool ${UNKNOWN_POOL} does not exist.`,
    });
  });

  it("removes a deleted pool's clients", async () => {
    const UserPoolId = await newPool("cascade");
    const ClientId = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "web" }))).UserPoolClient!.ClientId!;
    await idp.send(new DeleteUserPoolCommand({ UserPoolId }));
    expect(emu.services.tables.clients.has(ClientId)).toBe(false);
  });
});
