import type {
  NumberAttributeConstraintsType,
  SchemaAttributeType,
  StringAttributeConstraintsType,
} from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter } from "../../../errors";

/** A user pool holds at most this many custom (and developer-only) attributes. */
export const MAX_CUSTOM_ATTRIBUTES = 50;

/** Cognito's longest string attribute value, and so the ceiling of any MaxLength. */
const MAX_STRING_LENGTH = 2048;

const text = (name: string, minLength = "0", maxLength = "2048"): SchemaAttributeType => ({
  Name: name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: minLength, MaxLength: maxLength },
});

const flag = (name: string): SchemaAttributeType => ({
  Name: name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
});

/** Every pool's standard attributes, in the order and shape DescribeUserPool reports them. */
export const STANDARD_ATTRIBUTES: readonly SchemaAttributeType[] = Object.freeze([
  { ...text("sub", "1"), Mutable: false, Required: true },
  text("name"),
  text("given_name"),
  text("family_name"),
  text("middle_name"),
  text("nickname"),
  text("preferred_username"),
  text("profile"),
  text("picture"),
  text("website"),
  text("email"),
  flag("email_verified"),
  text("gender"),
  text("birthdate", "10", "10"),
  text("zoneinfo"),
  text("locale"),
  text("phone_number"),
  flag("phone_number_verified"),
  text("address"),
  {
    Name: "updated_at",
    AttributeDataType: "Number",
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: "0" },
  },
  {
    Name: "identities",
    AttributeDataType: "String",
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    StringAttributeConstraints: {},
  },
]);

const STANDARD_BY_NAME = new Map(STANDARD_ATTRIBUTES.map((attribute) => [attribute.Name!, attribute]));

export function isStandardAttribute(name: string): boolean {
  return STANDARD_BY_NAME.has(name);
}

export function findSchemaAttribute(schema: readonly SchemaAttributeType[] | undefined, name: string): SchemaAttributeType | undefined {
  return schema?.find((attribute) => attribute.Name === name);
}

/** The standard schema with a CreateUserPool `Schema` applied: standard entries adjusted, custom ones appended. */
export function buildSchema(requested: readonly SchemaAttributeType[] = []): SchemaAttributeType[] {
  const schema = [...STANDARD_ATTRIBUTES];
  const custom: SchemaAttributeType[] = [];
  for (const attribute of requested) {
    const standardIndex = schema.findIndex((existing) => existing.Name === attribute.Name);
    if (standardIndex >= 0) schema[standardIndex] = adjustStandard(schema[standardIndex], attribute);
    else custom.push(customAttribute(attribute));
  }
  return withCustomAttributes(schema, custom);
}

/** AddCustomAttributes: the schema with new custom attributes appended, refusing duplicates and the limit. */
export function addCustomAttributes(schema: readonly SchemaAttributeType[], requested: readonly SchemaAttributeType[]): SchemaAttributeType[] {
  return withCustomAttributes(schema, requested.map(customAttribute));
}

function withCustomAttributes(schema: readonly SchemaAttributeType[], added: readonly SchemaAttributeType[]): SchemaAttributeType[] {
  const result = [...schema];
  for (const attribute of added) {
    if (findSchemaAttribute(result, attribute.Name!)) {
      throw InvalidParameter(`${attribute.Name}: Existing attribute already has name ${attribute.Name}.`);
    }
    result.push(attribute);
  }
  const customCount = result.filter((attribute) => !isStandardAttribute(attribute.Name!)).length;
  if (customCount > MAX_CUSTOM_ATTRIBUTES) {
    throw InvalidParameter(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  }
  return result;
}

/** Standard attributes keep their type; only Required, Mutable and constraints may change. */
function adjustStandard(standard: SchemaAttributeType, requested: SchemaAttributeType): SchemaAttributeType {
  const name = standard.Name!;
  const changesType = requested.AttributeDataType !== undefined && requested.AttributeDataType !== standard.AttributeDataType;
  if (changesType || requested.DeveloperOnlyAttribute) {
    throw InvalidParameter(`You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${name}`);
  }
  // sub identifies the user everywhere; it stays the immutable, required attribute Cognito makes it.
  if (name === "sub") return standard;
  const adjusted: SchemaAttributeType = {
    ...standard,
    Mutable: requested.Mutable ?? standard.Mutable,
    Required: requested.Required ?? standard.Required,
  };
  if (standard.StringAttributeConstraints && requested.StringAttributeConstraints) {
    adjusted.StringAttributeConstraints = stringConstraints(name, { ...standard.StringAttributeConstraints, ...defined(requested.StringAttributeConstraints) });
  }
  if (standard.NumberAttributeConstraints && requested.NumberAttributeConstraints) {
    adjusted.NumberAttributeConstraints = numberConstraints(name, { ...standard.NumberAttributeConstraints, ...defined(requested.NumberAttributeConstraints) });
  }
  return adjusted;
}

/** Custom attributes are always renamed `custom:<Name>` (`dev:custom:<Name>` when developer-only), even if already prefixed. */
function customAttribute(requested: SchemaAttributeType): SchemaAttributeType {
  if (!requested.Name) throw InvalidParameter("Schema attribute name cannot be empty.");
  if (!requested.AttributeDataType) {
    throw InvalidParameter("Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
  }
  if (requested.Required) throw InvalidParameter("Required custom attributes are not supported currently.");
  const developerOnly = requested.DeveloperOnlyAttribute === true;
  const name = `${developerOnly ? "dev:" : ""}custom:${requested.Name}`;
  const attribute: SchemaAttributeType = {
    Name: name,
    AttributeDataType: requested.AttributeDataType,
    DeveloperOnlyAttribute: developerOnly,
    Mutable: requested.Mutable ?? true,
    Required: false,
  };
  if (requested.AttributeDataType === "String") {
    attribute.StringAttributeConstraints = stringConstraints(name, defined(requested.StringAttributeConstraints ?? {}));
  }
  if (requested.AttributeDataType === "Number") {
    attribute.NumberAttributeConstraints = numberConstraints(name, defined(requested.NumberAttributeConstraints ?? {}));
  }
  return attribute;
}

function stringConstraints(name: string, constraints: StringAttributeConstraintsType): StringAttributeConstraintsType {
  const min = parseLimit(name, constraints.MinLength, "StringAttributeConstraints", true);
  const max = parseLimit(name, constraints.MaxLength, "StringAttributeConstraints", true);
  if ((min ?? 0) > MAX_STRING_LENGTH || (max ?? 0) > MAX_STRING_LENGTH) {
    throw InvalidParameter(`user.${name}: String attributes cannot have a length of more than ${MAX_STRING_LENGTH}`);
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw InvalidParameter(`user.${name}: Max length cannot be less than min length.`);
  }
  return constraints;
}

function numberConstraints(name: string, constraints: NumberAttributeConstraintsType): NumberAttributeConstraintsType {
  const min = parseLimit(name, constraints.MinValue, "NumberAttributeConstraints", false);
  const max = parseLimit(name, constraints.MaxValue, "NumberAttributeConstraints", false);
  if (min !== undefined && max !== undefined && min > max) {
    throw InvalidParameter(`user.${name}: Max value cannot be less than min value.`);
  }
  return constraints;
}

/** Limits travel as strings; they must hold whole numbers (lengths also non-negative). */
function parseLimit(name: string, value: string | undefined, kind: string, nonNegative: boolean): number | undefined {
  if (value === undefined) return undefined;
  const pattern = nonNegative ? /^\d+$/ : /^-?\d+$/;
  if (!pattern.test(value.trim())) throw InvalidParameter(`Invalid ${kind} for schema attribute ${name}`);
  return Number(value);
}

/** Drops members explicitly set to undefined, so they do not erase defaults when spread. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
