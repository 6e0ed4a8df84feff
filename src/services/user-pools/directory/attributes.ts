import type { AttributeType, SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter } from "../../../errors";
import type { PoolRecord, UserRecord } from "./records";

/** Schema attributes by name (`custom:` names included), cached per pool record. */
const schemaCache = new WeakMap<PoolRecord, Map<string, SchemaAttributeType>>();

export function schemaOf(pool: PoolRecord): Map<string, SchemaAttributeType> {
  let schema = schemaCache.get(pool);
  if (!schema) {
    schema = new Map((pool.SchemaAttributes ?? []).map((a) => [a.Name!, a]));
    schemaCache.set(pool, schema);
  }
  return schema;
}

/**
 * Cognito's phone number rule: a plus sign, the country code and the number, digits only (E.164).
 * "555-555-6555" or a number without its country code is "Invalid phone number format.", wherever the
 * number is written (AdminCreateUser, SignUp, attribute updates, user migration, federation).
 */
const E164 = /^\+[0-9]{4,15}$/;

function schemaError(detail: string): Error {
  return InvalidParameter(`Attributes did not conform to the schema: ${detail}`);
}

/**
 * Checks attributes an API call writes against the pool schema (existence, type, length, mutability)
 * and returns them as a name -> value map. `creating` allows immutable attributes to be set once.
 */
export function checkAttributeWrite(pool: PoolRecord, attributes: AttributeType[] | undefined, creating: boolean): Record<string, string> {
  const schema = schemaOf(pool);
  const out: Record<string, string> = {};
  for (const { Name, Value } of attributes ?? []) {
    if (!Name) continue;
    const value = Value ?? "";
    checkAttribute(schema, Name, value, creating);
    out[Name] = value;
  }
  return out;
}

/**
 * checkAttributeWrite for a name -> value map, which it returns as it is when every attribute passes:
 * fixtures give attributes as a map, and a large one has hundreds of thousands.
 */
export function checkAttributeMap(pool: PoolRecord, attributes: Record<string, string>, creating: boolean): Record<string, string> {
  const schema = schemaOf(pool);
  for (const name in attributes) {
    // An attribute without a name is left out, as checkAttributeWrite leaves it out.
    if (!name) return checkAttributeWrite(pool, Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })), creating);
    checkAttribute(schema, name, attributes[name], creating);
  }
  return attributes;
}

function checkAttribute(schema: Map<string, SchemaAttributeType>, name: string, value: string, creating: boolean): void {
  if (name === "sub") throw schemaError("sub: Attribute cannot be updated.");
  const definition = schema.get(name) ?? (schema.size === 0 ? {} : undefined);
  if (!definition) throw schemaError(`${name}: Attribute does not exist in the schema.`);
  if (!creating && definition.Mutable === false) throw InvalidParameter(`Cannot modify an already provided ${name}`);
  checkValue(name, value, definition);
  if (name === "phone_number" && value !== "" && !E164.test(value)) throw InvalidParameter("Invalid phone number format.");
}

/**
 * Whether a Boolean attribute holds true. Cognito takes "True" and "TRUE" as well as "true" and keeps
 * the value as written: users created with email_verified "True" read back "True" and count as verified
 * (aws-amplify/amplify-js#8205 and #7917, where Amplify's exact "true" check then failed them).
 */
export function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === "true";
}

function checkValue(name: string, value: string, definition: SchemaAttributeType) {
  switch (definition.AttributeDataType) {
    case "Boolean":
      if (!isTrue(value) && value.toLowerCase() !== "false") throw schemaError(`${name}: Attribute value must be true or false.`);
      break;
    case "Number": {
      if (value !== "" && !/^-?\d+(\.\d+)?$/.test(value)) throw schemaError(`${name}: Number must be a valid number.`);
      const { MinValue, MaxValue } = definition.NumberAttributeConstraints ?? {};
      if (MinValue !== undefined && Number(value) < Number(MinValue)) throw schemaError(`${name}: Number must be greater than or equal to ${MinValue}.`);
      if (MaxValue !== undefined && Number(value) > Number(MaxValue)) throw schemaError(`${name}: Number must be less than or equal to ${MaxValue}.`);
      break;
    }
    default: {
      const { MinLength, MaxLength } = definition.StringAttributeConstraints ?? {};
      if (MinLength !== undefined && value.length < Number(MinLength)) throw schemaError(`${name}: String must be at least ${MinLength} characters long.`);
      if (MaxLength !== undefined && value.length > Number(MaxLength)) throw schemaError(`${name}: String must be no longer than ${MaxLength} characters.`);
    }
  }
}

/** The API form of a user's attributes: `sub` first, then the rest as stored. */
export function attributeList(user: UserRecord): AttributeType[] {
  return [{ Name: "sub", Value: user.Sub }, ...Object.entries(user.Attributes).map(([Name, Value]) => ({ Name, Value }))];
}
