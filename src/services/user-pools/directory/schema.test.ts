import { addCustomAttributes, buildSchema, findSchemaAttribute, isStandardAttribute, MAX_CUSTOM_ATTRIBUTES, STANDARD_ATTRIBUTES } from "./schema";

const names = (schema: readonly { Name?: string }[]) => schema.map((a) => a.Name);

describe("the standard schema", () => {
  it("lists Cognito's standard attributes in DescribeUserPool order", () => {
    expect(names(STANDARD_ATTRIBUTES)).toEqual([
      "sub", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
      "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
      "phone_number_verified", "address", "updated_at", "identities",
    ]);
  });

  it("shapes each attribute as Cognito reports it", () => {
    expect(STANDARD_ATTRIBUTES[0]).toEqual({
      Name: "sub", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: false, Required: true,
      StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" },
    });
    expect(findSchemaAttribute(STANDARD_ATTRIBUTES, "email_verified")).toEqual({
      Name: "email_verified", AttributeDataType: "Boolean", DeveloperOnlyAttribute: false, Mutable: true, Required: false,
    });
    expect(findSchemaAttribute(STANDARD_ATTRIBUTES, "birthdate")!.StringAttributeConstraints).toEqual({ MinLength: "10", MaxLength: "10" });
    expect(findSchemaAttribute(STANDARD_ATTRIBUTES, "updated_at")).toMatchObject({ AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "0" } });
    expect(findSchemaAttribute(STANDARD_ATTRIBUTES, "identities")!.StringAttributeConstraints).toEqual({});
  });

  it("knows which names are standard", () => {
    expect(isStandardAttribute("email")).toBe(true);
    expect(isStandardAttribute("custom:email")).toBe(false);
  });
});

describe("buildSchema", () => {
  it("is the standard schema when the request has none", () => {
    expect(buildSchema()).toEqual([...STANDARD_ATTRIBUTES]);
  });

  it("lets a standard attribute become required, immutable, or narrower", () => {
    const schema = buildSchema([
      { Name: "email", Required: true },
      { Name: "given_name", AttributeDataType: "String", Mutable: false, StringAttributeConstraints: { MaxLength: "100" } },
    ]);
    expect(findSchemaAttribute(schema, "email")).toMatchObject({ Required: true, Mutable: true, AttributeDataType: "String" });
    expect(findSchemaAttribute(schema, "given_name")).toMatchObject({ Mutable: false, StringAttributeConstraints: { MinLength: "0", MaxLength: "100" } });
    expect(names(schema)).toEqual(names(STANDARD_ATTRIBUTES));
  });

  it("refuses to retype a standard attribute or make it developer-only", () => {
    expect(() => buildSchema([{ Name: "email", AttributeDataType: "Number" }])).toThrow(
      "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email",
    );
    expect(() => buildSchema([{ Name: "email", DeveloperOnlyAttribute: true }])).toThrow(/standard schema attribute email/);
  });

  it("appends custom attributes as custom:<Name>, dev:custom:<Name> when developer-only", () => {
    const schema = buildSchema([
      { Name: "tier", AttributeDataType: "String" },
      { Name: "age", AttributeDataType: "Number", Mutable: false, NumberAttributeConstraints: { MinValue: "0", MaxValue: "150" } },
      { Name: "secret", AttributeDataType: "Boolean", DeveloperOnlyAttribute: true },
    ]);
    expect(schema.slice(STANDARD_ATTRIBUTES.length)).toEqual([
      { Name: "custom:tier", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: {} },
      { Name: "custom:age", AttributeDataType: "Number", DeveloperOnlyAttribute: false, Mutable: false, Required: false, NumberAttributeConstraints: { MinValue: "0", MaxValue: "150" } },
      { Name: "dev:custom:secret", AttributeDataType: "Boolean", DeveloperOnlyAttribute: true, Mutable: true, Required: false },
    ]);
  });

  it("prefixes a name that already says custom:, as Cognito does", () => {
    expect(names(buildSchema([{ Name: "custom:x", AttributeDataType: "String" }]))).toContain("custom:custom:x");
  });

  it("applies Cognito's rules to custom attributes", () => {
    expect(() => buildSchema([{ Name: "tier" }])).toThrow("Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
    expect(() => buildSchema([{ Name: "tier", AttributeDataType: "String", Required: true }])).toThrow(
      "Required custom attributes are not supported currently.",
    );
    expect(() => buildSchema([{ Name: "tier", AttributeDataType: "String" }, { Name: "tier", AttributeDataType: "Number" }])).toThrow(
      "custom:tier: Existing attribute already has name custom:tier.",
    );
  });

  it("checks string and number constraints", () => {
    const string = (MinLength?: string, MaxLength?: string) => buildSchema([{ Name: "s", AttributeDataType: "String", StringAttributeConstraints: { MinLength, MaxLength } }]);
    expect(() => string("5", "2")).toThrow("user.custom:s: Max length cannot be less than min length.");
    expect(() => string("0", "4096")).toThrow("user.custom:s: String attributes cannot have a length of more than 2048");
    expect(() => string("x")).toThrow("Invalid StringAttributeConstraints for schema attribute custom:s");
    expect(() => buildSchema([{ Name: "n", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "10", MaxValue: "-1" } }])).toThrow(
      "user.custom:n: Max value cannot be less than min value.",
    );
    expect(string(undefined, "10")).toBeDefined();
  });
});

describe("addCustomAttributes", () => {
  it("appends to an existing schema and refuses a name already there", () => {
    const schema = addCustomAttributes(buildSchema([{ Name: "a", AttributeDataType: "String" }]), [{ Name: "b", AttributeDataType: "DateTime" }]);
    expect(names(schema).slice(-2)).toEqual(["custom:a", "custom:b"]);
    expect(() => addCustomAttributes(schema, [{ Name: "a", AttributeDataType: "String" }])).toThrow("custom:a: Existing attribute already has name custom:a.");
  });

  it(`holds at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes`, () => {
    const many = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ Name: `a${from + i}`, AttributeDataType: "String" as const }));
    const full = addCustomAttributes(addCustomAttributes(buildSchema(many(0, 25)), many(25, 25)), []);
    expect(full).toHaveLength(STANDARD_ATTRIBUTES.length + MAX_CUSTOM_ATTRIBUTES);
    expect(() => addCustomAttributes(full, many(50, 1))).toThrow(/at most 50 custom attributes/);
  });
});
