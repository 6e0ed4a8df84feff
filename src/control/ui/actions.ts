import type { DeliveryMediumType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, NotAuthorized, UserNotFound } from "../../errors";
import type { Services } from "../../services/services";
import { checkAttributeWrite } from "../../services/user-pools/directory/attributes";
import { consumeCode } from "../../services/user-pools/directory/codes";
import { requirePool } from "../../services/user-pools/directory/lookup";
import { sendInvitation } from "../../services/user-pools/directory/messages";
import { checkPasswordPolicy, generateTemporaryPassword, passwordPolicy } from "../../services/user-pools/sign-in/passwords";
import type { UserRecord } from "../../services/user-pools/directory/records";
import { createUser, removeUser, saveUser, setUserEnabled } from "../../services/user-pools/directory/users";

const DAY_MS = 86_400_000;

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

/**
 * The console's user actions, built from the same domain code as AdminCreateUser, AdminConfirmSignUp,
 * AdminDisableUser/AdminEnableUser and AdminDeleteUser, so a user made here behaves like one made
 * through the API. Callers run them inside `store.transaction`.
 */
export async function createConsoleUser(services: Services, poolId: string, input: ConsoleNewUser): Promise<UserRecord> {
  const pool = requirePool(services, poolId);
  if (typeof input.username !== "string" || !input.username.trim()) throw InvalidParameter("Username is required.");
  const given: Record<string, string> = { ...(input.attributes ?? {}) };
  if (input.email) given.email = input.email;
  if (input.email && input.emailVerified) given.email_verified = "true";
  if (input.phoneNumber) given.phone_number = input.phoneNumber;
  if (input.phoneNumber && input.phoneNumberVerified) given.phone_number_verified = "true";
  const attributes = checkAttributeWrite(
    pool,
    Object.entries(given).map(([Name, Value]) => ({ Name, Value: String(Value) })),
    true,
  );

  const password = input.password || undefined;
  if (password) checkPasswordPolicy(pool, password);
  const permanent = Boolean(password && input.permanent);
  const temporaryPassword = password ?? generateTemporaryPassword(pool);
  const user = createUser(services, pool, {
    Username: input.username.trim(),
    Attributes: attributes,
    UserStatus: permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
    Password: temporaryPassword,
    TemporaryPasswordExpiresAt: permanent ? undefined : services.clock.now() + (passwordPolicy(pool).TemporaryPasswordValidityDays ?? 7) * DAY_MS,
  });
  if (!permanent) {
    // The invitation goes to every address the user has, so the outbox always shows the password.
    const mediums: DeliveryMediumType[] = [];
    if (user.Attributes.email) mediums.push("EMAIL");
    if (user.Attributes.phone_number) mediums.push("SMS");
    if (mediums.length) await sendInvitation(services, pool, user, temporaryPassword, mediums);
  }
  return user;
}

/** AdminConfirmSignUp: only a user still waiting on sign-up confirmation. */
export function confirmConsoleUser(services: Services, poolId: string, username: string): UserRecord {
  const user = requireStoredUser(services, poolId, username);
  if (user.UserStatus !== "UNCONFIRMED") throw NotAuthorized(`User cannot be confirmed. Current status is ${user.UserStatus}`);
  const confirmed = saveUser(services, user, { UserStatus: "CONFIRMED" });
  // The sign-up code the user was sent stops working, as after AdminConfirmSignUp.
  consumeCode(services, confirmed, "SignUp");
  return confirmed;
}

/** AdminDisableUser signs the user out everywhere; AdminEnableUser only lets them sign in again. */
export function setConsoleUserEnabled(services: Services, poolId: string, username: string, enabled: boolean): UserRecord {
  return setUserEnabled(services, requireStoredUser(services, poolId, username), enabled);
}

export function deleteConsoleUser(services: Services, poolId: string, username: string): void {
  removeUser(services, requireStoredUser(services, poolId, username));
}

/** By stored username (what the console lists), not by alias. */
function requireStoredUser(services: Services, poolId: string, username: string): UserRecord {
  requirePool(services, poolId);
  const user = services.tables.users.get(services.tables.userKey(poolId, username));
  if (!user) throw UserNotFound("User does not exist.");
  return user;
}
