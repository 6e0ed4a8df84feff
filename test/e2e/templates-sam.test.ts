import fs from "node:fs";
import path from "node:path";
import { CognitoIdentityClient, CreateIdentityPoolCommand, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, SetIdentityPoolRolesCommand } from "@aws-sdk/client-cognito-identity";
import {
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import type { StackSummary } from "../../src/fixtures/cloudformation";
import { type RunningEmulator, startEmulator } from "../../src/server/emulator";
import { idpClient, tempDir } from "../support/emulator";
import { clientSettings, identityPoolCredentials, poolSettings, signInThroughHostedUi, stacksOf } from "../support/templates";

/**
 * A SAM template as `sam init` projects write them: YAML with the short forms of the intrinsic
 * functions, a Node.js function in a code folder bound to the pool by a Cognito event.
 */
const CALLBACK = "http://localhost:3000/callback";
const project = tempDir("cognito-emu-sam-");
fs.mkdirSync(path.join(project, "src"));
fs.writeFileSync(
  path.join(project, "src", "app.js"),
  `exports.lambdaHandler = async (event) => {
     const email = event.request.userAttributes.email;
     if (!email.endsWith("@example.com")) throw new Error(\`\${email} may not sign up\`);
     event.response.autoConfirmUser = true;
     event.response.autoVerifyEmail = true;
     return event;
   };`,
);
const templateFile = path.join(project, "template.yaml");
fs.writeFileSync(
  templateFile,
  `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: The shop's sign-in

Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]

Mappings:
  Stages:
    dev:
      PasswordLength: 8
      Callback: ${CALLBACK}
    prod:
      PasswordLength: 12
      Callback: https://shop.example.com/callback

Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  InUsEast: !Or [!Equals [!Ref "AWS::Region", us-east-1], !Equals [!Ref "AWS::Region", us-east-2]]
  DevInUsEast: !And [!Condition IsDev, !Condition InUsEast]

Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 5
    Environment:
      Variables:
        STAGE: !Ref Stage

Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: !Sub shop-\${Stage}
      UsernameAttributes: [email]
      AutoVerifiedAttributes: [email]
      Policies:
        PasswordPolicy:
          MinimumLength: !FindInMap [Stages, !Ref Stage, PasswordLength]
          RequireSymbols: false
      UserPoolTags:
        stage: !Ref Stage
        region: !Select [0, !Split ["-", !Ref "AWS::Region"]]

  PreSignUpFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.lambdaHandler
      Events:
        SignUp:
          Type: Cognito
          Properties:
            UserPool: !Ref UserPool
            Trigger: PreSignUp
        Ping:
          Type: Api
          Properties:
            Path: /ping
            Method: get

  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      ClientName: !Join ["-", [web, !Ref Stage]]
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid, email]
      CallbackURLs:
        - !FindInMap [Stages, !Ref Stage, Callback]
      SupportedIdentityProviders: [COGNITO]
      IdTokenValidity: !If [IsProd, 1, 2]
      TokenValidityUnits:
        IdToken: hours

  HostedUiDomain:
    Type: AWS::Cognito::UserPoolDomain
    Properties:
      UserPoolId: !Ref UserPool
      Domain: !Sub shop-\${Stage}-\${AWS::AccountId}

  Customers:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      UserPoolId: !Ref UserPool
      GroupName: customers
      Description: !If [DevInUsEast, "Customers (dev)", !Ref "AWS::NoValue"]

  IdentityPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      IdentityPoolName: !Sub shop_\${Stage}
      AllowUnauthenticatedIdentities: false
      CognitoIdentityProviders:
        - ClientId: !Ref WebClient
          ProviderName: !GetAtt UserPool.ProviderName

  CustomerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub shop-\${Stage}-customer
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Federated: cognito-identity.amazonaws.com }
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: { "cognito-identity.amazonaws.com:aud": !Ref IdentityPool }

  IdentityPoolRoles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref IdentityPool
      Roles:
        authenticated: !GetAtt CustomerRole.Arn

Outputs:
  UserPoolId:
    Value: !Ref UserPool
  ClientId:
    Value: !Ref WebClient
  IdentityPoolId:
    Value: !Ref IdentityPool
  ProviderName:
    Value: !GetAtt UserPool.ProviderName
  FunctionArn:
    Value: !GetAtt PreSignUpFunction.Arn
  FunctionRole:
    Value: !GetAtt PreSignUpFunctionRole.Arn
  ProdOnly:
    Condition: IsProd
    Value: !Ref UserPool
`,
);

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;
let stack: StackSummary;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quiet: true, watch: false, fixtures: [project] });
  idp = idpClient(emu);
  [stack] = await stacksOf(emu.url);
});
afterAll(async () => {
  idp?.destroy();
  await emu?.stop();
});

describe("a SAM template in YAML as fixtures", () => {
  it("resolves the short forms, conditions, mappings and SAM's implicit resources", () => {
    // SAM's template.yaml takes its project folder's name.
    expect(stack.stackName).toBe(path.basename(project).replace(/[^A-Za-z0-9-]+/g, "-"));
    const { UserPoolId, FunctionArn, FunctionRole, ProviderName } = stack.outputs as Record<string, string>;
    expect(Object.keys(stack.outputs).sort()).toEqual(["ClientId", "FunctionArn", "FunctionRole", "IdentityPoolId", "ProviderName", "UserPoolId"]);
    expect(ProviderName).toBe(`cognito-idp.us-east-1.amazonaws.com/${UserPoolId}`);
    const functionName = stack.resources.find((r) => r.logicalId === "PreSignUpFunction")!.physicalId;
    expect(FunctionArn).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${functionName}`);
    expect(FunctionRole).toBe(`arn:aws:iam::123456789012:role/${stack.resources.find((r) => r.logicalId === "PreSignUpFunctionRole")!.physicalId}`);
    expect(stack.unsupported).toEqual([
      "Resources.PreSignUpFunction.Properties.Events.Ping: event source Api is not modelled (ignored)",
      "Resources.PreSignUpFunction.Properties.Environment: not modelled: local triggers run in the emulator's process and see its environment (ignored)",
    ]);
  });

  it("signs a user up through the function bound by the Cognito event, in through the hosted UI, and into the identity pool", async () => {
    const { UserPoolId, ClientId, IdentityPoolId, ProviderName } = stack.outputs as Record<string, string>;
    const signUp = (email: string, password = "Passw0rd") =>
      idp.send(new SignUpCommand({ ClientId, Username: email, Password: password, UserAttributes: [{ Name: "email", Value: email }] }));
    await expect(signUp("eve@elsewhere.test")).rejects.toMatchObject({ name: "UserLambdaValidationException", message: "PreSignUp failed with error eve@elsewhere.test may not sign up." });
    expect((await signUp("bo@example.com")).UserConfirmed).toBe(true);

    const tokens = await signInThroughHostedUi(emu.url, { clientId: ClientId, redirectUri: CALLBACK }, "bo@example.com", "Passw0rd");
    const claims = decodeJwt(tokens.id_token);
    expect(claims).toMatchObject({ email: "bo@example.com", aud: ClientId, iss: `${emu.url}/${UserPoolId}` });
    // IdTokenValidity 2 hours, from Fn::If on the Stage parameter.
    expect(claims.exp! - claims.iat!).toBe(7200);

    const { callerArn } = await identityPoolCredentials(emu.url, IdentityPoolId, ProviderName, tokens.id_token);
    expect(callerArn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/shop-dev-customer\//);
  });

  it("answers DescribeUserPool, DescribeUserPoolClient and GetGroup as for the same inputs given to the API", async () => {
    const { UserPoolId, ClientId, FunctionArn } = stack.outputs as Record<string, string>;
    const created = await idp.send(
      new CreateUserPoolCommand({
        PoolName: "shop-dev",
        UsernameAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
        Policies: { PasswordPolicy: { MinimumLength: 8, RequireSymbols: false } },
        UserPoolTags: { stage: "dev", region: "us" },
        LambdaConfig: { PreSignUp: FunctionArn },
      }),
    );
    const poolId = created.UserPool!.Id!;
    const client = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "web-dev",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "email"],
        CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ["COGNITO"],
        IdTokenValidity: 2,
        TokenValidityUnits: { IdToken: "hours" },
      }),
    );
    await idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "customers", Description: "Customers (dev)" }));

    expect(poolSettings(await idp.send(new DescribeUserPoolCommand({ UserPoolId })))).toEqual(poolSettings(await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))));
    expect(clientSettings(await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId })))).toEqual(
      clientSettings(await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.UserPoolClient!.ClientId! }))),
    );
    const group = async (id: string) => {
      const { Group } = await idp.send(new GetGroupCommand({ UserPoolId: id, GroupName: "customers" }));
      const { UserPoolId: _pool, CreationDate: _created, LastModifiedDate: _modified, ...rest } = Group!;
      return rest;
    };
    expect(await group(UserPoolId)).toEqual(await group(poolId));
  });

  it("answers DescribeIdentityPool and GetIdentityPoolRoles as CreateIdentityPool and SetIdentityPoolRoles with the same inputs", async () => {
    const { IdentityPoolId, ClientId, ProviderName } = stack.outputs as Record<string, string>;
    const identity = new CognitoIdentityClient({ endpoint: emu.url, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 });
    try {
      const created = await identity.send(
        new CreateIdentityPoolCommand({ IdentityPoolName: "shop_dev", AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ClientId, ProviderName }] }),
      );
      await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: created.IdentityPoolId, Roles: { authenticated: "arn:aws:iam::123456789012:role/shop-dev-customer" } }));
      const described = async (id: string) => {
        const { $metadata: _, IdentityPoolId: _id, ...pool } = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
        const { $metadata: __, IdentityPoolId: ___, ...roles } = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
        return { pool, roles };
      };
      expect(await described(IdentityPoolId)).toEqual(await described(created.IdentityPoolId!));
    } finally {
      identity.destroy();
    }
  });
});
