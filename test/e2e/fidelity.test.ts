/**
 * Behaviour pinned against evidence of what Amazon Cognito itself answers: real responses quoted in
 * public reports, tests their authors ran against AWS, AWS's own SDK tests and the service models.
 * Each test names its evidence.
 */
import { CognitoIdentityClient, CreateIdentityPoolCommand } from "@aws-sdk/client-cognito-identity";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoSyncClient, ListRecordsCommand } from "@aws-sdk/client-cognito-sync";
import { GetFederationTokenCommand, STSClient } from "@aws-sdk/client-sts";
import type { RunningEmulator } from "../../src/server/emulator";
import { idpClient, startTestEmulator } from "../support/emulator";

const REGION = "us-east-1";
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const IDENTITY_POOL = "us-east-1:00000000-0000-4000-8000-0000000000f1";

const fixture = {
  IdentityPools: [{ IdentityPoolId: IDENTITY_POOL, IdentityPoolName: "fidelity", AllowUnauthenticatedIdentities: true }],
};

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const client = { endpoint: "", region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
const identity = () => new CognitoIdentityClient({ ...client, endpoint: emu.url });
const sync = () => new CognitoSyncClient({ ...client, endpoint: emu.url });
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
