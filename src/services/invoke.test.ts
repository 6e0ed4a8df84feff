import * as CognitoIdentitySdk from "@aws-sdk/client-cognito-identity";
import * as UserPoolsSdk from "@aws-sdk/client-cognito-identity-provider";
import * as SyncSdk from "@aws-sdk/client-cognito-sync";
import * as StsSdk from "@aws-sdk/client-sts";
import { ServiceError } from "../errors";
import { Logger, type RequestLogEntry } from "../log";
import { models, type ServiceName } from "../protocol/model";
import { inProcessClient, userPoolsClient } from "./client";
import { Invoker } from "./invoke";
import { operation } from "./operation";
import { servicesTestbed } from "./testing";
import { createPool } from "./user-pools/directory/pools";

function testbed() {
  const { services } = servicesTestbed();
  const logged: RequestLogEntry[] = [];
  services.log = new Logger("json", false, (line) => logged.push(JSON.parse(line)), { errorSink: (line) => logged.push(JSON.parse(line)) });
  return { services, logged };
}

const handlers = (map: Record<string, (input: any, ctx: any) => unknown>) => ({ get: (name: string) => map[name] as never });

describe("the invoke path", () => {
  it("runs an operation in process as the API does, and logs the pool and user its input names", async () => {
    const { services, logged } = testbed();
    const pool = createPool(services, "eu-west-1", { PoolName: "invoked" });
    const client = userPoolsClient(services, { region: "eu-west-1", via: "hosted UI" });
    const created = await client.adminCreateUser({ UserPoolId: pool.Id, Username: "ivy", MessageAction: "SUPPRESS" });
    expect(created.User).toMatchObject({ Username: "ivy", UserStatus: "FORCE_CHANGE_PASSWORD", UserCreateDate: expect.any(Date) });
    expect(logged.at(-1)).toMatchObject({ type: "request", operation: "AdminCreateUser (hosted UI)", userPoolId: pool.Id, username: "ivy", outcome: "ok" });
  });

  it("checks the input against the model before any handler runs, with the service's validation exception", async () => {
    const { services, logged } = testbed();
    const client = userPoolsClient(services, { region: "us-east-1" });
    await expect(client.adminGetUser({ UserPoolId: "us-east-1_abc" } as never)).rejects.toMatchObject({
      code: "InvalidParameterException",
      message: "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
    });
    expect(logged.at(-1)).toMatchObject({ operation: "AdminGetUser", userPoolId: "us-east-1_abc", outcome: "InvalidParameterException" });
    const sts = inProcessClient(services, "sts", { region: "us-east-1" });
    await expect(sts.assumeRoleWithWebIdentity({ RoleArn: "arn:aws:iam::123456789012:role/r" } as never)).rejects.toMatchObject({ code: "ValidationError" });
  });

  it("answers operations without a handler as not implemented, and names outside the model as unknown", async () => {
    const { services } = testbed();
    const invoker = new Invoker(services, { "cognito-idp": handlers({}), sts: handlers({}) });
    await expect(invoker.invoke("cognito-idp", "ListGroups", { UserPoolId: "us-east-1_abc" }, { region: "us-east-1" })).rejects.toMatchObject({
      code: "UnsupportedOperationException",
      message: "AWSCognitoIdentityProviderService.ListGroups is not implemented in cognito-emu",
    });
    await expect(invoker.invoke("sts", "GetCallerIdentity", {}, { region: "us-east-1" })).rejects.toMatchObject({ code: "UnsupportedOperation" });
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      await expect(invoker.invoke("cognito-idp", name, {}, { region: "us-east-1" })).rejects.toMatchObject({ code: "UnknownOperationException" });
    }
  });

  it("runs the handler as one transaction: a failure leaves nothing written", async () => {
    const { services } = testbed();
    const invoker = new Invoker(services, {
      "cognito-idp": handlers({
        ListUserPools: () => {
          services.store.table("scratch").put("half", { written: true });
          throw new ServiceError("LimitExceededException", "no");
        },
      }),
    });
    await expect(invoker.invoke("cognito-idp", "ListUserPools", { MaxResults: 1 }, { region: "us-east-1" })).rejects.toMatchObject({ code: "LimitExceededException" });
    expect(services.store.table("scratch").get("half")).toBeUndefined();
  });

  it("gives the handler the caller's region, request id, source and key; a handler adds the user it learns", async () => {
    const { services, logged } = testbed();
    let seen: unknown;
    const invoker = new Invoker(services, {
      "cognito-idp": handlers({
        InitiateAuth: operation((_input, ctx) => {
          seen = { region: ctx.region, requestId: ctx.requestId, sourceIp: ctx.sourceIp, accessKeyId: ctx.accessKeyId, headers: ctx.headers };
          ctx.logFields.userPoolId = "eu-west-1_learned";
          ctx.logFields.username = "learned";
          return {};
        }),
      }),
    });
    const caller = { region: "eu-west-1", requestId: "req-1", sourceIp: "10.0.0.1", accessKeyId: "AKID", headers: { "x-test": "1" } };
    await invoker.invoke("cognito-idp", "InitiateAuth", { ClientId: "client1", AuthFlow: "USER_PASSWORD_AUTH" }, caller);
    expect(seen).toEqual({ region: "eu-west-1", requestId: "req-1", sourceIp: "10.0.0.1", accessKeyId: "AKID", headers: { "x-test": "1" } });
    expect(logged.at(-1)).toMatchObject({ operation: "InitiateAuth", userPoolId: "eu-west-1_learned", username: "learned", clientId: "client1" });
  });

  it("logs nothing for a caller that asks not to be logged", async () => {
    const { services, logged } = testbed();
    await userPoolsClient(services, { region: "us-east-1", log: false }).listUserPools({ MaxResults: 1 });
    expect(logged).toEqual([]);
  });

  it("with response checks on, fails an output that does not fit its shape", async () => {
    const { services } = testbed();
    const before = process.env.COGNITO_EMU_CHECK_RESPONSES;
    process.env.COGNITO_EMU_CHECK_RESPONSES = "1";
    try {
      const invoker = new Invoker(services, {
        "cognito-idp": handlers({
          DescribeUserPool: () => ({ UserPool: { Id: "us-east-1_abc", CreationDate: 1_700_000_000, MfaConfiguration: "SOMETIMES", Policies: [] } }),
          ListUserPools: () => ({ UserPools: [{ Id: "us-east-1_abc", Name: "a", LastModifiedDate: new Date() }] }),
          ListGroups: () => ({ Groups: [null] }),
        }),
      });
      const error = await invoker.invoke("cognito-idp", "DescribeUserPool", { UserPoolId: "us-east-1_abc" }, { region: "us-east-1" }).catch((e: Error) => e);
      expect(error).not.toBeInstanceOf(ServiceError);
      expect((error as Error).message).toBe(
        "DescribeUserPool's output does not fit DescribeUserPoolResponse: DescribeUserPoolResponse.UserPool.Policies is a list, not a structure; " +
          "DescribeUserPoolResponse.UserPool.CreationDate is number 1700000000, not a Date; " +
          "DescribeUserPoolResponse.UserPool.MfaConfiguration is 'SOMETIMES', not one of OFF, ON, OPTIONAL",
      );
      await expect(invoker.invoke("cognito-idp", "ListUserPools", { MaxResults: 1 }, { region: "us-east-1" })).resolves.toMatchObject({ UserPools: [{ Id: "us-east-1_abc" }] });
      await expect(invoker.invoke("cognito-idp", "ListGroups", { UserPoolId: "us-east-1_abc" }, { region: "us-east-1" })).rejects.toThrow("ListGroupsResponse.Groups[0] is null");
    } finally {
      if (before === undefined) delete process.env.COGNITO_EMU_CHECK_RESPONSES;
      else process.env.COGNITO_EMU_CHECK_RESPONSES = before;
    }
  });
});

describe("the in-process clients", () => {
  const sdks: Array<[ServiceName, Record<string, unknown>]> = [
    ["cognito-idp", UserPoolsSdk],
    ["cognito-identity", CognitoIdentitySdk],
    ["cognito-sync", SyncSdk],
    ["sts", StsSdk],
  ];

  it.each(sdks)("%s: one method per operation of the model, named as the AWS SDK's", (service, sdk) => {
    const { services } = testbed();
    const methods = Object.keys(inProcessClient(services, service, { region: "us-east-1" }));
    expect(methods).toHaveLength(Object.keys(models[service].operations).length);
    const sdkMethods = new Set(Object.keys(sdk).flatMap((name) => (/^[A-Z]\w*Command$/.test(name) ? [name.charAt(0).toLowerCase() + name.slice(1, -"Command".length)] : [])));
    expect(methods.filter((method) => !sdkMethods.has(method))).toEqual([]);
  });
});
