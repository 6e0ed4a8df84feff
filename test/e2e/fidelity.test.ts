/**
 * Behaviour pinned against evidence of what Amazon Cognito itself answers: real responses quoted in
 * public reports, tests their authors ran against AWS, AWS's own SDK tests and the service models.
 * Each test names its evidence.
 */
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
} from "@aws-sdk/client-cognito-identity";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoSyncClient, DeleteDatasetCommand, ListDatasetsCommand, ListRecordsCommand, UpdateRecordsCommand } from "@aws-sdk/client-cognito-sync";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { GetFederationTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeJwt } from "jose";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";
import { Browser } from "../support/srp-client";

const REGION = "us-east-1";
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const IDENTITY_POOL = "us-east-1:00000000-0000-4000-8000-0000000000f1";
const EMAIL_POOL = "us-east-1_Fidelity01";
const EMAIL_WEB = "fidelityemailweb000000001";
const PHONE_POOL = "us-east-1_Fidelity02";
const PHONE_WEB = "fidelityphoneweb000000001";
const ALIAS_POOL = "us-east-1_Fidelity03";
const ALIAS_WEB = "fidelityaliasweb000000001";
const LOOSE_POOL = "us-east-1_Fidelity04";
const LOOSE_WEB = "fidelitylooseweb000000001";
const LOOSE_ALIAS_POOL = "us-east-1_Fidelity05";
const LOOSE_ALIAS_WEB = "fidelitylooseali000000001";
const PASSWORD = "Passw0rd!";
const flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

const fixture = {
  UserPools: [
    {
      // Signs in by email, with no UsernameConfiguration: Cognito's default, case-sensitive.
      Id: EMAIL_POOL,
      PoolName: "by-email",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Clients: [{ ClientId: EMAIL_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [{ Username: "ann@example.com", Password: PASSWORD, Attributes: { email: "ann@example.com", email_verified: "true" } }],
    },
    {
      Id: PHONE_POOL,
      PoolName: "by-phone",
      AutoVerifiedAttributes: ["phone_number"],
      Clients: [{ ClientId: PHONE_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [{ Username: "pat", Password: PASSWORD, Attributes: { phone_number: "+12065559934", phone_number_verified: "true" } }],
    },
    {
      // Email as an alias, default (case-sensitive) usernames.
      Id: ALIAS_POOL,
      PoolName: "email-alias",
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Clients: [{ ClientId: ALIAS_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [{ Username: "yan", Password: PASSWORD, Attributes: { email: "Yan@Example.com", email_verified: "true" } }],
    },
    {
      Id: LOOSE_POOL,
      PoolName: "by-email-any-case",
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      Clients: [{ ClientId: LOOSE_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
    },
    {
      Id: LOOSE_ALIAS_POOL,
      PoolName: "alias-any-case",
      AliasAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      Clients: [{ ClientId: LOOSE_ALIAS_WEB, ClientName: "web", ExplicitAuthFlows: flows }],
      Users: [{ Username: "Max", Password: PASSWORD, Attributes: { email: "Max@Example.com", email_verified: "true" } }],
    },
  ],
  IdentityPools: [
    {
      IdentityPoolId: IDENTITY_POOL,
      IdentityPoolName: "fidelity",
      AllowUnauthenticatedIdentities: true,
      DeveloperProviderName: "login.fidelity",
      CognitoIdentityProviders: [{ ProviderName: `cognito-idp.${REGION}.amazonaws.com/${ALIAS_POOL}`, ClientId: ALIAS_WEB }],
      Roles: { authenticated: "arn:aws:iam::123456789012:role/Member", unauthenticated: "arn:aws:iam::123456789012:role/Guest" },
    },
  ],
};

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const client = { endpoint: "", region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
const identity = () => new CognitoIdentityClient({ ...client, endpoint: emu.url });
const sync = (credentials: AwsCredentialIdentity = CREDENTIALS) => new CognitoSyncClient({ ...client, endpoint: emu.url, credentials });
const sts = () => new STSClient({ ...client, endpoint: emu.url });

describe("a request that breaks the model's constraints", () => {
  it("is a ValidationException from identity pools", async () => {
    // Real Cognito Identity answers (Error Code: ValidationException) "1 validation error detected: Value
    // '...' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression
    // pattern: ..." — quoted from AWS responses in getmoto/moto#1979 and
    // awslabs/serverless-automated-ui-testing#2; the same code for 'identityPoolId' in
    // aws/amazon-freertos#1829 and aws-amplify/amplify-swift#2864 (x-amzn-ErrorType: ValidationException).
    await expect(identity().send(new CreateIdentityPoolCommand({ IdentityPoolName: "pool#name", AllowUnauthenticatedIdentities: true }))).rejects.toMatchObject({
      name: "ValidationException",
      message: "1 validation error detected: Value 'pool#name' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("is an InvalidParameterException from user pools", async () => {
    // Cognito user pools name it InvalidParameterException: "An error occurred (InvalidParameterException)
    // ... 1 validation error detected: Value 'YOUR_USER_POOL_ID' at 'userPoolId' ..." (anomalyco/guide#127),
    // and "... Value '0' at 'maxResults' ..." (aws/aws-cli#3926).
    await expect(idpClient(emu).send(new CreateUserPoolCommand({ PoolName: "pool#name" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "1 validation error detected: Value 'pool#name' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    });
  });

  it("is an InvalidParameterException from Cognito Sync", async () => {
    // The Cognito Sync model declares InvalidParameterException as "Thrown when a request parameter does
    // not comply with the associated constraints" and declares no ValidationException.
    await expect(sync().send(new ListRecordsCommand({ IdentityPoolId: IDENTITY_POOL, IdentityId: "us-east-1:00000000-0000-4000-8000-000000000009", DatasetName: "a b" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringMatching(/^1 validation error detected: Value 'a b' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern/),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("is a ValidationError from STS", async () => {
    await expect(sts().send(new GetFederationTokenCommand({ Name: "x" }))).rejects.toMatchObject({ name: "ValidationError" });
  });
});

describe("CodeDeliveryDetails", () => {
  // Cognito masks an email as the first letter of each part: SignUp of test@test.com answers
  // "Destination": "t***@t***" (an AWS CLI response in a public write-up; the same value in tests that
  // mock Cognito's SignUp response), and amazon-cognito-identity-js's own tests mock
  // CodeDeliveryDetailsList with "e***@e***". A phone number keeps its last four digits: "+*******9934".
  const idp = () => idpClient(emu);
  const email = { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "t***@t***" };
  const phone = { AttributeName: "phone_number", DeliveryMedium: "SMS", Destination: "+*******9934" };

  it("masks an email the way Cognito does in SignUp, ResendConfirmationCode and ForgotPassword", async () => {
    const signedUp = await idp().send(new SignUpCommand({ ClientId: EMAIL_WEB, Username: "test@test.com", Password: PASSWORD }));
    expect(signedUp.CodeDeliveryDetails).toEqual(email);
    expect((await idp().send(new ResendConfirmationCodeCommand({ ClientId: EMAIL_WEB, Username: "test@test.com" }))).CodeDeliveryDetails).toEqual(email);
    await idp().send(new AdminUpdateUserAttributesCommand({ UserPoolId: EMAIL_POOL, Username: "ann@example.com", UserAttributes: [{ Name: "email", Value: "tom@tld.org" }, { Name: "email_verified", Value: "true" }] }));
    expect((await idp().send(new ForgotPasswordCommand({ ClientId: EMAIL_WEB, Username: "tom@tld.org" }))).CodeDeliveryDetails).toEqual(email);
  });

  it("masks an email in GetUserAttributeVerificationCode and UpdateUserAttributes' CodeDeliveryDetailsList", async () => {
    const { AuthenticationResult } = await idp().send(
      new InitiateAuthCommand({ ClientId: EMAIL_WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ann@example.com", PASSWORD } }),
    );
    const AccessToken = AuthenticationResult!.AccessToken!;
    expect((await idp().send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: "email" }))).CodeDeliveryDetails).toEqual({ ...email, Destination: "a***@e***" });
    const updated = await idp().send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: "email", Value: "test@test.com" }] }));
    expect(updated.CodeDeliveryDetailsList).toEqual([email]);
  });

  it("masks a phone number to its last four digits", async () => {
    const signedUp = await idp().send(new SignUpCommand({ ClientId: PHONE_WEB, Username: "sam", Password: PASSWORD, UserAttributes: [{ Name: "phone_number", Value: "+12065559934" }] }));
    expect(signedUp.CodeDeliveryDetails).toEqual(phone);
    expect((await idp().send(new ForgotPasswordCommand({ ClientId: PHONE_WEB, Username: "pat" }))).CodeDeliveryDetails).toEqual(phone);
  });
});

describe("Boolean attributes", () => {
  // Cognito takes email_verified "True" in AdminCreateUser and keeps it as written: users created that
  // way read back "True" and are verified (aws-amplify/amplify-js#8205, #7917).
  const idp = () => idpClient(emu);
  const create = (Username: string, verified: string) =>
    idp().send(
      new AdminCreateUserCommand({ UserPoolId: ALIAS_POOL, Username, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: `${Username}@example.com` }, { Name: "email_verified", Value: verified }] }),
    );

  it("accepts True and TRUE, returns them as written, and counts them as verified", async () => {
    const { User } = await create("upper", "True");
    expect(User!.Attributes).toContainEqual({ Name: "email_verified", Value: "True" });
    await create("shout", "TRUE");
    const read = await idp().send(new AdminGetUserCommand({ UserPoolId: ALIAS_POOL, Username: "shout" }));
    expect(read.UserAttributes).toContainEqual({ Name: "email_verified", Value: "TRUE" });

    // A verified email alias signs in, and the ID token says so with a JSON boolean.
    await idp().send(new AdminSetUserPasswordCommand({ UserPoolId: ALIAS_POOL, Username: "upper", Password: PASSWORD, Permanent: true }));
    const { AuthenticationResult } = await idp().send(
      new InitiateAuthCommand({ ClientId: ALIAS_WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "upper@example.com", PASSWORD } }),
    );
    expect(decodeJwt(AuthenticationResult!.IdToken!)).toMatchObject({ "cognito:username": "upper", email_verified: true });
    expect((await idp().send(new ForgotPasswordCommand({ ClientId: ALIAS_WEB, Username: "upper" }))).CodeDeliveryDetails).toMatchObject({ DeliveryMedium: "EMAIL" });
  });

  it("still refuses a value that is not a boolean", async () => {
    await expect(create("maybe", "yes")).rejects.toMatchObject({ name: "InvalidParameterException" });
  });
});

describe("phone numbers", () => {
  // Cognito holds phone numbers to E.164 ("+", country code, digits) everywhere one is written and
  // answers InvalidParameterException "Invalid phone number format." otherwise: "555 555 5555" and
  // "555-555-6555" at SignUp (dabit3/gatsby-auth-starter-aws-amplify#31), a number without "+1" at
  // UpdateUserAttributes (aws-amplify/amplify-js#4176), a user created in the console
  // (amazon-archives/amazon-cognito-identity-js#316), a migrated user (aws-amplify/amplify-js#13761).
  const idp = () => idpClient(emu);
  const invalid = { name: "InvalidParameterException", message: "Invalid phone number format." };
  const phone = (Value: string) => [{ Name: "phone_number", Value }];

  it("refuses a number that is not E.164 in AdminCreateUser, SignUp and attribute updates", async () => {
    await expect(idp().send(new AdminCreateUserCommand({ UserPoolId: PHONE_POOL, Username: "nine", MessageAction: "SUPPRESS", UserAttributes: phone("555555555") }))).rejects.toMatchObject(invalid);
    for (const Value of ["555-555-6555", "+1 206-555-9934", "12065559934"]) {
      await expect(idp().send(new SignUpCommand({ ClientId: PHONE_WEB, Username: "dashes", Password: PASSWORD, UserAttributes: phone(Value) }))).rejects.toMatchObject(invalid);
    }
    await expect(idp().send(new AdminUpdateUserAttributesCommand({ UserPoolId: PHONE_POOL, Username: "pat", UserAttributes: phone("2065559934") }))).rejects.toMatchObject(invalid);
  });

  it("takes a number with its country code", async () => {
    const { User } = await idp().send(new AdminCreateUserCommand({ UserPoolId: PHONE_POOL, Username: "e164", MessageAction: "SUPPRESS", UserAttributes: phone("+442079460958") }));
    expect(User!.Attributes).toContainEqual({ Name: "phone_number", Value: "+442079460958" });
  });
});

describe("case of sign-in names", () => {
  // The service model (UsernameConfigurationType.CaseSensitive): true "is the default value" and then
  // "users must sign in using the exact capitalization of their given username"; only false makes
  // usernames and the email and preferred_username aliases case-insensitive, and "When CaseSensitive is
  // true, Amazon Cognito interprets USERNAME and UserName as distinct users."
  const idp = () => idpClient(emu);
  const passwordSignIn = (ClientId: string, USERNAME: string) =>
    idp().send(new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD } }));
  const srpSignIn = (poolId: string, clientId: string, username: string) => new Browser(emu.url, poolId, clientId).signIn(username, PASSWORD);
  const createByEmail = (UserPoolId: string, Username: string) =>
    idp().send(new AdminCreateUserCommand({ UserPoolId, Username, TemporaryPassword: PASSWORD, MessageAction: "SUPPRESS" }));
  const makePermanent = (UserPoolId: string, Username: string) => idp().send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: PASSWORD, Permanent: true }));

  it("keeps the exact capitalization of an email username in a pool that does not say otherwise", async () => {
    await createByEmail(EMAIL_POOL, "Yan@Example.com");
    await makePermanent(EMAIL_POOL, "Yan@Example.com");
    await expect(passwordSignIn(EMAIL_WEB, "Yan@Example.com")).resolves.toHaveProperty("AuthenticationResult.IdToken");
    await expect(srpSignIn(EMAIL_POOL, EMAIL_WEB, "Yan@Example.com")).resolves.toHaveProperty("session");
    await expect(passwordSignIn(EMAIL_WEB, "yan@example.com")).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(srpSignIn(EMAIL_POOL, EMAIL_WEB, "yan@example.com")).rejects.toMatchObject({ code: "UserNotFoundException" });

    await expect(idp().send(new AdminGetUserCommand({ UserPoolId: EMAIL_POOL, Username: "ANN@EXAMPLE.COM" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
    // Another capitalization is another user.
    const { User } = await createByEmail(EMAIL_POOL, "Ann@Example.com");
    expect(User!.Attributes).toContainEqual({ Name: "email", Value: "Ann@Example.com" });
  });

  it("keeps the exact capitalization of an email alias in a pool that does not say otherwise", async () => {
    await expect(passwordSignIn(ALIAS_WEB, "Yan@Example.com")).resolves.toHaveProperty("AuthenticationResult.IdToken");
    await expect(passwordSignIn(ALIAS_WEB, "yan@example.com")).rejects.toMatchObject({ name: "UserNotFoundException" });
    await expect(srpSignIn(ALIAS_POOL, ALIAS_WEB, "YAN@EXAMPLE.COM")).rejects.toMatchObject({ code: "UserNotFoundException" });
    await expect(idp().send(new AdminGetUserCommand({ UserPoolId: ALIAS_POOL, Username: "yan@example.com" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("ignores case everywhere in a pool with CaseSensitive: false", async () => {
    await createByEmail(LOOSE_POOL, "Zoe@Example.com");
    await makePermanent(LOOSE_POOL, "zoe@example.com");
    await expect(passwordSignIn(LOOSE_WEB, "zoe@example.com")).resolves.toHaveProperty("AuthenticationResult.IdToken");
    await expect(srpSignIn(LOOSE_POOL, LOOSE_WEB, "ZOE@example.COM")).resolves.toHaveProperty("session");
    expect((await idp().send(new AdminGetUserCommand({ UserPoolId: LOOSE_POOL, Username: "ZOE@EXAMPLE.COM" }))).UserAttributes).toContainEqual({ Name: "email", Value: "Zoe@Example.com" });
    await expect(createByEmail(LOOSE_POOL, "zoe@example.com")).rejects.toMatchObject({ name: "UsernameExistsException" });

    // A plain username and an email alias alike.
    await expect(passwordSignIn(LOOSE_ALIAS_WEB, "max")).resolves.toHaveProperty("AuthenticationResult.IdToken");
    await expect(passwordSignIn(LOOSE_ALIAS_WEB, "max@example.com")).resolves.toHaveProperty("AuthenticationResult.IdToken");
    await expect(srpSignIn(LOOSE_ALIAS_POOL, LOOSE_ALIAS_WEB, "MAX@EXAMPLE.COM")).resolves.toHaveProperty("session");
  });
});

describe("AdminResetUserPassword", () => {
  // Cognito refuses to reset the password of a user who has not yet set one (FORCE_CHANGE_PASSWORD):
  // an admin panel calling AdminResetUserPassword for such a user got "User password cannot be reset
  // in the current state." (RunaVault/RunaVault#15, backend/edit_users/index.js); ForgotPassword answers
  // the same NotAuthorizedException for that state.
  const idp = () => idpClient(emu);
  const refused = { name: "NotAuthorizedException", message: "User password cannot be reset in the current state." };

  it("refuses a user who must still change the temporary password, as ForgotPassword does", async () => {
    await idp().send(new AdminCreateUserCommand({ UserPoolId: ALIAS_POOL, Username: "fresh", TemporaryPassword: PASSWORD, MessageAction: "SUPPRESS" }));
    await expect(idp().send(new AdminResetUserPasswordCommand({ UserPoolId: ALIAS_POOL, Username: "fresh" }))).rejects.toMatchObject(refused);
    await expect(idp().send(new ForgotPasswordCommand({ ClientId: ALIAS_WEB, Username: "fresh" }))).rejects.toMatchObject(refused);
    expect((await idp().send(new AdminGetUserCommand({ UserPoolId: ALIAS_POOL, Username: "fresh" }))).UserStatus).toBe("FORCE_CHANGE_PASSWORD");
  });

  it("resets a confirmed user", async () => {
    await idp().send(new AdminResetUserPasswordCommand({ UserPoolId: ALIAS_POOL, Username: "yan" }));
    expect((await idp().send(new AdminGetUserCommand({ UserPoolId: ALIAS_POOL, Username: "yan" }))).UserStatus).toBe("RESET_REQUIRED");
  });
});

describe("messages checked against Cognito's own answers", () => {
  const idp = () => idpClient(emu);

  it("refuses SMS MFA for a user with no phone number in Cognito's words", async () => {
    // Cognito says "User does not have delivery config set to turn on <factor>", naming the factor as
    // the API does: "... to turn on SOFTWARE_TOKEN_MFA" in real responses (aws/aws-sdk-js-v3#4645 and a
    // re:Post question quoting the console).
    await expect(idp().send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: ALIAS_POOL, Username: "yan", SMSMfaSettings: { Enabled: true } }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "User does not have delivery config set to turn on SMS_MFA",
    });
  });

  it("says a disabled user is disabled", async () => {
    // "An error occurred (NotAuthorizedException) when calling the AdminInitiateAuth operation: User is
    // disabled." (an AWS CLI response quoted in localstack/localstack#8454; also aws-amplify/amplify-js#5503).
    await idp().send(new AdminDisableUserCommand({ UserPoolId: ALIAS_POOL, Username: "yan" }));
    await expect(
      idp().send(new AdminInitiateAuthCommand({ UserPoolId: ALIAS_POOL, ClientId: ALIAS_WEB, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "yan", PASSWORD } })),
    ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "User is disabled." });
  });

  it("refuses a flow the operation does not take", async () => {
    // USER_PASSWORD_AUTH on AdminInitiateAuth "returns InvalidParameterException with detail Initiate Auth
    // method not supported." (awsdocs/aws-doc-sdk-examples#5289); ADMIN_USER_PASSWORD_AUTH on InitiateAuth
    // likewise (getmoto/moto#4836, from AWS's answer in getmoto/moto#4623).
    const notSupported = { name: "InvalidParameterException", message: "Initiate Auth method not supported." };
    await expect(
      idp().send(new AdminInitiateAuthCommand({ UserPoolId: ALIAS_POOL, ClientId: ALIAS_WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "yan", PASSWORD } })),
    ).rejects.toMatchObject(notSupported);
    await expect(
      idp().send(new InitiateAuthCommand({ ClientId: ALIAS_WEB, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "yan", PASSWORD } })),
    ).rejects.toMatchObject(notSupported);
  });
});

describe("Cognito Sync data of merged identities", () => {
  // Cognito merges the datasets of identities it links. The developer guide's "Handling event callbacks"
  // has apps decide on "merging unauthenticated and authenticated profiles" in onDatasetsMerged, which
  // the Sync SDKs call with ListRecords' MergedDatasetNames, also finding merged datasets by the
  // "<dataset>." name prefix (amazon-cognito-js CognitoSyncDataset.getLocalMergedDatasets). DeleteDataset's
  // reference: "Datasets that this dataset was merged with will no longer report the merge."
  // amazon-cognito-js's Sync Manager (and its merge callback) is not a dependency here; its remote half
  // is the ListRecords answer checked below.
  const provider = `cognito-idp.${REGION}.amazonaws.com/${ALIAS_POOL}`;
  const signIn = async () =>
    (await idpClient(emu).send(new InitiateAuthCommand({ ClientId: ALIAS_WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "yan", PASSWORD } }))).AuthenticationResult!.IdToken!;
  const credentialsOf = async (IdentityId: string, Logins?: Record<string, string>) => {
    const answer = await identity().send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    const c = answer.Credentials!;
    return { identityId: answer.IdentityId!, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretKey!, sessionToken: c.SessionToken } };
  };
  const write = async (credentials: AwsCredentialIdentity, IdentityId: string, DatasetName: string, entries: Record<string, string>) => {
    const client = sync(credentials);
    const { SyncSessionToken } = await client.send(new ListRecordsCommand({ IdentityPoolId: IDENTITY_POOL, IdentityId, DatasetName }));
    const RecordPatches = Object.entries(entries).map(([Key, Value]) => ({ Op: "replace" as const, Key, Value, SyncCount: 0 }));
    await client.send(new UpdateRecordsCommand({ IdentityPoolId: IDENTITY_POOL, IdentityId, DatasetName, SyncSessionToken, RecordPatches }));
  };
  const listRecords = (IdentityId: string, DatasetName: string, credentials?: AwsCredentialIdentity) =>
    sync(credentials).send(new ListRecordsCommand({ IdentityPoolId: IDENTITY_POOL, IdentityId, DatasetName }));
  const datasetNames = async (IdentityId: string) => ((await sync().send(new ListDatasetsCommand({ IdentityPoolId: IDENTITY_POOL, IdentityId }))).Datasets ?? []).map((d) => d.DatasetName);

  it("moves a guest's datasets to the identity a sign-in links it to, and reports them as merged", async () => {
    // Yan already has an identity, with a cart of their own.
    const { IdentityId: yanId } = await identity().send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins: { [provider]: await signIn() } }));
    const yan = await credentialsOf(yanId!, { [provider]: await signIn() });
    await write(yan.credentials, yanId!, "cart", { apples: "2" });

    // A guest on another device fills a cart, then signs in as Yan.
    const { IdentityId: guestId } = await identity().send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL }));
    const guest = await credentialsOf(guestId!);
    await write(guest.credentials, guestId!, "cart", { pears: "3" });
    const signedIn = await credentialsOf(guestId!, { [provider]: await signIn() });
    expect(signedIn.identityId).toBe(yanId);

    const mergedName = `cart.${guestId}`;
    expect(await datasetNames(yanId!)).toEqual(["cart", mergedName]);
    const cart = await listRecords(yanId!, "cart", signedIn.credentials);
    expect(cart.MergedDatasetNames).toEqual([mergedName]);
    expect(cart.Records!.map((r) => [r.Key, r.Value])).toEqual([["apples", "2"]]);
    const merged = await listRecords(yanId!, mergedName, signedIn.credentials);
    expect(merged).toMatchObject({ DatasetExists: true });
    expect(merged.Records!.map((r) => [r.Key, r.Value])).toEqual([["pears", "3"]]);
    expect(await datasetNames(guestId!)).toEqual([]);

    // Once the app has folded the merged dataset in and deleted it, the merge is no longer reported.
    await sync(signedIn.credentials).send(new DeleteDatasetCommand({ IdentityPoolId: IDENTITY_POOL, IdentityId: yanId, DatasetName: mergedName }));
    expect((await listRecords(yanId!, "cart")).MergedDatasetNames).toBeUndefined();
  });

  it("moves the datasets of a developer identity merged by MergeDeveloperIdentities", async () => {
    const developerIdentity = async (user: string) =>
      (await identity().send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: IDENTITY_POOL, Logins: { "login.fidelity": user } }))).IdentityId!;
    const [source, destination] = [await developerIdentity("old-account"), await developerIdentity("new-account")];
    await write(CREDENTIALS, source, "prefs", { theme: "dark" });

    const { IdentityId } = await identity().send(
      new MergeDeveloperIdentitiesCommand({ IdentityPoolId: IDENTITY_POOL, DeveloperProviderName: "login.fidelity", SourceUserIdentifier: "old-account", DestinationUserIdentifier: "new-account" }),
    );
    expect(IdentityId).toBe(destination);
    expect((await listRecords(destination, "prefs")).MergedDatasetNames).toEqual([`prefs.${source}`]);
    expect((await listRecords(destination, `prefs.${source}`)).Records!.map((r) => [r.Key, r.Value])).toEqual([["theme", "dark"]]);
    expect(await datasetNames(source)).toEqual([]);
  });
});
