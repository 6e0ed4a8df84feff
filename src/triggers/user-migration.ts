import type { Services } from "../services/services";
import { checkAttributeWrite, isTrue } from "../services/user-pools/directory/attributes";
import type { ClientRecord, PoolRecord, UserRecord, UserStatus } from "../services/user-pools/directory/records";
import { aliasHolders, createUser, saveUser } from "../services/user-pools/directory/users";
import { optionalMaps, triggerEvent } from "./event";
import { configuredFunction } from "./functions";
import { invokeTrigger } from "./invoke";
import { flag, optionalString, optionalStringMap, responseOf, unrecognizable } from "./response";
import type { StringMap, UserMigrationSource } from "./types";

export interface UserMigrationInput {
  source: UserMigrationSource;
  /** The name the caller gave, which matched no user. */
  userName: string;
  /** The password of the sign-in; the forgot-password flow has none. */
  password?: string;
  clientMetadata?: StringMap;
}

const FINAL_STATUSES: ReadonlySet<string> = new Set<UserStatus>(["CONFIRMED", "RESET_REQUIRED"]);

/**
 * UserMigration_<source> for a name that matched no user: the function looks the user up elsewhere and
 * returns their attributes, and the user is created here with them (and the password they signed in
 * with). Undefined when the pool has no such trigger or the function answered no attributes (Cognito's
 * "user does not exist"). The created user stays even if the request fails later, as in Cognito.
 */
export async function migrateUser(services: Services, pool: PoolRecord, client: ClientRecord, input: UserMigrationInput): Promise<UserRecord | undefined> {
  const reference = configuredFunction(pool, "UserMigration");
  if (!reference) return undefined;
  const event = triggerEvent(
    { pool, triggerSource: `UserMigration_${input.source}`, userName: input.userName, clientId: client.ClientId },
    {
      ...(input.password !== undefined ? { password: input.password } : {}),
      // Sign-in passes its ClientMetadata as validationData too, as InitiateAuth has no ValidationData;
      // ForgotPassword's is clientMetadata only.
      ...optionalMaps({ validationData: input.source === "Authentication" ? input.clientMetadata : undefined, clientMetadata: input.clientMetadata }),
    },
    { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null },
  );
  const response = responseOf(await invokeTrigger(services, pool, "UserMigration", reference, event));

  const returned = optionalStringMap(response.userAttributes) ?? {};
  const given = Object.entries(returned)
    .filter(([name]) => name !== "sub" && name !== "username" && !name.startsWith("cognito:"))
    .map(([Name, Value]) => ({ Name, Value }));
  if (given.length === 0) return undefined;
  // Without a password (the forgot-password flow) the user can only go on by resetting it.
  const status = optionalString(response.finalUserStatus) ?? (input.password === undefined ? "RESET_REQUIRED" : "CONFIRMED");
  if (!FINAL_STATUSES.has(status)) throw unrecognizable();
  const attributes = checkAttributeWrite(pool, given, true);

  return services.store.keepOnFailure(() => {
    if (flag(response.forceAliasCreation)) releaseAliases(services, pool, attributes);
    return createUser(services, pool, {
      Username: input.userName,
      Attributes: attributes,
      UserStatus: status as UserStatus,
      Password: input.password,
    });
  });
}

/** forceAliasCreation: a verified email or phone number another user holds as an alias moves to the new user. */
function releaseAliases(services: Services, pool: PoolRecord, attributes: StringMap): void {
  for (const attribute of pool.AliasAttributes ?? []) {
    if (attribute === "preferred_username") continue;
    const value = attributes[attribute];
    if (!value || !isTrue(attributes[`${attribute}_verified`])) continue;
    for (const holder of aliasHolders(services, pool, attribute, value)) {
      if (isTrue(holder.Attributes[`${attribute}_verified`])) {
        saveUser(services, holder, { Attributes: { ...holder.Attributes, [`${attribute}_verified`]: "false" } });
      }
    }
  }
}
