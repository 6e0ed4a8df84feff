import fs from "node:fs";
import path from "node:path";
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetPrincipalTagAttributeMapCommand, SetPrincipalTagAttributeMapCommand } from "@aws-sdk/client-cognito-identity";
import {
  type CognitoIdentityProviderClient,
  CreateManagedLoginBrandingCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolDomainCommand,
  GetLogDeliveryConfigurationCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { StackSummary } from "../../src/fixtures/cloudformation";
import { type RunningEmulator, startEmulator } from "../../src/server/emulator";
import { idpClient, tempDir } from "../support/emulator";
import { stacksOf } from "../support/templates";

/**
 * The Cognito resource types whose settings have their own operations (threat protection, log
 * delivery, managed login branding, principal tags, the domain's version): a template's answer the
 * read operations exactly as the same inputs given to the write operations do.
 */
const dir = tempDir("cognito-emu-resources-");
const file = path.join(dir, "settings.yaml");
const LOGO = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex").toString("base64");
const template = (withRisk: boolean) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: settings
      UserPoolTier: PLUS
  Web:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: web
  Domain:
    Type: AWS::Cognito::UserPoolDomain
    Properties:
      UserPoolId: !Ref Pool
      Domain: settings-managed
      ManagedLoginVersion: 2
  Branding:
    Type: AWS::Cognito::ManagedLoginBranding
    Properties:
      UserPoolId: !Ref Pool
      ClientId: !Ref Web
      Settings:
        components:
          pageBackground:
            lightMode: { color: "f4f4f4ff" }
      Assets:
        - Category: FORM_LOGO
          ColorMode: LIGHT
          Extension: PNG
          Bytes: ${LOGO}
${
  withRisk
    ? `  Risk:
    Type: AWS::Cognito::UserPoolRiskConfigurationAttachment
    Properties:
      UserPoolId: !Ref Pool
      ClientId: ALL
      CompromisedCredentialsRiskConfiguration:
        Actions: { EventAction: BLOCK }
        EventFilter: [SIGN_IN, PASSWORD_CHANGE]
      RiskExceptionConfiguration:
        SkippedIPRangeList: [10.0.0.0/8]
`
    : ""
}  Logs:
    Type: AWS::Cognito::LogDeliveryConfiguration
    Properties:
      UserPoolId: !Ref Pool
      LogConfigurations:
        - EventSource: userNotification
          LogLevel: ERROR
          CloudWatchLogsConfiguration:
            LogGroupArn: !Sub arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/cognito/settings
  Identities:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
      CognitoIdentityProviders:
        - ClientId: !Ref Web
          ProviderName: !GetAtt Pool.ProviderName
  Tags:
    Type: AWS::Cognito::IdentityPoolPrincipalTag
    Properties:
      IdentityPoolId: !Ref Identities
      IdentityProviderName: !GetAtt Pool.ProviderName
      UseDefaults: false
      PrincipalTags:
        team: custom:team
Outputs:
  BrandingId:
    Value: !GetAtt Branding.ManagedLoginBrandingId
`;
fs.writeFileSync(file, template(true));

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;
let identity: CognitoIdentityClient;
let stack: StackSummary;
const physical = (logicalId: string) => stack.resources.find((r) => r.logicalId === logicalId)!.physicalId;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quiet: true, watch: true, fixtures: [file] });
  idp = idpClient(emu);
  identity = new CognitoIdentityClient({ endpoint: emu.url, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 });
  [stack] = await stacksOf(emu.url);
});
afterAll(async () => {
  idp?.destroy();
  identity?.destroy();
  await emu?.stop();
});

/** Without the ids and dates that differ between two pools (a domain's Version is its creation time). */
function settings<T extends object>(value: T | undefined): Record<string, unknown> {
  const drop = new Set(["UserPoolId", "ClientId", "IdentityPoolId", "IdentityProviderName", "ManagedLoginBrandingId", "CreationDate", "LastModifiedDate", "Domain", "CloudFrontDistribution", "$metadata", "Version"]);
  return JSON.parse(JSON.stringify(value ?? {}, (key, v) => (drop.has(key) ? undefined : v)));
}

describe("Cognito settings that have their own operations, from a template", () => {
  it("answers the read operations as the same inputs given to the write operations do", async () => {
    const poolId = physical("Pool");
    const clientId = physical("Web");
    const identityPoolId = physical("Identities");
    const provider = `cognito-idp.us-east-1.amazonaws.com/${poolId}`;
    expect(stack.outputs.BrandingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(stack.unsupported).toEqual([]);

    const created = await idp.send(new CreateUserPoolCommand({ PoolName: "settings", UserPoolTier: "PLUS" }));
    const apiPool = created.UserPool!.Id!;
    const apiClient = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: apiPool, ClientName: "web" }))).UserPoolClient!.ClientId!;
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: apiPool, Domain: "settings-api", ManagedLoginVersion: 2 }));
    await idp.send(
      new CreateManagedLoginBrandingCommand({
        UserPoolId: apiPool,
        ClientId: apiClient,
        Settings: { components: { pageBackground: { lightMode: { color: "f4f4f4ff" } } } },
        Assets: [{ Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "PNG", Bytes: Buffer.from(LOGO, "base64") }],
      }),
    );
    await idp.send(
      new SetRiskConfigurationCommand({
        UserPoolId: apiPool,
        ClientId: "ALL",
        CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: "BLOCK" }, EventFilter: ["SIGN_IN", "PASSWORD_CHANGE"] },
        RiskExceptionConfiguration: { SkippedIPRangeList: ["10.0.0.0/8"] },
      }),
    );
    await idp.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: apiPool,
        LogConfigurations: [{ EventSource: "userNotification", LogLevel: "ERROR", CloudWatchLogsConfiguration: { LogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cognito/settings" } }],
      }),
    );
    const apiIdentityPool = (
      await identity.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: "api",
          AllowUnauthenticatedIdentities: false,
          CognitoIdentityProviders: [{ ClientId: apiClient, ProviderName: `cognito-idp.us-east-1.amazonaws.com/${apiPool}` }],
        }),
      )
    ).IdentityPoolId!;
    await identity.send(
      new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: apiIdentityPool, IdentityProviderName: `cognito-idp.us-east-1.amazonaws.com/${apiPool}`, UseDefaults: false, PrincipalTags: { team: "custom:team" } }),
    );

    const domain = async (name: string) => settings((await idp.send(new DescribeUserPoolDomainCommand({ Domain: name }))).DomainDescription);
    expect(await domain("settings-managed")).toEqual(await domain("settings-api"));
    expect(await domain("settings-managed")).toMatchObject({ ManagedLoginVersion: 2 });

    const branding = async (pool: string, client: string) => (await idp.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: pool, ClientId: client }))).ManagedLoginBranding;
    const fromTemplate = await branding(poolId, clientId);
    expect(fromTemplate!.ManagedLoginBrandingId).toBe(stack.outputs.BrandingId);
    expect(settings(fromTemplate)).toEqual(settings(await branding(apiPool, apiClient)));

    const risk = async (pool: string) => (await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool }))).RiskConfiguration;
    expect(settings(await risk(poolId))).toEqual(settings(await risk(apiPool)));
    expect(await risk(poolId)).toHaveProperty("CompromisedCredentialsRiskConfiguration.Actions.EventAction", "BLOCK");

    const logs = async (pool: string) => (await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool }))).LogDeliveryConfiguration;
    expect(settings(await logs(poolId))).toEqual(settings(await logs(apiPool)));
    expect((await logs(poolId))!.LogConfigurations).toHaveLength(1);

    const tags = async (pool: string, name: string) => identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: pool, IdentityProviderName: name }));
    expect(settings(await tags(identityPoolId, provider))).toEqual(settings(await tags(apiIdentityPool, `cognito-idp.us-east-1.amazonaws.com/${apiPool}`)));
    expect((await tags(identityPoolId, provider)).PrincipalTags).toEqual({ team: "custom:team" });
  });

  it("removes a setting the edited template no longer defines, and keeps the rest", async () => {
    const poolId = physical("Pool");
    fs.writeFileSync(file, template(false));
    const risk = async () => (await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId }))).RiskConfiguration;
    const deadline = Date.now() + 5000;
    while ((await risk())?.CompromisedCredentialsRiskConfiguration && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await risk()).toEqual({ UserPoolId: poolId, ClientId: "ALL" });
    const { LogDeliveryConfiguration } = await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
    expect(LogDeliveryConfiguration!.LogConfigurations).toHaveLength(1);
  });
});
