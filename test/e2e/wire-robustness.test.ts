import { Logger } from "../../src/log";
import type { RunningEmulator } from "../../src/server/emulator";
import { startTestEmulator } from "../support/emulator";

/**
 * Requests a client can send that the wire must answer with a 4xx (or as if a member were absent),
 * never a 5xx: JSON nulls, broken paths and bodies, page sizes of nothing, oversized STS forms and
 * operation names that are JavaScript's own.
 */
const POOL = "us-east-1_WireNull1";
const IDENTITY_POOL = "us-east-1:00000000-0000-4000-8000-0000000000b1";
const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "nulls",
      Domain: "wire-nulls",
      Clients: [{ ClientId: "wirenullclient00000000001", ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      Users: [{ Username: "nel", Password: "Passw0rd!" }],
    },
  ],
  IdentityPools: [{ IdentityPoolId: IDENTITY_POOL, IdentityPoolName: "nulls", AllowUnauthenticatedIdentities: true, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/Guest" } }],
};

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(fixture);
});
afterAll(() => emu.stop());

async function call(target: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(emu.url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const idp = (op: string, body: unknown) => call(`AWSCognitoIdentityProviderService.${op}`, body);
const identity = (op: string, body: unknown) => call(`AWSCognitoIdentityService.${op}`, body);

// Each API names its validation exception: user pools InvalidParameterException, identity pools
// ValidationException (see test/e2e/fidelity.test.ts for the evidence).
const notNull = (path: string, exception = "InvalidParameterException") => ({
  status: 400,
  body: { __type: exception, message: `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null` },
});

describe("JSON null where the model has a member", () => {
  it("is an absent member when the member is optional", async () => {
    expect(await idp("ListUsers", { UserPoolId: POOL, Filter: null })).toMatchObject({ status: 200, body: { Users: [{ Username: "nel" }] } });
    expect(await idp("ListUsers", { UserPoolId: POOL, AttributesToGet: null })).toMatchObject({ status: 200, body: { Users: [{ Username: "nel" }] } });
    expect(await idp("SetUICustomization", { UserPoolId: POOL, CSS: null })).toMatchObject({ status: 200, body: { UICustomization: { UserPoolId: POOL } } });

    const { IdentityId } = (await identity("GetId", { IdentityPoolId: IDENTITY_POOL })).body;
    expect(await identity("GetOpenIdToken", { IdentityId, Logins: null })).toMatchObject({ status: 200, body: { IdentityId, Token: expect.any(String) } });
    expect(await identity("GetCredentialsForIdentity", { IdentityId, Logins: null })).toMatchObject({ status: 200, body: { IdentityId, Credentials: expect.any(Object) } });
  });

  it("is a validation error when the member is required", async () => {
    expect(await idp("AdminGetUser", { UserPoolId: POOL, Username: null })).toEqual(notNull("username"));
  });

  it("is a validation error as an item of a list", async () => {
    expect(await idp("AdminCreateUser", { UserPoolId: POOL, Username: "new", UserAttributes: [null] })).toEqual(notNull("userAttributes.1.member"));
    expect(await idp("AdminSetUserSettings", { UserPoolId: POOL, Username: "nel", MFAOptions: [null] })).toEqual(notNull("mFAOptions.1.member"));
    expect(await idp("AddCustomAttributes", { UserPoolId: POOL, CustomAttributes: [null] })).toEqual(notNull("customAttributes.1.member"));
    expect(await identity("CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [null] })).toEqual(
      notNull("cognitoIdentityProviders.1.member", "ValidationException"),
    );
  });

  it("is an absent entry as the value of a map (amazon-cognito-identity-js sends DEVICE_KEY: null)", async () => {
    const res = await idp("InitiateAuth", {
      ClientId: "wirenullclient00000000001",
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "nel", PASSWORD: "Passw0rd!", DEVICE_KEY: null },
    });
    expect(res).toMatchObject({ status: 200, body: { AuthenticationResult: { AccessToken: expect.any(String) } } });
  });
});

describe("Cognito Sync's wire", () => {
  const errorOf = async (res: Response) => ({ status: res.status, type: ((await res.json()) as { __type: string }).__type });

  it("refuses malformed percent-encoding in the path with a 4xx", async () => {
    expect(await errorOf(await fetch(`${emu.url}/identitypools/%zz/configuration`))).toEqual({ status: 400, type: "SerializationException" });
    expect(await errorOf(await fetch(`${emu.url}/identitypools/us-east-1%3A%E0%A4%A/configuration`))).toEqual({ status: 400, type: "SerializationException" });
  });

  it("refuses a body that is not a JSON object", async () => {
    for (const body of ["1", "null", "[]", '"x"']) {
      const res = await fetch(`${emu.url}/identitypools/${encodeURIComponent(IDENTITY_POOL)}/events`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect([body, await errorOf(res)]).toEqual([body, { status: 400, type: "SerializationException" }]);
    }
  });

  it("refuses page sizes of nothing", async () => {
    const { IdentityId } = (await identity("GetId", { IdentityPoolId: IDENTITY_POOL })).body;
    const datasets = `/identitypools/${encodeURIComponent(IDENTITY_POOL)}/identities/${encodeURIComponent(String(IdentityId))}/datasets`;
    for (const path of ["/identitypools", datasets, `${datasets}/notes/records`]) {
      for (const maxResults of ["0", "-1", ""]) {
        const res = await fetch(`${emu.url}${path}?maxResults=${maxResults}`);
        const expected = maxResults === "" ? "SerializationException" : "InvalidParameterException";
        expect([path, maxResults, await errorOf(res)]).toEqual([path, maxResults, { status: 400, type: expected }]);
      }
      expect((await fetch(`${emu.url}${path}?maxResults=1`)).status).toBe(200);
    }
    const res = await fetch(`${emu.url}/identitypools?maxResults=0`);
    expect(await res.json()).toEqual({
      __type: "InvalidParameterException",
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });
});

describe("STS's wire", () => {
  it("answers a form over 1 MiB with 413 in XML, as STS speaks", async () => {
    const res = await fetch(emu.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `Action=GetCallerIdentity&Version=2011-06-15&Pad=${"x".repeat(1_100_000)}`,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await res.text()).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>RequestEntityTooLargeException<\/Code>/);
  });

  it("does not take Object's own members for actions", async () => {
    for (const action of ["constructor", "toString", "__proto__"]) {
      const res = await fetch(emu.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `Action=${action}&Version=2011-06-15` });
      expect([action, res.status, await res.text()]).toEqual([action, 400, expect.stringContaining("<Code>InvalidAction</Code>")]);
    }
  });
});

describe("X-Amz-Target", () => {
  it("does not take Object's own members for operations", async () => {
    for (const prefix of ["AWSCognitoIdentityProviderService", "AWSCognitoIdentityService"]) {
      for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
        const res = await call(`${prefix}.${name}`, {});
        expect([prefix, name, res]).toEqual([prefix, name, { status: 400, body: { __type: "UnknownOperationException", message: `Unknown operation ${prefix}.${name}` } }]);
      }
    }
    expect((await call("constructor.ListUserPools", { MaxResults: 1 })).body.__type).toBe("UnknownOperationException");
  });

  it("without one, answers as the content type suggests: JSON for JSON (even labelled a form, as curl -d does), XML for a form", async () => {
    const post = async (contentType: string | undefined, body: string) => {
      const res = await fetch(emu.url, { method: "POST", headers: contentType ? { "content-type": contentType } : {}, body });
      return { type: res.headers.get("content-type"), text: await res.text() };
    };
    const hint = "Unknown operation (no X-Amz-Target): send X-Amz-Target: <service>.<Operation> (AWSCognitoIdentityProviderService, AWSCognitoIdentityService), or a form-encoded Action (STS)";
    for (const contentType of ["application/x-amz-json-1.1", "application/json", "application/x-www-form-urlencoded", undefined]) {
      const answer = await post(contentType, '{"UserPoolId": "us-east-1_WireNull1"}');
      expect([contentType, answer.type, JSON.parse(answer.text)]).toEqual([contentType, "application/x-amz-json-1.1", { __type: "UnknownOperationException", message: hint }]);
    }
    const form = await post("application/x-www-form-urlencoded", "Version=2011-06-15");
    expect(form.type).toMatch(/^text\/xml/);
    expect(form.text).toContain("<Code>InvalidAction</Code>");
  });

  it("logs a request for an operation that does not exist, as it logs the others", async () => {
    const logged: Array<Record<string, unknown>> = [];
    const original = emu.services.log;
    emu.services.log = new Logger("json", false, (line) => logged.push(JSON.parse(line)));
    try {
      await call("AWSCognitoIdentityProviderService.MakeCoffee", {});
      await fetch(emu.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1" }, body: "{}" });
      await fetch(emu.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=MakeCoffee&Version=2011-06-15" });
    } finally {
      emu.services.log = original;
    }
    expect(logged).toEqual([
      expect.objectContaining({ level: "warn", type: "request", operation: "AWSCognitoIdentityProviderService.MakeCoffee", outcome: "UnknownOperationException" }),
      expect.objectContaining({ level: "warn", type: "request", operation: "(no X-Amz-Target)", outcome: "UnknownOperationException" }),
      expect.objectContaining({ level: "warn", type: "request", operation: "MakeCoffee", outcome: "InvalidAction" }),
    ]);
  });
});

describe("values that break naive string conversion", () => {
  it("names a list item whose toString member is not a function in the validation message", async () => {
    // Found by `npm run fuzz`: Array.join called each item's toString, and this one's is an object.
    const res = await fetch(emu.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.SetLogDeliveryConfiguration" },
      body: JSON.stringify({ UserPoolId: POOL, LogConfigurations: [{ toString: {} }, { toString: {} }, { toString: {} }] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).__type).toBe("InvalidParameterException");
  });
});
