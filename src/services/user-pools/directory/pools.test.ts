import { ServiceError } from "../../../errors";
import type { Logger } from "../../../log";
import type { Services } from "../../services";
import { createClient } from "./clients";
import { addPoolCustomAttributes, createPool, creationKey, deletePool, describePool, pageOf, poolsInRegion, summarizePool, updatePool } from "./pools";
import { STANDARD_ATTRIBUTES } from "./schema";
import { servicesTestbed } from "../../testing";

function testServices() {
  return servicesTestbed({ accountId: "111122223333" });
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

describe("createPool", () => {
  it("gives a pool created with only a name Cognito's defaults", () => {
    const { services, keys } = testServices();
    const pool = createPool(services, "eu-west-1", { PoolName: "plain" });
    expect(pool.Id).toMatch(/^eu-west-1_[0-9A-Za-z]{9}$/);
    expect(keys.ensured).toEqual([pool.Id]);
    const described = describePool(services, pool);
    expect(described).toEqual({
      Id: pool.Id,
      Name: "plain",
      Policies: {
        PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 },
        SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
      },
      DeletionProtection: "INACTIVE",
      LambdaConfig: {},
      LastModifiedDate: new Date(pool.CreationDate),
      CreationDate: new Date(pool.CreationDate),
      SchemaAttributes: [...STANDARD_ATTRIBUTES],
      VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
      MfaConfiguration: "OFF",
      EstimatedNumberOfUsers: 0,
      EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
      UserPoolTags: {},
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
      Arn: `arn:aws:cognito-idp:eu-west-1:111122223333:userpool/${pool.Id}`,
      UserPoolTier: "ESSENTIALS",
    });
    expect(Object.keys(described).slice(0, 5)).toEqual(["Id", "Name", "Policies", "DeletionProtection", "LambdaConfig"]);
  });

  it("keeps what the request sets", () => {
    const { services } = testServices();
    const pool = createPool(services, "us-east-1", {
      PoolName: "full",
      Policies: { PasswordPolicy: { MinimumLength: 6, RequireNumbers: true, TemporaryPasswordValidityDays: 0 } },
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      EmailVerificationSubject: "Your code",
      MfaConfiguration: "OPTIONAL",
      DeletionProtection: "ACTIVE",
      UserPoolTags: { team: "a" },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: "verified_email" }] },
      Schema: [{ Name: "tier", AttributeDataType: "String" }],
    });
    expect(pool.Policies!.PasswordPolicy).toEqual({
      MinimumLength: 6, RequireUppercase: false, RequireLowercase: false, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 7,
    });
    expect(pool).toMatchObject({
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      EmailVerificationSubject: "Your code",
      VerificationMessageTemplate: { EmailSubject: "Your code", DefaultEmailOption: "CONFIRM_WITH_CODE" },
      MfaConfiguration: "OPTIONAL",
      DeletionProtection: "ACTIVE",
      UserPoolTags: { team: "a" },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: "verified_email" }] },
    });
    expect(pool.SchemaAttributes!.at(-1)!.Name).toBe("custom:tier");
    expect(services.tables.isCaseInsensitive(pool.Id)).toBe(true);
  });

  it("takes a fixed id and creation time", () => {
    const { services } = testServices();
    const pool = createPool(services, "us-east-1", { PoolName: "fixed" }, { Id: "us-east-1_Fixed0001", CreationDate: 1_000 });
    expect(pool).toMatchObject({ Id: "us-east-1_Fixed0001", CreationDate: 1_000, LastModifiedDate: 1_000 });
    expectError(() => createPool(services, "us-east-1", { PoolName: "again" }, { Id: "us-east-1_Fixed0001" }), "InvalidParameterException", /already exists/);
  });

  it("refuses username attributes together with alias attributes", () => {
    const { services } = testServices();
    expectError(
      () => createPool(services, "us-east-1", { PoolName: "x", UsernameAttributes: ["email"], AliasAttributes: ["phone_number"] }),
      "InvalidParameterException",
      "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
    );
  });

  it("requires attributes verified before update to be auto-verified", () => {
    const { services } = testServices();
    expectError(
      () => createPool(services, "us-east-1", { PoolName: "x", UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] } }),
      "InvalidParameterException",
      "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
    );
  });

  it("survives a failure to create signing keys", async () => {
    const { services } = testServices();
    const errors: string[] = [];
    services.tokens = { ensureKeys: async () => Promise.reject(new Error("no entropy")), deleteKeys: () => {} } as unknown as Services["tokens"];
    services.log = { error: (message: string) => errors.push(message) } as unknown as Logger;
    const pool = createPool(services, "us-east-1", { PoolName: "x" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([`could not create signing keys for ${pool.Id}: no entropy`]);
  });
});

describe("updatePool", () => {
  it("replaces the updatable settings and resets what the request leaves out", () => {
    const { services } = testServices();
    const pool = createPool(services, "us-east-1", {
      PoolName: "before",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      MfaConfiguration: "OPTIONAL",
      LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:1:function:f" },
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
      UserPoolTier: "PLUS",
      UserPoolTags: { team: "a" },
      Schema: [{ Name: "tier", AttributeDataType: "String" }],
    });
    services.clock.advance(60);
    const updated = updatePool(services, pool, { UserPoolId: pool.Id, DeletionProtection: "ACTIVE" });
    expect(updated).toMatchObject({
      Name: "before",
      DeletionProtection: "ACTIVE",
      MfaConfiguration: "OFF",
      LambdaConfig: {},
      UsernameAttributes: ["email"],
      UserPoolTier: "PLUS",
      UserPoolTags: { team: "a" },
      Arn: pool.Arn,
      CreationDate: pool.CreationDate,
    });
    expect(updated.AutoVerifiedAttributes).toBeUndefined();
    expect(updated.Policies!.PasswordPolicy!.MinimumLength).toBe(8);
    expect(updated.SchemaAttributes).toEqual(pool.SchemaAttributes);
    expect(updated.LastModifiedDate).toBeGreaterThanOrEqual(pool.LastModifiedDate + 60_000);
    expect(services.tables.pools.get(pool.Id)).toBe(updated);
  });

  it("renames the pool and keeps fields other features store on it", () => {
    const { services } = testServices();
    const pool = createPool(services, "us-east-1", { PoolName: "before" });
    services.tables.pools.put(pool.Id, { ...pool, Domain: "my-domain" });
    const updated = updatePool(services, services.tables.pools.get(pool.Id)!, { UserPoolId: pool.Id, PoolName: "after" });
    expect(updated).toMatchObject({ Name: "after", Domain: "my-domain" });
  });
});

describe("addPoolCustomAttributes", () => {
  it("adds to the schema and stamps the change", () => {
    const { services } = testServices();
    const pool = createPool(services, "us-east-1", { PoolName: "p" });
    const updated = addPoolCustomAttributes(services, pool, [{ Name: "plan", AttributeDataType: "String" }]);
    expect(updated.SchemaAttributes!.at(-1)!.Name).toBe("custom:plan");
    expect(services.tables.pools.get(pool.Id)!.SchemaAttributes).toHaveLength(STANDARD_ATTRIBUTES.length + 1);
  });
});

describe("deletePool", () => {
  it("removes the pool and everything in it, and its keys", () => {
    const { services, keys } = testServices();
    const { tables } = services;
    const pool = createPool(services, "us-east-1", { PoolName: "doomed" });
    const other = createPool(services, "us-east-1", { PoolName: "kept" });
    const client = createClient(services, pool, { ClientName: "web" });
    const otherClient = createClient(services, other, { ClientName: "web" });
    tables.groups.put(tables.groupKey(pool.Id, "admins"), { UserPoolId: pool.Id, GroupName: "admins", CreationDate: 0, LastModifiedDate: 0 });
    tables.users.put(tables.userKey(pool.Id, "alice"), {
      UserPoolId: pool.Id, Username: "alice", Sub: "sub-1", Attributes: {}, Enabled: true, UserStatus: "CONFIRMED", UserCreateDate: 0, UserLastModifiedDate: 0, Groups: ["admins"],
    });
    tables.refreshTokens.put("hash-1", { UserPoolId: pool.Id, ClientId: client.ClientId, Username: "alice", Sub: "sub-1", OriginJti: "j", AuthTime: 0, IssuedAt: 0, ExpiresAt: 1 });
    expect(describePool(services, tables.pools.get(pool.Id)!).EstimatedNumberOfUsers).toBe(1);

    deletePool(services, pool);

    expect(tables.pools.has(pool.Id)).toBe(false);
    expect(tables.clients.has(client.ClientId)).toBe(false);
    expect(tables.groups.size).toBe(0);
    expect(tables.users.size).toBe(0);
    expect(tables.refreshTokens.size).toBe(0);
    expect(keys.deleted).toEqual([pool.Id]);
    expect(tables.pools.has(other.Id)).toBe(true);
    expect(tables.clients.has(otherClient.ClientId)).toBe(true);
  });

  it("refuses while deletion protection is active", () => {
    const { services } = testServices();
    const pool = createPool(services, "us-east-1", { PoolName: "protected", DeletionProtection: "ACTIVE" });
    expectError(
      () => deletePool(services, pool),
      "InvalidParameterException",
      "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
    );
    expect(services.tables.pools.has(pool.Id)).toBe(true);
  });
});

describe("listing", () => {
  it("lists a region's pools oldest first, summarized", () => {
    const { services } = testServices();
    const first = createPool(services, "us-east-1", { PoolName: "a", LambdaConfig: { PreSignUp: "arn:x" } });
    services.clock.advance(1);
    const second = createPool(services, "us-east-1", { PoolName: "b" });
    createPool(services, "eu-west-1", { PoolName: "c" });
    expect(poolsInRegion(services, "us-east-1").map((p) => p.Id)).toEqual([first.Id, second.Id]);
    expect(summarizePool(first)).toEqual({
      Id: first.Id,
      Name: "a",
      LambdaConfig: { PreSignUp: "arn:x" },
      LastModifiedDate: new Date(first.LastModifiedDate),
      CreationDate: new Date(first.CreationDate),
    });
  });

  it("pages with a token that survives deletions", () => {
    const items = ["a", "b", "c", "d", "e"];
    const key = (s: string) => s;
    const one = pageOf(items, key, 2);
    expect(one.items).toEqual(["a", "b"]);
    const two = pageOf(items.filter((s) => s !== "b"), key, 2, one.nextToken);
    expect(two.items).toEqual(["c", "d"]);
    const three = pageOf(items, key, 2, two.nextToken);
    expect(three).toEqual({ items: ["e"], nextToken: undefined });
    expect(pageOf(items, key, 5)).toEqual({ items, nextToken: undefined });
    expectError(() => pageOf(items, key, 2, "garbage"), "InvalidParameterException", "Invalid pagination token.");
  });

  it("orders by creation, then id", () => {
    expect(creationKey({ CreationDate: 9 }, "z") < creationKey({ CreationDate: 10 }, "a")).toBe(true);
  });
});
