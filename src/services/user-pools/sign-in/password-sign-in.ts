import { runPreAuthentication } from "../../../triggers/authentication";
import { migrateUser } from "../../../triggers/user-migration";
import { NotAuthorized, PasswordResetRequired } from "../../../errors";
import type { Services } from "../../services";
import type { ClientRecord, PoolRecord, UserRecord } from "../directory/records";
import { findUser, saveUser } from "../directory/users";
import { checkPassword, hasPassword, hasSrpCredentials, passwordCredentials } from "./passwords";
import { afterFirstFactor } from "./pipeline";
import { claimedDevice } from "./devices";
import { assertNotLockedOut, clearFailedSignIns, recordFailedSignIn } from "./lockout";
import { unknownUser } from "./client-checks";
import type { SignInResult } from "./result";
import type { RequestContext } from "./request-context";
import { screenSignInPassword } from "./compromised-credentials";

/** How a password sign-in was started, beyond the credentials. */
export interface PasswordSignInOptions {
  clientMetadata?: Record<string, string>;
  /** A remembered device the client names (amazon-cognito-identity-js sends it with every sign-in). */
  deviceKey?: string;
  /** Where the request comes from, for threat protection. */
  context?: RequestContext;
}

/** Username + password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, the hosted UI's form): checks, then the next challenge or the signed-in user. */
export async function passwordSignIn(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  password: string,
  { clientMetadata, deviceKey, context }: PasswordSignInOptions = {},
): Promise<SignInResult> {
  const user = findUser(services, pool, username) ?? (await migrateUser(services, pool, client, { source: "Authentication", userName: username, password, clientMetadata }));
  if (!user) {
    // Clients that hide unknown users still run the trigger, telling it userNotFound.
    if (client.PreventUserExistenceErrors === "ENABLED") await runPreAuthentication(services, pool, client, { userName: username, validationData: clientMetadata });
    throw unknownUser(client);
  }
  if (!user.Enabled) throw NotAuthorized("User is disabled.");
  assertNotLockedOut(services, user);
  await runPreAuthentication(services, pool, client, { user, userName: username, validationData: clientMetadata });
  // Imported users have no password until they reset it.
  if (user.UserStatus === "RESET_REQUIRED" && !hasPassword(user)) throw PasswordResetRequired("Password reset required for the user");
  if (!checkPassword(services, user, password)) {
    recordFailedSignIn(services, user, { context });
    throw NotAuthorized("Incorrect username or password.");
  }
  clearFailedSignIns(services, user);
  const compromised = screenSignInPassword(services, user, { pool, clientId: client.ClientId, password, context });
  const signedIn = hasSrpCredentials(user) ? user : withSrpCredentials(services, pool, user, password);
  return afterFirstFactor(services, { pool, client, user: signedIn, method: "PASSWORD", clientMetadata, deviceKey: claimedDevice(services, pool, user, deviceKey), context, compromised });
}

/**
 * Users imported with only a password hash (older exports) cannot do SRP; the first password sign-in,
 * which knows the password, gives them SRP credentials too.
 */
function withSrpCredentials(services: Services, pool: PoolRecord, user: UserRecord, password: string): UserRecord {
  const { SrpSalt, SrpX } = passwordCredentials(pool, user.Username, password);
  return saveUser(services, user, { SrpSalt, SrpX, SrpVerifier: undefined });
}
