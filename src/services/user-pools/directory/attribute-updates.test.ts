import { StoppedClock, tokenTestbed } from "../../../tokens/testing";
import {
  type AttributeWriter,
  checkRequiredAttributes,
  deleteAttributes,
  markContactVerified,
  sendAttributeVerification,
  updateAttributes,
  verifyAttribute,
} from "./attribute-updates";
import type { Services } from "../../services";
import type { ClientRecord, PoolRecord, UserRecord } from "./records";
import { buildSchema } from "./schema";
import { createUser } from "./users";

/** The token testbed's user (alice: verified email, unverified phone, immutable custom:tier) in a pool with a real schema. */
function testbed(settings: Partial<PoolRecord> = {}) {
  const bed = tokenTestbed({ clock: new StoppedClock() });
  const { services } = bed;
  const pool: PoolRecord = {
    ...bed.pool,
    SchemaAttributes: buildSchema([
      { Name: "name", Required: true },
      { Name: "tier", AttributeDataType: "String", Mutable: false },
      { Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true },
    ]),
    ...settings,
  };
  bed.tables.pools.put(pool.Id, pool);
  const current = () => bed.tables.users.get(bed.tables.userKey(pool.Id, "alice"))!;
  const lastCode = () => services.outbox.list().at(-1)?.code;
  return { ...bed, services, pool, current, lastCode };
}

const ADMIN: AttributeWriter = { admin: true };
const userVia = (client?: ClientRecord): AttributeWriter => ({ admin: false, client });
const attrs = (values: Record<string, string>) => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));

describe("updating attributes", () => {
  it("writes ordinary attributes straight away", async () => {
    const { services, pool, user, current } = testbed();
    const { deliveries } = await updateAttributes(services, pool, user, attrs({ name: "Alice B", given_name: "Alice" }), userVia());
    expect(deliveries).toEqual([]);
    expect(current().Attributes).toMatchObject({ name: "Alice B", given_name: "Alice", email: "alice@example.com", email_verified: "true" });
  });

  it("unverifies a changed email and sends a code when the pool verifies emails; the code verifies it", async () => {
    const { services, pool, user, current, lastCode } = testbed({ AutoVerifiedAttributes: ["email"] });
    const { deliveries } = await updateAttributes(services, pool, user, attrs({ email: "new@example.org" }), userVia());
    expect(deliveries).toEqual([{ Destination: "n***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }]);
    expect(current().Attributes).toMatchObject({ email: "new@example.org", email_verified: "false" });
    expect(services.outbox.list().at(-1)).toMatchObject({ destination: "new@example.org", reason: "UpdateUserAttribute" });

    expect(() => verifyAttribute(services, pool, current(), "email", "not-it")).toThrow("Invalid verification code provided, please try again.");
    verifyAttribute(services, pool, current(), "email", lastCode()!);
    expect(current().Attributes).toMatchObject({ email: "new@example.org", email_verified: "true" });
    expect(() => verifyAttribute(services, pool, current(), "email", lastCode()!)).toThrow(expect.objectContaining({ code: "ExpiredCodeException" }));
  });

  it("only unverifies a changed phone number when the pool does not verify phone numbers", async () => {
    const { services, pool, user, current } = testbed({ AutoVerifiedAttributes: ["email"] });
    const { deliveries } = await updateAttributes(services, pool, user, attrs({ phone_number: "+15555550199" }), userVia());
    expect(deliveries).toEqual([]);
    expect(current().Attributes).toMatchObject({ phone_number: "+15555550199", phone_number_verified: "false" });
    expect(services.outbox.list()).toEqual([]);
  });

  it("keeps the old value in effect until the new one is verified when the pool requires it", async () => {
    const { services, pool, user, current, lastCode } = testbed({
      AutoVerifiedAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
    const { deliveries } = await updateAttributes(services, pool, user, attrs({ email: "new@example.org", name: "Alice B" }), userVia());
    expect(deliveries).toEqual([{ Destination: "n***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }]);
    expect(current().Attributes).toMatchObject({ email: "alice@example.com", email_verified: "true", name: "Alice B" });
    // A new code for the attribute goes to the value still waiting.
    await sendAttributeVerification(services, pool, current(), "email");
    expect(services.outbox.list().at(-1)).toMatchObject({ destination: "new@example.org", reason: "VerifyUserAttribute" });
    verifyAttribute(services, pool, current(), "email", lastCode()!);
    expect(current().Attributes).toMatchObject({ email: "new@example.org", email_verified: "true" });
  });

  it("lets an administrator confirm a waiting value, or set a value verified at once without a code", async () => {
    const { services, pool, user, current } = testbed({
      AutoVerifiedAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
    await updateAttributes(services, pool, user, attrs({ email: "waiting@example.org" }), ADMIN);
    expect(current().Attributes.email).toBe("alice@example.com");
    await updateAttributes(services, pool, current(), attrs({ email_verified: "true" }), ADMIN);
    expect(current().Attributes).toMatchObject({ email: "waiting@example.org", email_verified: "true" });

    const sent = services.outbox.list().length;
    const { deliveries } = await updateAttributes(services, pool, current(), attrs({ email: "direct@example.org", email_verified: "true" }), ADMIN);
    expect(deliveries).toEqual([]);
    expect(services.outbox.list()).toHaveLength(sent);
    expect(current().Attributes).toMatchObject({ email: "direct@example.org", email_verified: "true" });
  });

  it("keeps users from writing verification flags, developer-only attributes and what their client may not write", async () => {
    const { services, pool, user, client } = testbed();
    const unauthorized = expect.objectContaining({ code: "NotAuthorizedException", message: "A client attempted to write unauthorized attribute" });
    await expect(updateAttributes(services, pool, user, attrs({ email_verified: "true" }), userVia())).rejects.toThrow(unauthorized);
    await expect(updateAttributes(services, pool, user, attrs({ "dev:custom:secret": "x" }), userVia())).rejects.toThrow(unauthorized);
    const limited: ClientRecord = { ...client, WriteAttributes: ["name", "email_verified"] };
    await expect(updateAttributes(services, pool, user, attrs({ given_name: "A" }), userVia(limited))).rejects.toThrow(unauthorized);
    await expect(updateAttributes(services, pool, user, attrs({ name: "A", email_verified: "true" }), userVia(limited))).resolves.toBeDefined();
    await expect(updateAttributes(services, pool, user, attrs({ "dev:custom:secret": "x" }), ADMIN)).resolves.toBeDefined();
  });

  it("answers Cognito's schema errors: unknown, immutable, sub, required, malformed", async () => {
    const { services, pool, user } = testbed();
    const update = (values: Record<string, string>) => updateAttributes(services, pool, user, attrs(values), ADMIN);
    await expect(update({ "custom:nope": "x" })).rejects.toThrow("Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.");
    await expect(update({ "custom:tier": "silver" })).rejects.toThrow("Cannot modify an already provided custom:tier");
    await expect(update({ sub: "mine" })).rejects.toThrow("Attributes did not conform to the schema: sub: Attribute cannot be updated.");
    await expect(update({ name: "" })).rejects.toThrow("Attributes did not conform to the schema: name: The attribute is required");
    await expect(update({ email: "not-an-email" })).rejects.toThrow(expect.objectContaining({ code: "InvalidParameterException", message: "Invalid email address format." }));
    await expect(update({ phone_number: "555-0100" })).rejects.toThrow("Invalid phone number format.");
  });

  it("deletes attributes given blank, and a deleted contact's verification flag with it", async () => {
    const { services, pool, user, current } = testbed();
    await updateAttributes(services, pool, user, attrs({ email: "" }), userVia());
    expect(current().Attributes).not.toHaveProperty("email");
    expect(current().Attributes).not.toHaveProperty("email_verified");
    deleteAttributes(services, pool, current(), ["phone_number"], userVia());
    expect(current().Attributes).not.toHaveProperty("phone_number_verified");
    expect(() => deleteAttributes(services, pool, current(), ["name"], ADMIN)).toThrow("name: The attribute is required");
    expect(() => deleteAttributes(services, pool, current(), ["custom:tier"], ADMIN)).toThrow("Cannot modify an already provided custom:tier");
    expect(() => deleteAttributes(services, pool, current(), ["email_verified"], userVia())).toThrow(expect.objectContaining({ code: "NotAuthorizedException" }));
  });
});

describe("sign-in names stay unique", () => {
  const other = (services: Services, pool: PoolRecord, attributes: Record<string, string>, username = "bob"): UserRecord =>
    createUser(services, pool, { Username: username, Attributes: attributes, UserStatus: "CONFIRMED" });

  it("refuses a verified alias another user holds, unless forced, which moves it", async () => {
    const { services, pool, user, tables } = testbed({ AliasAttributes: ["email"] });
    const bob = other(services, pool, { name: "Bob", email: "shared@example.com", email_verified: "true" });
    await expect(updateAttributes(services, pool, user, attrs({ email: "shared@example.com", email_verified: "true" }), ADMIN)).rejects.toThrow(
      expect.objectContaining({ code: "AliasExistsException", message: "An account with the given email already exists." }),
    );
    // Unverified, the same address is no alias and is allowed.
    await updateAttributes(services, pool, user, attrs({ email: "shared@example.com" }), ADMIN);
    const alice = tables.users.get(tables.userKey(pool.Id, "alice"))!;
    expect(() => markContactVerified(services, pool, alice, "email", "shared@example.com", false)).toThrow(expect.objectContaining({ code: "AliasExistsException" }));
    markContactVerified(services, pool, alice, "email", "shared@example.com", true);
    expect(tables.users.get(tables.userKey(pool.Id, "alice"))!.Attributes.email_verified).toBe("true");
    expect(tables.users.get(tables.userKey(pool.Id, bob.Username))!.Attributes).toMatchObject({ email: "shared@example.com", email_verified: "false" });
  });

  it("refuses another user's email in a pool that signs in by email", async () => {
    const { services, pool, user } = testbed({ UsernameAttributes: ["email"] });
    other(services, pool, { name: "Bob" }, "bob@example.com");
    await expect(updateAttributes(services, pool, user, attrs({ email: "bob@example.com" }), userVia())).rejects.toThrow(expect.objectContaining({ code: "AliasExistsException" }));
  });
});

describe("attribute verification codes", () => {
  it("verifies only email and phone number, and only values the user has", async () => {
    const { services, pool, user, current } = testbed();
    await expect(sendAttributeVerification(services, pool, user, "name")).rejects.toThrow(expect.objectContaining({ code: "InvalidParameterException" }));
    deleteAttributes(services, pool, user, ["phone_number"], ADMIN);
    await expect(sendAttributeVerification(services, pool, current(), "phone_number")).rejects.toThrow(expect.objectContaining({ code: "InvalidParameterException" }));
    await expect(sendAttributeVerification(services, pool, current(), "email")).resolves.toEqual({ Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
  });

  it("names every missing required attribute", () => {
    const { pool } = testbed({ SchemaAttributes: buildSchema([{ Name: "name", Required: true }, { Name: "family_name", Required: true }]) });
    expect(() => checkRequiredAttributes(pool, { name: "A" })).toThrow("Attributes did not conform to the schema: family_name: The attribute is required");
    expect(() => checkRequiredAttributes(pool, {})).toThrow("Attributes did not conform to the schema: name: The attribute is required\nfamily_name: The attribute is required");
  });
});
