import request from "supertest";
import { ServiceError } from "../../src/errors";
import { Logger } from "../../src/log";
import type { Dispatch } from "../../src/protocol/awsJson";
import { awsJsonHandler } from "../../src/protocol/awsJson";
import { createApp } from "../../src/server/app";
import { Invoker } from "../../src/services/invoke";
import type { OperationHandler } from "../../src/services/operation";
import type { Services } from "../../src/services/services";
import { Store } from "../../src/store/store";

const store = new Store();
const seen: Array<{ op: string; region: string; input: unknown }> = [];

function handlers(map: Record<string, OperationHandler>) {
  return { get: (name: string) => map[name] };
}

const quiet = new Logger("text", true, () => {}, { errorSink: () => {} });
const invoker = new Invoker({ store, log: quiet } as unknown as Services, {
  "cognito-idp": handlers({
    DescribeUserPool: (input, ctx) => {
      seen.push({ op: "DescribeUserPool", region: ctx.region, input });
      return { UserPool: { Id: input.UserPoolId, CreationDate: new Date(1_700_000_000_500) } };
    },
    DeleteUserPool: () => {
      throw new ServiceError("ResourceNotFoundException", "User pool us-east-1_nope does not exist.");
    },
    ListUserPools: () => {
      store.table("t").put("half", { written: true });
      throw new Error("handler bug");
    },
  }),
  "cognito-identity": handlers({}),
  sts: handlers({ GetCallerIdentity: (_input, ctx) => ({ Account: "123456789012", Arn: `arn:aws:sts::123456789012:assumed-role/r/${ctx.accessKeyId}`, UserId: "AROA:x" }) }),
  "cognito-sync": handlers({ DescribeIdentityPoolUsage: (input) => ({ IdentityPoolUsage: { IdentityPoolId: input.IdentityPoolId, SyncSessionsCount: 0 } }) }),
});
const dispatchForTests: Dispatch = { invoke: invoker.invoke, defaultRegion: "us-east-1" };

const app = createApp({
  json: awsJsonHandler(["cognito-idp", "cognito-identity"], dispatchForTests),
  queryService: { name: "sts" },
  restService: { name: "cognito-sync" },
  dispatch: dispatchForTests,
  routers: [],
});

const idp = (op: string) => ({ "X-Amz-Target": `AWSCognitoIdentityProviderService.${op}`, "Content-Type": "application/x-amz-json-1.1" });

describe("awsJson protocol", () => {
  it("dispatches by X-Amz-Target and serializes dates as epoch seconds", async () => {
    const res = await request(app).post("/").set(idp("DescribeUserPool")).send(JSON.stringify({ UserPoolId: "us-east-1_abc" }));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/x-amz-json-1\.1/);
    expect(res.headers["x-amzn-requestid"]).toBeTruthy();
    expect(JSON.parse(res.text)).toEqual({ UserPool: { Id: "us-east-1_abc", CreationDate: 1700000000.5 } });
  });

  it("takes the region from the SigV4 credential scope", async () => {
    seen.length = 0;
    await request(app)
      .post("/")
      .set({ ...idp("DescribeUserPool"), Authorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-2/cognito-idp/aws4_request, SignedHeaders=host, Signature=00" })
      .send(JSON.stringify({ UserPoolId: "eu-west-2_abc" }));
    expect(seen[0].region).toBe("eu-west-2");
  });

  it("answers handler errors with __type, message and x-amzn-ErrorType", async () => {
    const res = await request(app).post("/").set(idp("DeleteUserPool")).send(JSON.stringify({ UserPoolId: "us-east-1_nope" }));
    expect(res.status).toBe(400);
    expect(res.headers["x-amzn-errortype"]).toBe("ResourceNotFoundException");
    expect(JSON.parse(res.text)).toEqual({ __type: "ResourceNotFoundException", message: "User pool us-east-1_nope does not exist." });
  });

  it("validates input before the handler runs", async () => {
    seen.length = 0;
    const res = await request(app).post("/").set(idp("DescribeUserPool")).send("{}");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).__type).toBe("InvalidParameterException");
    expect(seen).toHaveLength(0);
  });

  it("names unknown targets and operations the emulator does not implement", async () => {
    const unknown = await request(app).post("/").set(idp("MakeCoffee")).send("{}");
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).__type).toBe("UnknownOperationException");
    const missing = await request(app).post("/").set(idp("ListGroups")).send(JSON.stringify({ UserPoolId: "us-east-1_abc" }));
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text)).toEqual({
      __type: "UnsupportedOperationException",
      message: "AWSCognitoIdentityProviderService.ListGroups is not implemented in cognito-emu",
    });
    const identity = await request(app).post("/").set({ "X-Amz-Target": "AWSCognitoIdentityService.ListIdentityPools", "Content-Type": "application/x-amz-json-1.1" }).send(JSON.stringify({ MaxResults: 10 }));
    expect(JSON.parse(identity.text).message).toContain("AWSCognitoIdentityService.ListIdentityPools");
  });

  it("rejects malformed JSON, wrong content types and oversized bodies with 4xx", async () => {
    const malformed = await request(app).post("/").set(idp("DescribeUserPool")).send("{not json");
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).__type).toBe("SerializationException");
    const array = await request(app).post("/").set(idp("DescribeUserPool")).send("[1]");
    expect(JSON.parse(array.text).__type).toBe("SerializationException");
    const xml = await request(app).post("/").set({ ...idp("DescribeUserPool"), "Content-Type": "application/xml" }).send("<a/>");
    expect(xml.status).toBe(415);
    const big = await request(app).post("/").set(idp("DescribeUserPool")).send(JSON.stringify({ UserPoolId: "x".repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text).__type).toBe("RequestEntityTooLargeException");
    const none = await request(app).post("/").set("Content-Type", "application/json").send("{}");
    expect(none.status).toBe(400);
  });

  it("answers an unexpected handler failure with 500 and rolls back its writes", async () => {
    const res = await request(app).post("/").set(idp("ListUserPools")).send(JSON.stringify({ MaxResults: 10 }));
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text).__type).toBe("InternalErrorException");
    expect(store.table("t").get("half")).toBeUndefined();
  });

  it("answers CORS preflights for browsers", async () => {
    const res = await request(app)
      .options("/")
      .set({ Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent" });
    expect(res.status).toBeLessThan(300);
    expect(res.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    expect(res.headers["access-control-allow-headers"]).toContain("x-amz-target");
  });
});

describe("awsQuery (STS) and restJson (Sync) seams", () => {
  it("answers STS form requests in XML", async () => {
    const res = await request(app)
      .post("/")
      .set({ "Content-Type": "application/x-www-form-urlencoded", Authorization: "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/us-east-1/sts/aws4_request, Signature=0" })
      .send("Action=GetCallerIdentity&Version=2011-06-15");
    expect(res.status).toBe(200);
    expect(res.text).toContain("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>");
    expect(res.text).toContain("<Arn>arn:aws:sts::123456789012:assumed-role/r/ASIAEXAMPLE</Arn>");
  });

  it("answers unknown and unimplemented STS actions with XML errors", async () => {
    const res = await request(app).post("/").set("Content-Type", "application/x-www-form-urlencoded").send("Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=sess");
    expect(res.status).toBe(400);
    expect(res.text).toContain("<Code>UnsupportedOperation</Code>");
    const invalid = await request(app).post("/").set("Content-Type", "application/x-www-form-urlencoded").send("Action=AssumeRole&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s");
    expect(invalid.text).toContain("<Code>ValidationError</Code>");
    const unknown = await request(app).post("/").set("Content-Type", "application/x-www-form-urlencoded").send("Action=Nope");
    expect(unknown.text).toContain("<Code>InvalidAction</Code>");
  });

  it("routes Cognito Sync by method and path", async () => {
    const res = await request(app).get("/identitypools/us-east-1:00000000-0000-4000-8000-000000000001");
    expect(res.status).toBe(200);
    expect(res.body.IdentityPoolUsage.IdentityPoolId).toBe("us-east-1:00000000-0000-4000-8000-000000000001");
    const missing = await request(app).get("/identitypools/us-east-1:00000000-0000-4000-8000-000000000001/events");
    expect(missing.status).toBe(400);
    expect(missing.headers["x-amzn-errortype"]).toBe("UnsupportedOperationException");
  });
});
