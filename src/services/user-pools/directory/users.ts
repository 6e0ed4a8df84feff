import type { UserType } from "@aws-sdk/client-cognito-identity-provider";
import { AliasExists, InvalidParameter, UserNotFound, UsernameExists } from "../../../errors";
import { uuid } from "../../../ids";
import type { Services } from "../../services";
import { attributeList, isTrue } from "./attributes";
import { passwordCredentials } from "../sign-in/passwords";
import type { PoolRecord, UserRecord, UserStatus } from "./records";
import { users } from "./tables";

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;

/**
 * Finds a user the way sign-in does: by username, or by an attribute the pool lets users sign in
 * with (UsernameAttributes, or AliasAttributes; email/phone aliases only once verified).
 */
export function findUser(services: Services, pool: PoolRecord, name: string): UserRecord | undefined {
  const { tables } = services;
  const byUsername = tables.users.get(tables.userKey(pool.Id, name));
  if (byUsername) return byUsername;
  for (const attribute of pool.UsernameAttributes ?? []) {
    const [user] = aliasHolders(services, pool, attribute, name);
    if (user) return user;
  }
  for (const attribute of pool.AliasAttributes ?? []) {
    for (const user of aliasHolders(services, pool, attribute, name)) {
      if (attribute === "preferred_username" || isTrue(user.Attributes[`${attribute}_verified`])) return user;
    }
  }
  return undefined;
}

/**
 * The users holding `value` as an email, phone number or preferred_username, compared as the pool
 * compares sign-in names: exactly, unless its UsernameConfiguration says CaseSensitive: false. The
 * alias index folds email (ListUsers searches it without case), so the exact test is made here.
 */
export function aliasHolders(services: Services, pool: PoolRecord, attribute: string, value: string): UserRecord[] {
  const { tables } = services;
  const holders = tables.usersByAlias(pool.Id, attribute, value);
  return tables.isCaseInsensitive(pool.Id) ? holders : holders.filter((user) => user.Attributes[attribute] === value);
}

export function requireUser(services: Services, pool: PoolRecord, name: string): UserRecord {
  const user = findUser(services, pool, name);
  if (!user) throw UserNotFound("User does not exist.");
  return user;
}

export function toUserType(user: UserRecord): UserType {
  return {
    Username: user.Username,
    Attributes: attributeList(user),
    UserCreateDate: new Date(user.UserCreateDate),
    UserLastModifiedDate: new Date(user.UserLastModifiedDate),
    Enabled: user.Enabled,
    UserStatus: user.UserStatus,
  };
}

export interface NewUser {
  /** The name given to the API; in a pool with UsernameAttributes it is an email or phone number. */
  Username: string;
  Attributes: Record<string, string>;
  UserStatus: UserStatus;
  Enabled?: boolean;
  /** A clear password, stored as passwordCredentials (it needs the final username, the sub in email/phone pools). */
  Password?: string;
  /** An existing hash instead, with SRP's salt and x when known (fixtures exported from /_emu/state). */
  PasswordHash?: string;
  SrpSalt?: string;
  SrpX?: string;
  /** A fixture's password instead, by the digest of the user's definition (see FixturePasswords). */
  FixturePassword?: string;
  TemporaryPasswordExpiresAt?: number;
  Sub?: string;
  Groups?: string[];
  TotpSecret?: string;
  CreatedAt?: number;
}

/**
 * Creates a user after Cognito's checks: username shape for pools that sign in by email/phone (the
 * stored username is then the sub), unique username, and unique verified aliases.
 */
export function createUser(services: Services, pool: PoolRecord, input: NewUser): UserRecord {
  const { tables, clock } = services;
  const sub = input.Sub ?? uuid();
  // The caller's map becomes the record's (records never change theirs in place); copied only to add to it.
  let attributes = input.Attributes;
  let username = input.Username;

  const usernameAttributes = pool.UsernameAttributes ?? [];
  if (usernameAttributes.length) {
    const isEmail = EMAIL.test(username);
    const isPhone = PHONE.test(username);
    if (isEmail && usernameAttributes.includes("email")) attributes = { ...attributes, email: attributes.email ?? username };
    else if (isPhone && usernameAttributes.includes("phone_number")) attributes = { ...attributes, phone_number: attributes.phone_number ?? username };
    else if (username !== sub) {
      throw InvalidParameter(
        usernameAttributes.length === 2
          ? "Username should be either an email or a phone number."
          : usernameAttributes[0] === "email"
            ? "Username should be an email."
            : "Username should be a phone number.",
      );
    }
    for (const attribute of usernameAttributes) {
      const value = attributes[attribute];
      if (value && aliasHolders(services, pool, attribute, value).length) {
        throw UsernameExists(`An account with the given ${attribute === "email" ? "email" : "phone_number"} already exists.`);
      }
    }
    username = sub;
  }

  const key = tables.userKey(pool.Id, username);
  if (tables.users.has(key)) throw UsernameExists("User account already exists");
  checkAliasesFree(services, pool, attributes, undefined);

  const now = input.CreatedAt ?? clock.now();
  const user: UserRecord = {
    UserPoolId: pool.Id,
    Username: username,
    Sub: sub,
    Attributes: attributes,
    Enabled: input.Enabled ?? true,
    UserStatus: input.UserStatus,
    UserCreateDate: now,
    UserLastModifiedDate: now,
    ...(input.Password !== undefined
      ? passwordCredentials(pool, username, input.Password)
      : input.FixturePassword !== undefined
        ? { FixturePassword: input.FixturePassword }
        : { PasswordHash: input.PasswordHash, SrpSalt: input.SrpSalt, SrpX: input.SrpX }),
    TemporaryPasswordExpiresAt: input.TemporaryPasswordExpiresAt,
    Groups: input.Groups ?? [],
    ...(input.TotpSecret ? { TotpSecret: input.TotpSecret } : {}),
  };
  tables.users.put(key, user);
  return user;
}

/** A verified email/phone or a preferred_username that another user of an alias pool already holds. */
export function checkAliasesFree(services: Services, pool: PoolRecord, attributes: Record<string, string>, self: UserRecord | undefined): void {
  for (const attribute of pool.AliasAttributes ?? []) {
    const value = attributes[attribute];
    if (!value) continue;
    const needsVerification = attribute !== "preferred_username";
    if (needsVerification && !isTrue(attributes[`${attribute}_verified`])) continue;
    const holder = aliasHolders(services, pool, attribute, value).find((u) => u.Sub !== self?.Sub && (!needsVerification || isTrue(u.Attributes[`${attribute}_verified`])));
    if (holder) throw AliasExists(`An account with the given ${attribute} already exists.`);
  }
}

/** Writes a changed user, stamping the modification time. */
export function saveUser(services: Services, user: UserRecord, changes: Partial<UserRecord>): UserRecord {
  return users.save(services, { ...user, ...changes, UserLastModifiedDate: services.clock.now() });
}

/**
 * Deletes a user and everything the declarations say a user owns (refresh tokens, which are revoked,
 * codes, authenticator, devices, passkeys, events, links to external identities).
 */
export function removeUser(services: Services, user: UserRecord): void {
  users.remove(services, users.keyOf(user, services));
}

/** Global sign-out: every token issued until now stops working, refresh tokens included. */
export function signOutEverywhere(services: Services, user: UserRecord): UserRecord {
  const signedOut = saveUser(services, user, { TokensValidAfter: services.clock.nowSeconds() });
  services.tokens.revokeUserTokens(user.UserPoolId, user.Sub);
  return signedOut;
}

/** AdminDisableUser also revokes every token already issued; AdminEnableUser only lets the user sign in again. */
export function setUserEnabled(services: Services, user: UserRecord, enabled: boolean): UserRecord {
  return saveUser(services, enabled ? user : signOutEverywhere(services, user), { Enabled: enabled });
}
