// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub writes ${Name} in plain strings.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUICustomizationCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { runCli, type StartedCli, startCli } from "../support/cli";
import { tempDir } from "../support/emulator";
import { clientSettings, poolSettings, stacksOf } from "../support/templates";

/**
 * A hand-written CloudFormation template in JSON, with parameters, conditions and mappings, given to
 * the real command line with --parameter overrides.
 */
const dir = tempDir("cognito-emu-cfn-");
const file = path.join(dir, "orders.template.json");
const template = {
  AWSTemplateFormatVersion: "2010-09-09",
  Description: "Orders sign-in",
  Parameters: {
    Stage: { Type: "String", Default: "dev", AllowedValues: ["dev", "prod"] },
    MinPasswordLength: { Type: "Number", Default: "8", MinValue: 6 },
    CallbackUrls: { Type: "CommaDelimitedList", Default: "http://localhost:3000/callback" },
    AdminEmail: { Type: "String", AllowedPattern: "[^@]+@[^@]+" },
  },
  Mappings: {
    StageSettings: {
      dev: { AccessMinutes: 60, Mfa: "OFF" },
      prod: { AccessMinutes: 15, Mfa: "OPTIONAL" },
    },
  },
  Conditions: {
    IsProd: { "Fn::Equals": [{ Ref: "Stage" }, "prod"] },
  },
  Resources: {
    Pool: {
      Type: "AWS::Cognito::UserPool",
      Properties: {
        UserPoolName: { "Fn::Sub": "orders-${Stage}" },
        AliasAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
        MfaConfiguration: { "Fn::FindInMap": ["StageSettings", { Ref: "Stage" }, "Mfa"] },
        EnabledMfas: { "Fn::If": ["IsProd", ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"], { Ref: "AWS::NoValue" }] },
        EmailAuthenticationSubject: "Your sign-in code",
        EmailAuthenticationMessage: "Your code is {####}",
        EmailConfiguration: { EmailSendingAccount: "DEVELOPER", SourceArn: { "Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/example.com" }, From: "orders@example.com" },
        Policies: { PasswordPolicy: { MinimumLength: { Ref: "MinPasswordLength" }, RequireSymbols: "false", TemporaryPasswordValidityDays: 3 } },
        Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: { MinLength: 1, MaxLength: "32" } }],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: "Welcome", EmailMessage: "Hello {username}, your password is {####}" } },
        UserPoolTags: { stage: { Ref: "Stage" } },
        DeletionProtection: { "Fn::If": ["IsProd", "ACTIVE", "INACTIVE"] },
        KeyConfiguration: { KeyType: "CUSTOMER_MANAGED" },
      },
    },
    Orders: {
      Type: "AWS::Cognito::UserPoolResourceServer",
      Properties: { UserPoolId: { Ref: "Pool" }, Identifier: "orders", Name: "Orders API", Scopes: [{ ScopeName: "read", ScopeDescription: "read orders" }] },
    },
    Google: {
      Type: "AWS::Cognito::UserPoolIdentityProvider",
      Properties: {
        UserPoolId: { Ref: "Pool" },
        ProviderName: "Google",
        ProviderType: "Google",
        ProviderDetails: { client_id: "google-client", client_secret: "google-secret", authorize_scopes: "openid email" },
        AttributeMapping: { email: "email" },
      },
    },
    Client: {
      Type: "AWS::Cognito::UserPoolClient",
      Properties: {
        UserPoolId: { Ref: "Pool" },
        ClientName: "orders-web",
        GenerateSecret: true,
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", { "Fn::Join": ["/", [{ Ref: "Orders" }, "read"]] }],
        CallbackURLs: { Ref: "CallbackUrls" },
        SupportedIdentityProviders: ["COGNITO", { Ref: "Google" }],
        AccessTokenValidity: { "Fn::FindInMap": ["StageSettings", { Ref: "Stage" }, "AccessMinutes"] },
        TokenValidityUnits: { AccessToken: "minutes" },
        PreventUserExistenceErrors: "ENABLED",
      },
    },
    Domain: { Type: "AWS::Cognito::UserPoolDomain", Condition: "IsProd", Properties: { UserPoolId: { Ref: "Pool" }, Domain: { "Fn::Sub": "orders-${AWS::AccountId}" } } },
    Look: {
      Type: "AWS::Cognito::UserPoolUICustomizationAttachment",
      Condition: "IsProd",
      DependsOn: "Domain",
      Properties: { UserPoolId: { Ref: "Pool" }, ClientId: { Ref: "Client" }, CSS: ".banner-customizable { background-color: #203040; }" },
    },
    Admins: { Type: "AWS::Cognito::UserPoolGroup", Properties: { UserPoolId: { Ref: "Pool" }, GroupName: { "Fn::Join": ["-", [{ Ref: "Stage" }, "admins"]] }, Precedence: "1" } },
    Admin: {
      Type: "AWS::Cognito::UserPoolUser",
      Properties: {
        UserPoolId: { Ref: "Pool" },
        Username: "admin",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [
          { Name: "email", Value: { Ref: "AdminEmail" } },
          { Name: "email_verified", Value: "true" },
          { Name: "custom:tenant", Value: "hq" },
        ],
      },
    },
    AdminInAdmins: { Type: "AWS::Cognito::UserPoolUserToGroupAttachment", Properties: { UserPoolId: { Ref: "Pool" }, GroupName: { Ref: "Admins" }, Username: { Ref: "Admin" } } },
    Alerts: { Type: "AWS::SNS::Topic", Properties: { TopicName: "orders-alerts" } },
  },
  Outputs: {
    UserPoolId: { Value: { Ref: "Pool" } },
    ClientId: { Value: { Ref: "Client" } },
    ClientSecret: { Value: { "Fn::GetAtt": ["Client", "ClientSecret"] } },
    Issuer: { Value: { "Fn::GetAtt": ["Pool", "ProviderURL"] } },
    HostedUi: { Condition: "IsProd", Value: { "Fn::Join": ["", ["https://", { Ref: "Domain" }, ".auth.", { Ref: "AWS::Region" }, ".amazoncognito.com"]] } },
  },
};
fs.writeFileSync(file, JSON.stringify(template, null, 2));

const PROD = ["--parameter", "Stage=prod", "--parameter", "AdminEmail=admin@example.com", "--parameter", "CallbackUrls=http://localhost:3000/cb,https://orders.example.com/cb", "--parameter", "MinPasswordLength=10"];

let cli: StartedCli;
let idp: CognitoIdentityProviderClient;

beforeAll(async () => {
  cli = await startCli(["--port", "0", "--no-watch", "--fixtures", file, ...PROD]);
  idp = new CognitoIdentityProviderClient({ endpoint: cli.url, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 });
});
afterAll(async () => {
  idp?.destroy();
  cli?.child.kill("SIGTERM");
  await cli?.exited;
});

const outputs = async () => (await stacksOf(cli.url))[0].outputs as Record<string, string>;

describe("a CloudFormation template in JSON through the command line", () => {
  it("prints the logical -> physical table at start and names what it does not model", async () => {
    const { UserPoolId, ClientId } = await outputs();
    const printed = cli.output();
    expect(printed).toMatch(/stack orders \(.*orders\.template\.json\): 10 resources/);
    // Each row is a log line, timed like the others.
    expect(printed).toMatch(new RegExp(`\\n\\d\\d:\\d\\d:\\d\\d   Pool +AWS::Cognito::UserPool +${UserPoolId}\\n`));
    expect(printed).toMatch(new RegExp(`\\n\\d\\d:\\d\\d:\\d\\d   Client +AWS::Cognito::UserPoolClient +${ClientId}\\n`));
    expect(printed).toMatch(/\n\d\d:\d\d:\d\d {3}Alerts +AWS::SNS::Topic +\(not modelled\)\n/);
    for (const line of [
      "Resources.Pool.Properties.EmailConfiguration: SES is not called: emails are recorded at /_emu/messages",
      "Resources.Pool.Properties.KeyConfiguration: not modelled (ignored)",
      "Resources.Alerts: AWS::SNS::Topic is not modelled (ignored)",
    ]) {
      expect(printed).toContain(`orders.template.json: ${line}\n`);
    }
  });

  it("applies the --parameter overrides through conditions and mappings, and resolves the outputs", async () => {
    const { UserPoolId, ClientId, ClientSecret, Issuer, HostedUi } = await outputs();
    expect(Issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${UserPoolId}`);
    expect(HostedUi).toBe("https://orders-123456789012.auth.us-east-1.amazoncognito.com");
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId }));
    expect(UserPool).toMatchObject({
      Name: "orders-prod",
      MfaConfiguration: "OPTIONAL",
      DeletionProtection: "ACTIVE",
      Domain: "orders-123456789012",
      UserPoolTags: { stage: "prod" },
      Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false, TemporaryPasswordValidityDays: 3 } },
    });
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }));
    expect(UserPoolClient).toMatchObject({
      ClientSecret,
      AccessTokenValidity: 15,
      CallbackURLs: ["http://localhost:3000/cb", "https://orders.example.com/cb"],
      AllowedOAuthScopes: ["openid", "orders/read"],
      SupportedIdentityProviders: ["COGNITO", "Google"],
    });
    const { ResourceServer } = await idp.send(new DescribeResourceServerCommand({ UserPoolId, Identifier: "orders" }));
    expect(ResourceServer).toMatchObject({ Name: "Orders API", Scopes: [{ ScopeName: "read", ScopeDescription: "read orders" }] });
    const { IdentityProvider } = await idp.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: "Google" }));
    expect(IdentityProvider).toMatchObject({ ProviderType: "Google", AttributeMapping: { email: "email" } });
    const { UICustomization } = await idp.send(new GetUICustomizationCommand({ UserPoolId, ClientId }));
    expect(UICustomization!.CSS).toBe(".banner-customizable { background-color: #203040; }");
  });

  it("creates the template's user as AdminCreateUser does: an invitation with a temporary password, and its group", async () => {
    const { UserPoolId, ClientId, ClientSecret } = await outputs();
    const { messages } = (await (await fetch(`${cli.url}/_emu/messages?userPoolId=${UserPoolId}&username=admin`)).json()) as {
      messages: Array<{ destination: string; subject: string; message: string; code: string; reason: string }>;
    };
    expect(messages).toHaveLength(1);
    const [invitation] = messages;
    expect(invitation).toMatchObject({ destination: "admin@example.com", subject: "Welcome", reason: "AdminCreateUser" });
    expect(invitation.message).toBe(`Hello admin, your password is ${invitation.code}`);

    const secretHash = createHmac("sha256", ClientSecret).update(`admin${ClientId}`).digest("base64");
    const signIn = await idp.send(
      new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "admin", PASSWORD: invitation.code, SECRET_HASH: secretHash } }),
    );
    expect(signIn.ChallengeName).toBe("NEW_PASSWORD_REQUIRED");
    const { Groups } = await idp.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: "admin" }));
    expect(Groups!.map((g) => [g.GroupName, g.Precedence])).toEqual([["prod-admins", 1]]);
  });

  it("answers DescribeUserPool, GetUserPoolMfaConfig and DescribeUserPoolClient as the same inputs given to the API do", async () => {
    const { UserPoolId, ClientId } = await outputs();
    // The template's properties as CreateUserPool, SetUserPoolMfaConfig and CreateUserPoolClient take them.
    const created = await idp.send(
      new CreateUserPoolCommand({
        PoolName: "orders-prod",
        AliasAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
        MfaConfiguration: "OPTIONAL",
        EmailConfiguration: { EmailSendingAccount: "DEVELOPER", SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com", From: "orders@example.com" },
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false, TemporaryPasswordValidityDays: 3 } },
        Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: { MinLength: "1", MaxLength: "32" } }],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: "Welcome", EmailMessage: "Hello {username}, your password is {####}" } },
        UserPoolTags: { stage: "prod" },
        DeletionProtection: "ACTIVE",
      }),
    );
    const poolId = created.UserPool!.Id!;
    await idp.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Subject: "Your sign-in code", Message: "Your code is {####}" },
      }),
    );
    const client = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "orders-web",
        GenerateSecret: true,
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
        CallbackURLs: ["http://localhost:3000/cb", "https://orders.example.com/cb"],
        SupportedIdentityProviders: ["COGNITO"],
        AccessTokenValidity: 15,
        TokenValidityUnits: { AccessToken: "minutes" },
        PreventUserExistenceErrors: "ENABLED",
      }),
    );
    expect(poolSettings(await idp.send(new DescribeUserPoolCommand({ UserPoolId })))).toEqual(poolSettings(await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))));
    const mfa = async (id: string) => idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: id })).then(({ $metadata: _, ...rest }) => rest);
    expect(await mfa(UserPoolId)).toEqual(await mfa(poolId));
    // The API's pool has no resource server or Google provider, so those two lists differ by design.
    const comparable = (settings: Record<string, unknown>) => ({ ...settings, AllowedOAuthScopes: undefined, SupportedIdentityProviders: undefined });
    expect(comparable(clientSettings(await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }))))).toEqual(
      comparable(clientSettings(await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.UserPoolClient!.ClientId! })))),
    );
  });

  it("refuses to start with one line naming a parameter without a value, or one no template declares", () => {
    const missing = runCli(["start", "--port", "0", "--no-watch", "--fixtures", file]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^cognito-emu: \S*orders\.template\.json: Parameters\.AdminEmail: parameter AdminEmail has no value: give --parameter AdminEmail=<value> \(or a Default\)\n$/);

    const bad = runCli(["start", "--port", "0", "--no-watch", "--fixtures", file], { COGNITO_EMU_PARAMETER: "AdminEmail=not-an-address" });
    expect(bad.stderr).toMatch(/Parameters\.AdminEmail: Parameter 'AdminEmail' must match pattern \[\^@\]\+@\[\^@\]\+\n$/);

    const unknown = runCli(["start", "--port", "0", "--no-watch", "--fixtures", file], { COGNITO_EMU_PARAMETER: "AdminEmail=a@example.com,Stgae=prod" });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/--parameter Stgae: no template declares a parameter Stgae\n$/);

    const malformed = runCli(["start", "--port", "0", "--no-watch", "--fixtures", file, "--parameter", "Stage"]);
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toContain('parameter "Stage" is not Key=Value');
  });
});
