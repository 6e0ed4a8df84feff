import fs from "node:fs";
import path from "node:path";
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { App, CfnOutput, Duration, Stack } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { decodeJwt } from "jose";
import type { StackSummary } from "../../src/fixtures/cloudformation";
import { type RunningEmulator, startEmulator } from "../../src/server/emulator";
import { idpClient, tempDir } from "../support/emulator";
import { clientSettings, identityPoolCredentials, poolSettings, signInThroughHostedUi, stacksOf } from "../support/templates";

/**
 * A CDK app synthesized here with aws-cdk-lib, its cloud assembly (cdk.out) given to the emulator as
 * fixtures: the pre-sign-up function runs from the asset CDK staged, and the pool, client, domain,
 * groups and identity pool are served as the template defines them.
 */
const CALLBACK = "http://localhost:3000/callback";
const project = tempDir("cognito-emu-cdk-");
const assetDir = path.join(project, "lambda", "pre-sign-up");
const outdir = path.join(project, "cdk.out");

fs.mkdirSync(assetDir, { recursive: true });
fs.writeFileSync(
  path.join(assetDir, "index.js"),
  `exports.handler = async (event) => {
     if (!event.request.userAttributes.email.endsWith("@example.com")) throw new Error("only example.com addresses may sign up");
     event.response.autoConfirmUser = true;
     event.response.autoVerifyEmail = true;
     return event;
   };`,
);

function synthesize(): void {
  const app = new App({ outdir });
  const stack = new Stack(app, "AuthStack", { stackName: "shop-auth" });
  const preSignUp = new lambda.Function(stack, "PreSignUp", { runtime: lambda.Runtime.NODEJS_22_X, handler: "index.handler", code: lambda.Code.fromAsset(assetDir) });
  const pool = new cognito.UserPool(stack, "Users", {
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    passwordPolicy: { minLength: 10, requireSymbols: false },
    lambdaTriggers: { preSignUp },
  });
  const web = pool.addClient("Web", {
    authFlows: { userPassword: true, userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL], callbackUrls: [CALLBACK] },
    accessTokenValidity: Duration.minutes(30),
  });
  const domain = pool.addDomain("Domain", { cognitoDomain: { domainPrefix: "shop-cdk-test" } });
  const identityPool = new cognito.CfnIdentityPool(stack, "Identities", {
    allowUnauthenticatedIdentities: false,
    cognitoIdentityProviders: [{ clientId: web.userPoolClientId, providerName: pool.userPoolProviderName }],
  });
  const signedIn = new iam.Role(stack, "SignedIn", {
    assumedBy: new iam.FederatedPrincipal(
      "cognito-identity.amazonaws.com",
      { StringEquals: { "cognito-identity.amazonaws.com:aud": identityPool.ref }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } },
      "sts:AssumeRoleWithWebIdentity",
    ),
  });
  new cognito.CfnUserPoolGroup(stack, "Admins", { userPoolId: pool.userPoolId, groupName: "admins", precedence: 1, roleArn: signedIn.roleArn });
  new cognito.CfnUserPoolGroup(stack, "Readers", { userPoolId: pool.userPoolId, groupName: "readers", precedence: 10 });
  new cognito.CfnIdentityPoolRoleAttachment(stack, "Roles", { identityPoolId: identityPool.ref, roles: { authenticated: signedIn.roleArn } });
  new CfnOutput(stack, "UserPoolId", { value: pool.userPoolId });
  new CfnOutput(stack, "ClientId", { value: web.userPoolClientId });
  new CfnOutput(stack, "IdentityPoolId", { value: identityPool.ref });
  new CfnOutput(stack, "ProviderName", { value: pool.userPoolProviderName });
  new CfnOutput(stack, "HostedUi", { value: domain.baseUrl() });
  app.synth();
}

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;
let stack: StackSummary;

beforeAll(async () => {
  synthesize();
  emu = await startEmulator({ port: 0, quiet: true, watch: false, fixtures: [outdir] });
  idp = idpClient(emu);
  [stack] = await stacksOf(emu.url);
}, 60_000);
afterAll(async () => {
  idp?.destroy();
  await emu?.stop();
});

describe("a CDK app's cloud assembly as fixtures", () => {
  it("loads the stack under its CDK stack name, with physical ids and resolved outputs at /_emu/stacks", () => {
    expect(stack.stackName).toBe("shop-auth");
    expect(stack.file).toBe(path.join(outdir, "AuthStack.template.json"));
    const physical = (type: string) => stack.resources.filter((r) => r.type === type).map((r) => r.physicalId);
    const [poolId] = physical("AWS::Cognito::UserPool");
    expect(poolId).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(stack.outputs).toEqual({
      UserPoolId: poolId,
      ClientId: physical("AWS::Cognito::UserPoolClient")[0],
      IdentityPoolId: physical("AWS::Cognito::IdentityPool")[0],
      ProviderName: `cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      HostedUi: "https://shop-cdk-test.auth.us-east-1.amazoncognito.com",
    });
    expect(physical("AWS::Cognito::UserPoolGroup")).toEqual(["admins", "readers"]);
    expect(physical("AWS::Lambda::Function")[0]).toMatch(/^shop-auth-PreSignUp[0-9A-F]{8}-[0-9A-Z]{12}$/);
    // CDK's permission for Cognito to call the function is named, not silently dropped.
    expect(stack.unsupported).toEqual([expect.stringMatching(/^Resources\.UsersPreSignUpCognito[0-9A-F]{8}: AWS::Lambda::Permission is not modelled/)]);
  });

  it("signs a user up through the pre-sign-up function CDK staged, then in through the hosted UI, then into the identity pool", async () => {
    const { UserPoolId, ClientId, IdentityPoolId, ProviderName } = stack.outputs as Record<string, string>;
    await expect(
      idp.send(new SignUpCommand({ ClientId, Username: "mallory@elsewhere.test", Password: "Passw0rd!!", UserAttributes: [{ Name: "email", Value: "mallory@elsewhere.test" }] })),
    ).rejects.toMatchObject({ name: "UserLambdaValidationException", message: "PreSignUp failed with error only example.com addresses may sign up." });
    const signedUp = await idp.send(new SignUpCommand({ ClientId, Username: "ann@example.com", Password: "Passw0rd!!", UserAttributes: [{ Name: "email", Value: "ann@example.com" }] }));
    expect(signedUp.UserConfirmed).toBe(true);

    const tokens = await signInThroughHostedUi(emu.url, { clientId: ClientId, redirectUri: CALLBACK }, "ann@example.com", "Passw0rd!!");
    expect(decodeJwt(tokens.id_token)).toMatchObject({ email: "ann@example.com", email_verified: true, aud: ClientId, iss: `${emu.url}/${UserPoolId}` });

    const role = stack.resources.find((r) => r.logicalId.startsWith("SignedIn"))!.physicalId;
    const { callerArn } = await identityPoolCredentials(emu.url, IdentityPoolId, ProviderName, tokens.id_token);
    expect(callerArn).toMatch(new RegExp(`^arn:aws:sts::123456789012:assumed-role/${role}/`));
  });

  it("serves the groups with the role ARNs the template resolves", async () => {
    const { UserPoolId } = stack.outputs as Record<string, string>;
    const role = stack.resources.find((r) => r.logicalId.startsWith("SignedIn"))!.physicalId;
    const { Groups } = await idp.send(new ListGroupsCommand({ UserPoolId }));
    expect(Groups!.map(({ GroupName, Precedence, RoleArn }) => ({ GroupName, Precedence, RoleArn }))).toEqual([
      { GroupName: "admins", Precedence: 1, RoleArn: `arn:aws:iam::123456789012:role/${role}` },
      { GroupName: "readers", Precedence: 10, RoleArn: undefined },
    ]);
  });

  it("answers DescribeUserPool and DescribeUserPoolClient as for the same pool and client created through the API", async () => {
    const template = JSON.parse(fs.readFileSync(stack.file, "utf8")) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const resource = (type: string) => Object.values(template.Resources).find((r) => r.Type === type)!.Properties;
    const { UserPoolId, ClientId } = stack.outputs as Record<string, string>;
    const fromTemplate = await idp.send(new DescribeUserPoolCommand({ UserPoolId }));
    const fromTemplateClient = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }));

    // The template's properties are CreateUserPool's and CreateUserPoolClient's inputs under the same names;
    // only the trigger's ARN is an intrinsic function, and the pool name is CloudFormation's.
    const { LambdaConfig: _trigger, ...poolProperties } = resource("AWS::Cognito::UserPool");
    const created = await idp.send(
      new CreateUserPoolCommand({ ...poolProperties, PoolName: fromTemplate.UserPool!.Name!, LambdaConfig: fromTemplate.UserPool!.LambdaConfig }),
    );
    const { UserPoolId: _pool, ...clientProperties } = resource("AWS::Cognito::UserPoolClient");
    const createdClient = await idp.send(new CreateUserPoolClientCommand({ ...clientProperties, UserPoolId: created.UserPool!.Id!, ClientName: fromTemplateClient.UserPoolClient!.ClientName! }));

    const fromApi = await idp.send(new DescribeUserPoolCommand({ UserPoolId: created.UserPool!.Id! }));
    expect(poolSettings(fromTemplate)).toEqual(poolSettings(fromApi));
    const fromApiClient = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: created.UserPool!.Id!, ClientId: createdClient.UserPoolClient!.ClientId! }));
    expect(clientSettings(fromTemplateClient)).toEqual(clientSettings(fromApiClient));
    expect(clientSettings(fromTemplateClient)).toMatchObject({ AccessTokenValidity: 30, CallbackURLs: [CALLBACK], AllowedOAuthFlows: ["code"] });
  });
});
