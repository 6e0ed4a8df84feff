import type { AttributeType, DeliveryMediumType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, ResourceNotFound, UserNotFound } from "../../errors";
import { inProcessClient, type UserPoolsClient, userPoolsClient } from "../../services/client";
import { identityPoolTables } from "../../services/identity-pools/tables";
import type { Caller } from "../../services/invoke";
import type { Services } from "../../services/services";
import { requirePool } from "../../services/user-pools/directory/lookup";
import type { UserRecord } from "../../services/user-pools/directory/records";

/**
 * The console's actions. Each one is the AWS operation an administrator would call (AdminCreateUser,
 * AdminUpdateUserAttributes, ...), run through the emulator's own invoke path: the same input checks,
 * rules, errors and Lambda triggers as the API, and a request-log line saying "(console)". Callers run
 * them inside `store.transaction`, so an action made of two operations happens entirely or not at all.
 */

/** What the console's "new user" form sends. */
export interface ConsoleNewUser {
  username: string;
  /** Empty: a temporary password is generated and sent, as AdminCreateUser does. */
  password?: string;
  /** With a password: CONFIRMED (AdminSetUserPassword Permanent) rather than FORCE_CHANGE_PASSWORD. */
  permanent?: boolean;
  email?: string;
  emailVerified?: boolean;
  phoneNumber?: string;
  phoneNumberVerified?: boolean;
  /** Any other attributes, name -> value, checked against the pool's schema. */
  attributes?: Record<string, string>;
}

/** Attribute edits: values to set (AdminUpdateUserAttributes) and names to remove (AdminDeleteUserAttributes). */
export interface AttributeEdits {
  set?: Record<string, string>;
  remove?: string[];
}

/** One MFA factor's setting, as AdminSetUserMFAPreference takes it. */
export interface MfaFactor {
  enabled: boolean;
  preferred?: boolean;
}

export interface MfaEdits {
  sms?: MfaFactor;
  totp?: MfaFactor;
  email?: MfaFactor;
}

/** Who the console's calls come from: the pool's region, named in the request log. */
export function consoleCaller(poolOrIdentityPoolId: string, sourceIp?: string): Caller {
  return { region: poolOrIdentityPoolId.split(/[_:]/)[0], via: "console", sourceIp };
}

export class ConsoleActions {
  private readonly idp: UserPoolsClient;

  constructor(
    private readonly services: Services,
    private readonly poolId: string,
    caller: Caller,
  ) {
    requirePool(services, poolId);
    this.idp = userPoolsClient(services, caller);
  }

  async createUser(input: ConsoleNewUser): Promise<UserRecord> {
    if (typeof input.username !== "string" || !input.username.trim()) throw InvalidParameter("Username is required.");
    const given: Record<string, string> = { ...objectOf(input.attributes, "attributes") };
    if (input.email) given.email = input.email;
    if (input.email && input.emailVerified) given.email_verified = "true";
    if (input.phoneNumber) given.phone_number = input.phoneNumber;
    if (input.phoneNumber && input.phoneNumberVerified) given.phone_number_verified = "true";
    const password = input.password || undefined;
    const permanent = Boolean(password && input.permanent);
    // The invitation goes to every address the user has, so the outbox always shows the temporary password.
    const mediums: DeliveryMediumType[] = [];
    if (given.email) mediums.push("EMAIL");
    if (given.phone_number) mediums.push("SMS");
    const { User } = await this.idp.adminCreateUser({
      UserPoolId: this.poolId,
      Username: input.username.trim(),
      UserAttributes: attributeList(given),
      TemporaryPassword: password,
      MessageAction: permanent || mediums.length === 0 ? "SUPPRESS" : undefined,
      DesiredDeliveryMediums: mediums.length ? mediums : undefined,
    });
    if (permanent) await this.idp.adminSetUserPassword({ UserPoolId: this.poolId, Username: User!.Username!, Password: password!, Permanent: true });
    return this.user(User!.Username!);
  }

  async confirm(username: string): Promise<UserRecord> {
    await this.idp.adminConfirmSignUp({ UserPoolId: this.poolId, Username: this.stored(username) });
    return this.user(username);
  }

  async setEnabled(username: string, enabled: boolean): Promise<UserRecord> {
    const input = { UserPoolId: this.poolId, Username: this.stored(username) };
    await (enabled ? this.idp.adminEnableUser(input) : this.idp.adminDisableUser(input));
    return this.user(username);
  }

  async delete(username: string): Promise<void> {
    await this.idp.adminDeleteUser({ UserPoolId: this.poolId, Username: this.stored(username) });
  }

  /** AdminResetUserPassword: RESET_REQUIRED, and a code sent where the pool's recovery settings say. */
  async resetPassword(username: string): Promise<UserRecord> {
    await this.idp.adminResetUserPassword({ UserPoolId: this.poolId, Username: this.stored(username) });
    return this.user(username);
  }

  /** AdminUserGlobalSignOut: every refresh token revoked, and the tokens of those sign-ins with them. */
  async signOut(username: string): Promise<UserRecord> {
    await this.idp.adminUserGlobalSignOut({ UserPoolId: this.poolId, Username: this.stored(username) });
    return this.user(username);
  }

  async setPassword(username: string, input: { password?: unknown; permanent?: unknown }): Promise<UserRecord> {
    if (typeof input.password !== "string" || !input.password) throw InvalidParameter("Give the new password.");
    await this.idp.adminSetUserPassword({ UserPoolId: this.poolId, Username: this.stored(username), Password: input.password, Permanent: input.permanent === true });
    return this.user(username);
  }

  async editAttributes(username: string, edits: AttributeEdits): Promise<UserRecord> {
    const set = objectOf(edits.set, "set");
    const remove = edits.remove ?? [];
    if (!Array.isArray(remove) || remove.some((name) => typeof name !== "string")) throw InvalidParameter("remove must be a list of attribute names.");
    if (!Object.keys(set).length && !remove.length) throw InvalidParameter("Nothing to change.");
    const name = this.stored(username);
    if (Object.keys(set).length) await this.idp.adminUpdateUserAttributes({ UserPoolId: this.poolId, Username: name, UserAttributes: attributeList(set) });
    if (remove.length) await this.idp.adminDeleteUserAttributes({ UserPoolId: this.poolId, Username: name, UserAttributeNames: remove });
    return this.user(username);
  }

  async addToGroup(username: string, group: unknown): Promise<UserRecord> {
    if (typeof group !== "string" || !group) throw InvalidParameter("Give the group's name.");
    await this.idp.adminAddUserToGroup({ UserPoolId: this.poolId, Username: this.stored(username), GroupName: group });
    return this.user(username);
  }

  async removeFromGroup(username: string, group: string): Promise<UserRecord> {
    await this.idp.adminRemoveUserFromGroup({ UserPoolId: this.poolId, Username: this.stored(username), GroupName: group });
    return this.user(username);
  }

  async setMfa(username: string, edits: MfaEdits): Promise<UserRecord> {
    const factor = (value: MfaFactor | undefined, name: string) => {
      if (value === undefined) return undefined;
      if (typeof value !== "object" || value === null || typeof value.enabled !== "boolean") throw InvalidParameter(`${name} must be {"enabled": true|false, "preferred"?: true|false}.`);
      return { Enabled: value.enabled, PreferredMfa: value.preferred === true };
    };
    await this.idp.adminSetUserMFAPreference({
      UserPoolId: this.poolId,
      Username: this.stored(username),
      SMSMfaSettings: factor(edits.sms, "sms"),
      SoftwareTokenMfaSettings: factor(edits.totp, "totp"),
      EmailMfaSettings: factor(edits.email, "email"),
    });
    return this.user(username);
  }

  /** The console lists stored usernames; the API also takes aliases, which a stored name never collides with. */
  private stored(username: string): string {
    return this.user(username).Username;
  }

  private user(username: string): UserRecord {
    const { tables } = this.services;
    const user = tables.users.get(tables.userKey(this.poolId, username));
    if (!user) throw UserNotFound("User does not exist.");
    return user;
  }
}

/** DeleteIdentities, for one identity of an identity pool. */
export async function deleteIdentity(services: Services, identityPoolId: string, identityId: string, caller: Caller): Promise<void> {
  if (identityPoolTables(services).identities.get(identityId)?.IdentityPoolId !== identityPoolId) throw ResourceNotFound(`Identity '${identityId}' not found.`);
  const identity = inProcessClient(services, "cognito-identity", caller);
  const { UnprocessedIdentityIds } = await identity.deleteIdentities({ IdentityIdsToDelete: [identityId] });
  if (UnprocessedIdentityIds?.length) throw InvalidParameter(`Identity ${identityId} was not deleted: ${UnprocessedIdentityIds[0].ErrorCode}`);
}

function attributeList(values: Record<string, string>): AttributeType[] {
  return Object.entries(values).map(([Name, Value]) => ({ Name, Value: String(Value) }));
}

function objectOf(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string")) {
    throw InvalidParameter(`${name} must be an object of attribute names to string values.`);
  }
  return value as Record<string, string>;
}
