import request from "supertest";
import { ServiceError } from "../../src/errors";
import { Logger } from "../../src/log";
import { type Dispatch, awsJsonHandler } from "../../src/protocol/awsJson";
import { createApp } from "../../src/server/app";
import { Invoker } from "../../src/services/invoke";
import type { OperationHandler } from "../../src/services/operation";
import type { Services } from "../../src/services/services";
import { Store } from "../../src/store/store";

/**
 * Outputs are written by the operation's output shape, whatever the handler returned; errors carry
 * the status and fault the service model declares for them.
 */
const handlers = (map: Record<string, OperationHandler>) => ({ get: (name: string) => map[name] });
const quiet = new Logger("text", true, () => {}, { errorSink: () => {} });
const created = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 600));

const invoker = new Invoker({ store: new Store(), log: quiet } as unknown as Services, {
  "cognito-idp": handlers({
    // Internal members (Region, Password) and nulls never reach the wire; members come in the model's order.
    DescribeUserPoolClient: () => ({
      UserPoolClient: { Region: "us-east-1", ClientId: "c1", ClientName: "web", UserPoolId: "us-east-1_abc", CreationDate: created, ClientSecret: null },
      Password: "secret",
    }),
    DeleteUserPool: () => {
      throw new ServiceError("InternalErrorException", "broken");
    },
  }),
  "cognito-identity": handlers({}),
  "cognito-sync": handlers({
    DescribeIdentityPoolUsage: () => {
      throw new ServiceError("ResourceNotFoundException", "IdentityPool 'x' not found.");
    },
    DescribeDataset: () => ({ Dataset: { DatasetName: "d", CreationDate: created, IdentityId: "us-east-1:1", Internal: true } }),
  }),
  sts: handlers({
    GetCallerIdentity: () => ({ Arn: "arn:aws:sts::123456789012:assumed-role/r/s", Account: "123456789012", UserId: "AROA:s", Extra: "x" }),
    AssumeRoleWithWebIdentity: () => {
      throw new ServiceError("IDPRejectedClaim", "rejected");
    },
    GetSessionToken: () => ({ Credentials: { AccessKeyId: "ASIA", SecretAccessKey: "s", SessionToken: "t", Expiration: created } }),
  }),
});
const dispatch: Dispatch = { invoke: invoker.invoke, defaultRegion: "us-east-1" };
const app = createApp({
  json: awsJsonHandler(["cognito-idp", "cognito-identity"], dispatch),
  queryService: { name: "sts" },
  restService: { name: "cognito-sync" },
  dispatch,
  routers: [],
});
const idp = (op: string) => ({ "X-Amz-Target": `AWSCognitoIdentityProviderService.${op}`, "Content-Type": "application/x-amz-json-1.1" });
const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("outputs written by the model", () => {
  it("awsJson: only the shape's members, in its order, timestamps as epoch seconds", async () => {
    const res = await request(app).post("/").set(idp("DescribeUserPoolClient")).send(JSON.stringify({ UserPoolId: "us-east-1_abc", ClientId: "c1" }));
    expect(res.status).toBe(200);
    expect(res.text).toBe(JSON.stringify({ UserPoolClient: { UserPoolId: "us-east-1_abc", ClientName: "web", ClientId: "c1", CreationDate: 1704164645.6 } }));
  });

  it("restJson: the same for Cognito Sync", async () => {
    const res = await request(app).get("/identitypools/us-east-1:00000000-0000-4000-8000-000000000001/identities/us-east-1:1/datasets/d");
    expect(res.status).toBe(200);
    expect(res.text).toBe(JSON.stringify({ Dataset: { IdentityId: "us-east-1:1", DatasetName: "d", CreationDate: 1704164645.6 } }));
  });

  it("awsQuery: the shape's members in its order, timestamps in ISO 8601", async () => {
    const identity = await request(app).post("/").set(form).send("Action=GetCallerIdentity&Version=2011-06-15");
    expect(identity.text).toContain("<GetCallerIdentityResult><UserId>AROA:s</UserId><Account>123456789012</Account><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></GetCallerIdentityResult>");
    const session = await request(app).post("/").set(form).send("Action=GetSessionToken&Version=2011-06-15");
    expect(session.text).toContain("<Expiration>2024-01-02T03:04:05.600Z</Expiration>");
  });
});

describe("errors answered as the model declares them", () => {
  it("takes the status from the error shape (Cognito Sync's ResourceNotFoundException is a 404)", async () => {
    const res = await request(app).get("/identitypools/us-east-1:00000000-0000-4000-8000-000000000001");
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({ __type: "ResourceNotFoundException", message: "IdentityPool 'x' not found." });
  });

  it("answers a server fault with 500", async () => {
    const res = await request(app).post("/").set(idp("DeleteUserPool")).send(JSON.stringify({ UserPoolId: "us-east-1_abc" }));
    expect(res.status).toBe(500);
    expect(res.headers["x-amzn-errortype"]).toBe("InternalErrorException");
  });

  it("finds STS errors by their wire code (IDPRejectedClaim is a 403 Sender error)", async () => {
    const res = await request(app)
      .post("/")
      .set(form)
      .send("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=session&WebIdentityToken=token-of-some-length");
    expect([res.status, res.text]).toEqual([403, expect.stringContaining("<Type>Sender</Type><Code>IDPRejectedClaim</Code><Message>rejected</Message>")]);
  });
});
