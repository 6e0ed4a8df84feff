import { ServiceError } from "../../../errors";
import type { Services } from "../../services";
import { clientsOfPool, createClient, deleteClient, describeClient, MAX_CLIENTS_PER_POOL, summarizeClient, updateClient } from "./clients";
import { createPool } from "./pools";
import type { ClientRecord } from "./records";
import { servicesTestbed } from "../../testing";

function testServices(): Services {
  return servicesTestbed().services;
}

function setup() {
  const services = testServices();
  const pool = createPool(services, "us-east-1", { PoolName: "p", Schema: [{ Name: "tier", AttributeDataType: "String" }] });
  return { services, pool };
}

function expectError(fn: () => unknown, code: string, message: string | RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe(code);
    expect((error as ServiceError).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe("createClient", () => {
  it("gives a client created with only a name Cognito's defaults", () => {
    const { services, pool } = setup();
    const client = createClient(services, pool, { ClientName: "web" });
    expect(client.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(describeClient(client)).toEqual({
      UserPoolId: pool.Id,
      ClientName: "web",
      ClientId: client.ClientId,
      LastModifiedDate: new Date(client.CreationDate),
      CreationDate: new Date(client.CreationDate),
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
      ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: "LEGACY",
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
    });
  });

  it("generates a 51-character secret on request, or takes one given", () => {
    const { services, pool } = setup();
    expect(createClient(services, pool, { ClientName: "s", GenerateSecret: true }).ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    expect(createClient(services, pool, { ClientName: "c", ClientSecret: "my-own-secret-of-24-chars" }).ClientSecret).toBe("my-own-secret-of-24-chars");
    expect(createClient(services, pool, { ClientName: "f" }, { ClientId: "fixedclientid0000000000001", ClientSecret: "fixed" })).toMatchObject({
      ClientId: "fixedclientid0000000000001",
      ClientSecret: "fixed",
    });
    expectError(() => createClient(services, pool, { ClientName: "x", GenerateSecret: true, ClientSecret: "abc" }), "InvalidParameterException", /GenerateSecret/);
    expectError(() => createClient(services, pool, { ClientName: "x" }, { ClientId: "fixedclientid0000000000001" }), "InvalidParameterException", /already exists/);
  });

  it("reads a validity without a unit in hours (days for refresh tokens)", () => {
    const { services, pool } = setup();
    const client = createClient(services, pool, { ClientName: "v", AccessTokenValidity: 2, IdTokenValidity: 5, TokenValidityUnits: { IdToken: "minutes" }, RefreshTokenValidity: 0 });
    expect(client).toMatchObject({
      AccessTokenValidity: 2,
      IdTokenValidity: 5,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: "hours", IdToken: "minutes", RefreshToken: "days" },
    });
  });

  it.each([
    [{ AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: "days" as const } }],
    [{ IdTokenValidity: 4, TokenValidityUnits: { IdToken: "minutes" as const } }],
    [{ AccessTokenValidity: 25 }],
    [{ RefreshTokenValidity: 3651 }],
    [{ RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: "minutes" as const } }],
    [{ TokenValidityUnits: { AccessToken: "hours" as const } }],
  ])("refuses a token lifetime outside Cognito's bounds: %j", (validity) => {
    const { services, pool } = setup();
    expectError(() => createClient(services, pool, { ClientName: "v", ...validity }), "InvalidParameterException", "Invalid range for token validity.");
  });

  it("accepts the bounds themselves", () => {
    const { services, pool } = setup();
    createClient(services, pool, {
      ClientName: "edges",
      AccessTokenValidity: 5,
      IdTokenValidity: 1,
      RefreshTokenValidity: 60,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "days", RefreshToken: "minutes" },
    });
    createClient(services, pool, { ClientName: "max", RefreshTokenValidity: 3650 });
  });

  it("refuses legacy auth flow names mixed with ALLOW_ ones", () => {
    const { services, pool } = setup();
    expect(createClient(services, pool, { ClientName: "legacy", ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"] }).ExplicitAuthFlows).toEqual([
      "ADMIN_NO_SRP_AUTH",
      "USER_PASSWORD_AUTH",
    ]);
    expectError(
      () => createClient(services, pool, { ClientName: "mixed", ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH", "ALLOW_USER_SRP_AUTH"] }),
      "InvalidParameterException",
      /ALLOW_ prefix/,
    );
  });

  it("lets read and write permissions name only schema attributes", () => {
    const { services, pool } = setup();
    const client = createClient(services, pool, { ClientName: "perm", ReadAttributes: ["email", "custom:tier"], WriteAttributes: ["email"] });
    expect(client).toMatchObject({ ReadAttributes: ["email", "custom:tier"], WriteAttributes: ["email"] });
    expectError(() => createClient(services, pool, { ClientName: "x", ReadAttributes: ["custom:nope"] }), "InvalidParameterException", "Invalid read attributes specified while creating a client");
    expectError(() => createClient(services, pool, { ClientName: "x", WriteAttributes: ["tier"] }), "InvalidParameterException", "Invalid write attributes specified while creating a client");
  });

  it("applies Cognito's OAuth rules", () => {
    const { services, pool } = setup();
    const web = createClient(services, pool, {
      ClientName: "web",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email"],
      CallbackURLs: ["https://app.example.com/cb", "http://localhost:3000/cb", "myapp://cb"],
      LogoutURLs: ["http://127.0.0.1/out"],
      DefaultRedirectURI: "https://app.example.com/cb",
      SupportedIdentityProviders: ["COGNITO"],
    });
    expect(web).toMatchObject({ AllowedOAuthFlows: ["code"], SupportedIdentityProviders: ["COGNITO"], DefaultRedirectURI: "https://app.example.com/cb" });

    const oauth = { ClientName: "x", AllowedOAuthFlowsUserPoolClient: true };
    expectError(
      () => createClient(services, pool, { ...oauth, AllowedOAuthFlows: ["code"] }),
      "InvalidParameterException",
      "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
    );
    expectError(
      () => createClient(services, pool, { ...oauth, AllowedOAuthFlows: ["implicit"], AllowedOAuthScopes: ["openid"] }),
      "InvalidOAuthFlowException",
      "CallbackUrls can not be empty when code flow or implicit flow is selected",
    );
    expectError(
      () => createClient(services, pool, { ...oauth, GenerateSecret: true, AllowedOAuthFlows: ["client_credentials", "code"], AllowedOAuthScopes: ["api/read"], CallbackURLs: ["https://a"] }),
      "InvalidOAuthFlowException",
      "client_credentials flow can not be selected along with code flow or implicit flow.",
    );
    expectError(
      () => createClient(services, pool, { ...oauth, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["api/read"] }),
      "InvalidOAuthFlowException",
      "client_credentials flow can not be selected if client does not have a client secret.",
    );
    expectError(
      () => createClient(services, pool, { ...oauth, GenerateSecret: true, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["openid"] }),
      "InvalidOAuthFlowException",
      "openid is not supported with client_credentials flow",
    );
    expectError(
      () => createClient(services, pool, { ...oauth, AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid"], CallbackURLs: ["http://app.example.com/cb"] }),
      "InvalidParameterException",
      "http://app.example.com/cb cannot use the HTTP protocol.",
    );
    expectError(
      () => createClient(services, pool, { ...oauth, AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid"], CallbackURLs: ["https://a.example/cb"], DefaultRedirectURI: "https://b.example/cb" }),
      "InvalidParameterException",
      /DefaultRedirectURI/,
    );
  });

  it("checks identity providers and custom scopes once those features register their tables", () => {
    const services = testServices();
    const store = services.store;
    const identityProviders = store.table<object>("test-identityProviders");
    const resourceServers = store.table<{ Scopes: Array<{ ScopeName: string }> }>("test-resourceServers");
    Object.assign(services.tables, { identityProviders, resourceServers });
    const pool = createPool(services, "us-east-1", { PoolName: "p" });
    identityProviders.put(`${pool.Id}/Google`, {});
    resourceServers.put(`${pool.Id}/https://api.example.com`, { Scopes: [{ ScopeName: "read" }] });

    createClient(services, pool, { ClientName: "ok", SupportedIdentityProviders: ["COGNITO", "Google"] });
    expectError(
      () => createClient(services, pool, { ClientName: "x", SupportedIdentityProviders: ["Facebook"] }),
      "InvalidParameterException",
      `The provider Facebook does not exist for User Pool ${pool.Id}`,
    );
    const machine = { ClientName: "m2m", GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["client_credentials" as const] };
    createClient(services, pool, { ...machine, AllowedOAuthScopes: ["https://api.example.com/read"] });
    expectError(() => createClient(services, pool, { ...machine, AllowedOAuthScopes: ["https://api.example.com/write"] }), "ScopeDoesNotExistException", /write/);
  });

  it(`stops at ${MAX_CLIENTS_PER_POOL} clients per pool`, () => {
    const { services, pool } = setup();
    const filler = { UserPoolId: pool.Id, ClientName: "f", CreationDate: 0, LastModifiedDate: 0 };
    for (let i = 0; i < MAX_CLIENTS_PER_POOL; i++) services.tables.clients.put(`filler${i}`, { ...filler, ClientId: `filler${i}` } as ClientRecord);
    expectError(() => createClient(services, pool, { ClientName: "one-too-many" }), "LimitExceededException", /1000/);
  });
});

describe("updateClient", () => {
  it("replaces the settings, resetting omitted ones, and keeps id, secret, name and creation date", () => {
    const { services, pool } = setup();
    const client = createClient(services, pool, {
      ClientName: "web",
      GenerateSecret: true,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
      ReadAttributes: ["email"],
      PreventUserExistenceErrors: "ENABLED",
      AccessTokenValidity: 2,
    });
    services.clock.advance(5);
    const updated = updateClient(services, pool, client, { RefreshTokenValidity: 7 });
    expect(updated).toMatchObject({
      ClientId: client.ClientId,
      ClientSecret: client.ClientSecret,
      ClientName: "web",
      CreationDate: client.CreationDate,
      RefreshTokenValidity: 7,
      AccessTokenValidity: 60,
      ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"],
      PreventUserExistenceErrors: "LEGACY",
    });
    expect(updated.ReadAttributes).toBeUndefined();
    expect(updated.LastModifiedDate).toBeGreaterThan(client.LastModifiedDate);
    expect(services.tables.clients.get(client.ClientId)).toBe(updated);
    expect(updateClient(services, pool, updated, { ClientName: "renamed" }).ClientName).toBe("renamed");
  });

  it("words its attribute errors for an update", () => {
    const { services, pool } = setup();
    const client = createClient(services, pool, { ClientName: "web" });
    expectError(() => updateClient(services, pool, client, { WriteAttributes: ["nope"] }), "InvalidParameterException", "Invalid write attributes specified while updating a client");
  });
});

describe("listing and deleting", () => {
  it("lists a pool's clients oldest first and deletes one", () => {
    const { services, pool } = setup();
    const first = createClient(services, pool, { ClientName: "a" });
    services.clock.advance(1);
    const second = createClient(services, pool, { ClientName: "b" });
    expect(clientsOfPool(services, pool.Id).map(summarizeClient)).toEqual([
      { ClientId: first.ClientId, UserPoolId: pool.Id, ClientName: "a" },
      { ClientId: second.ClientId, UserPoolId: pool.Id, ClientName: "b" },
    ]);
    deleteClient(services, first);
    expect(clientsOfPool(services, pool.Id).map((c) => c.ClientId)).toEqual([second.ClientId]);
  });
});
