import type { AttributeType, CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { AliasExists, InvalidParameter, NotAuthorized } from "../../../errors";
import type { Services } from "../../services";
import { checkAttributeWrite, isTrue, schemaOf } from "./attributes";
import { checkCode, consumeCode, findCode, issueCode, verifyAttributePurpose } from "./codes";
import { type Destination, type MessageContext, sendCode } from "./messages";
import type { ClientRecord, PoolRecord, UserRecord } from "./records";
import { aliasHolders, checkAliasesFree, saveUser } from "./users";

/** The attributes Cognito verifies with a code. */
type Contact = "email" | "phone_number";
const CONTACTS: readonly Contact[] = ["email", "phone_number"];
const flagOf = (contact: Contact) => `${contact}_verified`;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Who writes: an administrator (IAM) or a user through an app client, which limits what they may write. */
export type AttributeWriter = { admin: true } | { admin: false; client: ClientRecord | undefined };

export interface AttributeChange {
  user: UserRecord;
  /** One entry per verification code sent (UpdateUserAttributes' CodeDeliveryDetailsList). */
  deliveries: CodeDeliveryDetailsType[];
}

export function isContact(name: string): name is Contact {
  return (CONTACTS as readonly string[]).includes(name);
}

function schemaError(detail: string): Error {
  return InvalidParameter(`Attributes did not conform to the schema: ${detail}`);
}

/**
 * What an app client may write: its WriteAttributes when it has some; otherwise every attribute but
 * the verification flags. Developer-only attributes are for administrators alone.
 */
export function checkClientMayWrite(pool: PoolRecord, client: ClientRecord | undefined, names: readonly string[]): void {
  const schema = schemaOf(pool);
  for (const name of names) {
    const developerOnly = schema.get(name)?.DeveloperOnlyAttribute === true || name.startsWith("dev:");
    const permitted = client?.WriteAttributes ? client.WriteAttributes.includes(name) : !name.endsWith("_verified");
    if (developerOnly || !permitted) throw NotAuthorized("A client attempted to write unauthorized attribute");
  }
}

/** Email addresses must look like ones (checkAttributeWrite already holds phone numbers to E.164). */
export function checkContactFormats(attributes: Record<string, string>): void {
  if (attributes.email && !EMAIL.test(attributes.email)) throw InvalidParameter("Invalid email address format.");
}

/** The pool's required attributes that the attributes leave out (or blank), as Cognito names them. */
export function checkRequiredAttributes(pool: PoolRecord, attributes: Record<string, string>): void {
  const missing = (pool.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== "sub" && !attributes[a.Name!]);
  if (missing.length) throw schemaError(missing.map((a) => `${a.Name}: The attribute is required`).join("\n"));
}

/**
 * UpdateUserAttributes and AdminUpdateUserAttributes: checks the write, applies it, and sends a code
 * for each changed email or phone number the pool verifies. A blank value deletes the attribute.
 */
export async function updateAttributes(
  services: Services,
  pool: PoolRecord,
  user: UserRecord,
  list: readonly AttributeType[],
  writer: AttributeWriter,
  context: MessageContext = {},
): Promise<AttributeChange> {
  const given = new Map<string, string>();
  for (const { Name, Value } of list) if (Name) given.set(Name, Value ?? "");
  if (!writer.admin) checkClientMayWrite(pool, writer.client, [...given.keys()]);
  const blanks = [...given].filter(([, value]) => value === "").map(([name]) => name);
  checkDeletable(pool, user, blanks);
  const values = checkedValues(pool, user, [...given].filter(([, value]) => value !== ""));
  checkContactFormats(values);
  const { user: saved, codes } = applyChanges(services, pool, user, { ...values, ...Object.fromEntries(blanks.map((name) => [name, ""])) });
  const deliveries: CodeDeliveryDetailsType[] = [];
  for (const { destination, code } of codes) deliveries.push(await sendCode(services, pool, saved, destination, code, "UpdateUserAttribute", context));
  return { user: saved, deliveries };
}

/** DeleteUserAttributes and AdminDeleteUserAttributes. */
export function deleteAttributes(services: Services, pool: PoolRecord, user: UserRecord, names: readonly string[], writer: AttributeWriter): UserRecord {
  if (!writer.admin) checkClientMayWrite(pool, writer.client, names);
  checkDeletable(pool, user, names);
  return applyChanges(services, pool, user, Object.fromEntries(names.map((name) => [name, ""]))).user;
}

/** Values pass the schema; an immutable attribute may be given a value only while it has none. */
function checkedValues(pool: PoolRecord, user: UserRecord, entries: Array<[string, string]>): Record<string, string> {
  const toList = (subset: Array<[string, string]>) => subset.map(([Name, Value]) => ({ Name, Value }));
  const alreadySet = entries.filter(([name]) => user.Attributes[name] !== undefined);
  const unset = entries.filter(([name]) => user.Attributes[name] === undefined);
  return { ...checkAttributeWrite(pool, toList(unset), true), ...checkAttributeWrite(pool, toList(alreadySet), false) };
}

function checkDeletable(pool: PoolRecord, user: UserRecord, names: readonly string[]): void {
  const schema = schemaOf(pool);
  for (const name of names) {
    if (name === "sub") throw schemaError("sub: Attribute cannot be updated.");
    const definition = schema.get(name) ?? (schema.size === 0 ? {} : undefined);
    if (!definition) throw schemaError(`${name}: Attribute does not exist in the schema.`);
    if (definition.Required) throw schemaError(`${name}: The attribute is required`);
    if (definition.Mutable === false && user.Attributes[name] !== undefined) throw InvalidParameter(`Cannot modify an already provided ${name}`);
  }
}

/** A code to send once the user is saved: to a new contact value, which may wait for it before taking effect. */
interface Verification {
  destination: Destination;
  pending: boolean;
}

/** Applies checked values ("" deletes) to the user, and issues the codes to send once the uniqueness checks pass. */
function applyChanges(services: Services, pool: PoolRecord, user: UserRecord, given: Record<string, string>): { user: UserRecord; codes: Array<{ destination: Destination; code: string }> } {
  const attributes = { ...user.Attributes };
  for (const [name, value] of Object.entries(given)) {
    if (isContact(name)) continue;
    if (value === "") delete attributes[name];
    else attributes[name] = value;
  }
  const verifications: Verification[] = [];
  const settled: Contact[] = [];
  for (const contact of CONTACTS) {
    const outcome = changeContact(services, pool, user, contact, given, attributes);
    if (outcome === "settled") settled.push(contact);
    else if (outcome) verifications.push(outcome);
  }
  checkSignInNamesFree(services, pool, user, attributes);
  for (const { destination, pending } of verifications) {
    if (pending) checkSignInNamesFree(services, pool, user, { ...attributes, [destination.attribute]: destination.value, [flagOf(destination.attribute)]: "true" });
  }
  const saved = saveUser(services, user, { Attributes: attributes });
  for (const contact of settled) consumeCode(services, saved, verifyAttributePurpose(contact));
  const codes = verifications.map(({ destination, pending }) => {
    const record = issueCode(services, saved, verifyAttributePurpose(destination.attribute), {
      AttributeName: destination.attribute,
      PendingValue: pending ? destination.value : undefined,
    });
    return { destination, code: record.Code };
  });
  return { user: saved, codes };
}

/**
 * One contact attribute's part of an update, written into `attributes`. A new value becomes
 * unverified (and gets a code when the pool verifies it), unless the writer marks it verified; when
 * the pool requires verification before an update, the old value stays until the code confirms the
 * new one. Returns the code to send, "settled" when an outstanding code no longer applies, or nothing.
 */
function changeContact(
  services: Services,
  pool: PoolRecord,
  user: UserRecord,
  contact: Contact,
  given: Record<string, string>,
  attributes: Record<string, string>,
): Verification | "settled" | undefined {
  const flag = flagOf(contact);
  const markedVerified = isTrue(given[flag]);
  const pendingValue = findCode(services, user, verifyAttributePurpose(contact))?.PendingValue;
  if (!(contact in given)) {
    // Marking the attribute verified confirms a value waiting for verification.
    if (!markedVerified || pendingValue === undefined) return undefined;
    attributes[contact] = pendingValue;
    return "settled";
  }
  const value = given[contact];
  if (value === "") {
    delete attributes[contact];
    delete attributes[flag];
    return "settled";
  }
  if (value === user.Attributes[contact]) return pendingValue === undefined ? undefined : "settled";
  if (markedVerified) {
    attributes[contact] = value;
    return "settled";
  }
  const destination: Destination = { attribute: contact, value };
  if (requiresVerificationFirst(pool, contact) && user.Attributes[contact] !== undefined) {
    attributes[contact] = user.Attributes[contact];
    if (user.Attributes[flag] === undefined) delete attributes[flag];
    else attributes[flag] = user.Attributes[flag];
    return { destination, pending: true };
  }
  attributes[contact] = value;
  attributes[flag] = given[flag] ?? "false";
  return (pool.AutoVerifiedAttributes ?? []).includes(contact) ? { destination, pending: false } : "settled";
}

function requiresVerificationFirst(pool: PoolRecord, contact: Contact): boolean {
  return (pool.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []).includes(contact);
}

/**
 * Sign-in names stay unique: verified aliases (AliasAttributes) and, in pools that sign in by email
 * or phone number (UsernameAttributes), those values whether verified or not.
 */
function checkSignInNamesFree(services: Services, pool: PoolRecord, user: UserRecord, attributes: Record<string, string>): void {
  checkAliasesFree(services, pool, attributes, user);
  for (const attribute of pool.UsernameAttributes ?? []) {
    const value = attributes[attribute];
    if (!value || value === user.Attributes[attribute]) continue;
    const holder = aliasHolders(services, pool, attribute, value).find((other) => other.Sub !== user.Sub);
    if (holder) throw AliasExists(`An account with the given ${attribute} already exists.`);
  }
}

/**
 * Marks a contact attribute verified (a confirmed sign-up, a verified attribute). If another user
 * holds the value as a verified alias, that is an AliasExistsException unless `force`, which moves
 * the alias: the other user's value stays but is no longer verified, so it no longer signs in.
 */
export function markContactVerified(services: Services, pool: PoolRecord, user: UserRecord, contact: Contact, value: string, force: boolean): UserRecord {
  const attributes = { ...user.Attributes, [contact]: value, [flagOf(contact)]: "true" };
  if (force) releaseAlias(services, pool, user, contact, value);
  checkSignInNamesFree(services, pool, user, attributes);
  return saveUser(services, user, { Attributes: attributes });
}

function releaseAlias(services: Services, pool: PoolRecord, user: UserRecord, contact: Contact, value: string): void {
  if (!(pool.AliasAttributes ?? []).includes(contact)) return;
  for (const other of aliasHolders(services, pool, contact, value)) {
    if (other.Sub === user.Sub || !isTrue(other.Attributes[flagOf(contact)])) continue;
    saveUser(services, other, { Attributes: { ...other.Attributes, [flagOf(contact)]: "false" } });
  }
}

function requireContact(attribute: string): Contact {
  if (!isContact(attribute)) throw InvalidParameter(`Invalid attribute name: ${attribute} cannot be verified.`);
  return attribute;
}

/** GetUserAttributeVerificationCode: a code to the value awaiting verification, else the current one. */
export async function sendAttributeVerification(
  services: Services,
  pool: PoolRecord,
  user: UserRecord,
  attribute: string,
  context: MessageContext = {},
): Promise<CodeDeliveryDetailsType> {
  const contact = requireContact(attribute);
  const pendingValue = findCode(services, user, verifyAttributePurpose(contact))?.PendingValue;
  const value = pendingValue ?? user.Attributes[contact];
  if (!value) throw InvalidParameter(`User does not have a value for the attribute: ${contact}`);
  const record = issueCode(services, user, verifyAttributePurpose(contact), { AttributeName: contact, PendingValue: pendingValue });
  return sendCode(services, pool, user, { attribute: contact, value }, record.Code, "VerifyUserAttribute", context);
}

/** VerifyUserAttribute: the code marks the attribute verified, putting a value that waited for it into effect. */
export function verifyAttribute(services: Services, pool: PoolRecord, user: UserRecord, attribute: string, code: string): UserRecord {
  const contact = requireContact(attribute);
  const record = checkCode(services, user, verifyAttributePurpose(contact), code);
  const value = record.PendingValue ?? user.Attributes[contact];
  if (!value) throw InvalidParameter(`User does not have a value for the attribute: ${contact}`);
  const verified = markContactVerified(services, pool, user, contact, value, false);
  consumeCode(services, verified, verifyAttributePurpose(contact));
  return verified;
}
