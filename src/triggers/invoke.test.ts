import { type LambdaServer, RawOutput, startLambdaServer } from "../../test/support/lambda-server";
import { noteFunctionModuleChanged } from "../fixtures/functions";
import { triggerEvent } from "./event";
import { configuredFunction, invokeName, localModuleFor, parseFunctionReference } from "./functions";
import { invokeTrigger } from "./invoke";
import { triggerSettings } from "./settings";
import { recordedEvents, recordingModule, triggerTestbed } from "./testing";
import fs from "node:fs";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:preAuth";

function run(bed: ReturnType<typeof triggerTestbed>, reference = ARN) {
  const pool = bed.pool({ PreAuthentication: reference });
  const event = triggerEvent({ pool, triggerSource: "PreAuthentication_Authentication", userName: "alice", clientId: bed.client.ClientId }, { userAttributes: {} }, {});
  return invokeTrigger(bed.services, pool, "PreAuthentication", reference, event);
}

describe("function references", () => {
  it("reads names, ARNs and qualifiers", () => {
    expect(parseFunctionReference(ARN)).toEqual({ name: "preAuth" });
    expect(parseFunctionReference(`${ARN}:live`)).toEqual({ name: "preAuth", qualifier: "live" });
    expect(parseFunctionReference("preAuth")).toEqual({ name: "preAuth" });
    expect(invokeName(`${ARN}:live`)).toBe("preAuth:live");
  });

  it("finds the local module by ARN, then name with qualifier, then name", () => {
    const bed = triggerTestbed();
    const byName = bed.defineModule("preAuth", "exports.handler = async (e) => e;");
    expect(localModuleFor(bed.services, ARN)).toBe(byName);
    const byQualifier = bed.defineModule("preAuth:live", "exports.handler = async (e) => e;");
    expect(localModuleFor(bed.services, `${ARN}:live`)).toBe(byQualifier);
    const byArn = bed.defineModule(ARN, "exports.handler = async (e) => e;");
    expect(localModuleFor(bed.services, ARN)).toBe(byArn);
    expect(localModuleFor(bed.services, "other")).toBeUndefined();
  });

  it("takes the pre token generation function from PreTokenGenerationConfig first", () => {
    const bed = triggerTestbed();
    expect(configuredFunction(bed.pool({ PreTokenGeneration: "v1" }), "PreTokenGeneration")).toBe("v1");
    expect(configuredFunction(bed.pool({ PreTokenGeneration: "v1", PreTokenGenerationConfig: { LambdaArn: "v2", LambdaVersion: "V2_0" } }), "PreTokenGeneration")).toBe("v2");
    expect(configuredFunction(bed.pool({ CustomEmailSender: { LambdaArn: "mail", LambdaVersion: "V1_0" } }), "CustomEmailSender")).toBe("mail");
    expect(configuredFunction(bed.pool({}), "PreSignUp")).toBeUndefined();
  });
});

describe("local modules", () => {
  it("answer through an async handler, the callback, or context.succeed/done", async () => {
    const bed = triggerTestbed();
    const styles = {
      async: "exports.handler = async (event) => ({ ...event, response: { style: 'async' } });",
      callback: "exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { ...event, response: { style: 'callback' } }), 5); };",
      succeed: "exports.handler = (event, context) => context.succeed({ ...event, response: { style: 'succeed' } });",
      done: "exports.handler = function (event, context) { context.done(null, { ...event, response: { style: 'done' } }); };",
      defaultExport: "module.exports = async (event) => ({ ...event, response: { style: 'defaultExport' } });",
    };
    for (const [style, source] of Object.entries(styles)) {
      bed.defineModule("preAuth", source);
      await expect(run(bed)).resolves.toMatchObject({ triggerSource: "PreAuthentication_Authentication", response: { style } });
    }
  });

  it("gives the handler a Lambda context", async () => {
    const bed = triggerTestbed({ accountId: "111122223333" });
    bed.defineModule("preAuth", "exports.handler = async (event, context) => ({ response: { arn: context.invokedFunctionArn, name: context.functionName, left: context.getRemainingTimeInMillis() > 0 } });");
    await expect(run(bed)).resolves.toEqual({ response: { arn: "arn:aws:lambda:us-east-1:111122223333:function:preAuth", name: "preAuth", left: true } });
  });

  it("turns a thrown error, a callback error or context.fail into UserLambdaValidationException", async () => {
    const bed = triggerTestbed();
    const failing = [
      ["exports.handler = async () => { throw new Error('Not today'); };", "Not today"],
      ["exports.handler = (e, c, callback) => callback('Bad password');", "Bad password"],
      ["exports.handler = (e, context) => context.fail(new Error('Nope'));", "Nope"],
      ["exports.notTheHandler = 1;", "is undefined or not exported"],
      ["this is not javascript", "Unexpected identifier"],
    ];
    for (const [source, message] of failing) {
      bed.defineModule("preAuth", source);
      await expect(run(bed)).rejects.toMatchObject({ code: "UserLambdaValidationException", message: expect.stringContaining(message) });
    }
    bed.defineModule("preAuth", "exports.handler = async () => { throw new Error('Not today'); };");
    await expect(run(bed)).rejects.toThrow("PreAuthentication failed with error Not today.");
  });

  it("answers InvalidLambdaResponseException for output that is not a JSON object", async () => {
    const bed = triggerTestbed();
    for (const output of ["undefined", "'text'", "42", "[1]", "null"]) {
      bed.defineModule("preAuth", `exports.handler = async () => ${output};`);
      await expect(run(bed)).rejects.toMatchObject({ code: "InvalidLambdaResponseException", message: "Invalid lambda function output : Invalid JSON" });
    }
  });

  it("tries three times when the handler does not answer in time, then gives up", async () => {
    const bed = triggerTestbed();
    triggerSettings(bed.services).timeoutMs = 50;
    const calls = bed.tempFile("calls");
    bed.defineModule("preAuth", recordingModule(calls, "return new Promise(() => {});"));
    await expect(run(bed)).rejects.toMatchObject({
      code: "UnexpectedLambdaException",
      message: "PreAuthentication invocation failed due to error Socket timeout while invoking Lambda function.",
    });
    expect(recordedEvents(calls)).toHaveLength(3);
  });

  it("reloads a module once the fixtures watcher reports it changed", async () => {
    const bed = triggerTestbed();
    const file = bed.defineModule("preAuth", "exports.handler = async () => ({ response: { v: 1 } });");
    await expect(run(bed)).resolves.toEqual({ response: { v: 1 } });
    fs.writeFileSync(file, "exports.handler = async () => ({ response: { v: 2 } });");
    noteFunctionModuleChanged(file);
    await expect(run(bed)).resolves.toEqual({ response: { v: 2 } });
  });

  it("fails clearly when neither a module nor a Lambda endpoint can run the function", async () => {
    const bed = triggerTestbed();
    await expect(run(bed)).rejects.toMatchObject({ code: "UnexpectedLambdaException", message: "PreAuthentication invocation failed due to error ResourceNotFoundException." });
  });
});

describe("the Lambda Invoke API", () => {
  let lambda: LambdaServer;
  beforeAll(async () => {
    lambda = await startLambdaServer();
  });
  afterAll(() => lambda.close());

  it("invokes the function by name with the event, and returns its output", async () => {
    const bed = triggerTestbed({ lambdaEndpoint: lambda.url });
    lambda.define("preAuth", (event) => ({ ...event, response: { seen: event.userName } }));
    await expect(run(bed)).resolves.toMatchObject({ userPoolId: "us-east-1_Triggers1", response: { seen: "alice" } });
    expect(lambda.eventsOf("preAuth").at(-1)).toMatchObject({ triggerSource: "PreAuthentication_Authentication", region: "us-east-1" });
  });

  it("prefers a local module to the endpoint", async () => {
    const bed = triggerTestbed({ lambdaEndpoint: lambda.url });
    lambda.define("preAuth", () => ({ response: { from: "lambda" } }));
    bed.defineModule("preAuth", "exports.handler = async () => ({ response: { from: 'module' } });");
    await expect(run(bed)).resolves.toEqual({ response: { from: "module" } });
  });

  it("maps function errors, missing functions and unreadable output to Cognito's exceptions", async () => {
    const bed = triggerTestbed({ lambdaEndpoint: lambda.url });
    lambda.define("preAuth", () => {
      throw new Error("Blocked by policy");
    });
    await expect(run(bed)).rejects.toMatchObject({ code: "UserLambdaValidationException", message: "PreAuthentication failed with error Blocked by policy." });
    await expect(run(bed, "arn:aws:lambda:us-east-1:123456789012:function:missing")).rejects.toMatchObject({
      code: "UnexpectedLambdaException",
      message: "PreAuthentication invocation failed due to error ResourceNotFoundException.",
    });
    lambda.define("preAuth", () => new RawOutput("<html>"));
    await expect(run(bed)).rejects.toMatchObject({ code: "InvalidLambdaResponseException" });
  });

  it("retries a function that does not answer in time, three attempts in all", async () => {
    const bed = triggerTestbed({ lambdaEndpoint: lambda.url });
    triggerSettings(bed.services).timeoutMs = 100;
    lambda.define("slow", () => new Promise((resolve) => setTimeout(() => resolve({}), 400)));
    const before = lambda.eventsOf("slow").length;
    await expect(run(bed, "slow")).rejects.toMatchObject({
      code: "UnexpectedLambdaException",
      message: "PreAuthentication invocation failed due to error Socket timeout while invoking Lambda function.",
    });
    expect(lambda.eventsOf("slow").length - before).toBe(3);
  });

  it("answers UnexpectedLambdaException when the endpoint cannot be reached", async () => {
    const bed = triggerTestbed({ lambdaEndpoint: "http://127.0.0.1:9" });
    await expect(run(bed)).rejects.toMatchObject({ code: "UnexpectedLambdaException", message: "PreAuthentication invocation failed due to error ECONNREFUSED." });
  });
});
