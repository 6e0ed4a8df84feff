import { NotAuthorized } from "../../../../errors";
import { runPreAuthentication } from "../../../../triggers";
import { checkSecretHash, requireFlow, requireParameter, unknownUser } from "../client-checks";
import { passwordSignIn } from "../password-sign-in";
import { chooseFirstFactor, preferredChallenge } from "../user-auth-choice";
import { claimedDevice } from "../devices";
import { flowHandler } from "../flow-handlers";
import { assertNotLockedOut } from "../lockout";
import { findUser } from "../../directory/users";

/**
 * Choice-based sign-in: PREFERRED_CHALLENGE (with PASSWORD or SRP_A when it needs them) goes straight
 * to that factor when the user can use it; otherwise SELECT_CHALLENGE lists the user's choices.
 */
export default flowHandler(async (services, { pool, client, parameters, clientMetadata, logUser, context }) => {
  requireFlow(client, "USER_AUTH");
  const username = requireParameter(parameters, "USERNAME");
  logUser(username);
  checkSecretHash(client, username, parameters.SECRET_HASH);
  const preferred = preferredChallenge(parameters.PREFERRED_CHALLENGE);
  const user = findUser(services, pool, username);
  if (!user) {
    // A password given up front may still sign in a user the migration trigger brings in.
    if (preferred === "PASSWORD" && parameters.PASSWORD) return passwordSignIn(services, pool, client, username, parameters.PASSWORD, { clientMetadata, deviceKey: parameters.DEVICE_KEY, context });
    if (client.PreventUserExistenceErrors === "ENABLED") await runPreAuthentication(services, pool, client, { userName: username, validationData: clientMetadata });
    throw unknownUser(client);
  }
  if (!user.Enabled) throw NotAuthorized("User is disabled.");
  assertNotLockedOut(services, user);
  await runPreAuthentication(services, pool, client, { user, userName: username, validationData: clientMetadata });
  const deviceKey = claimedDevice(services, pool, user, parameters.DEVICE_KEY);
  return chooseFirstFactor(services, { pool, client, user, method: "PASSWORD", clientMetadata, deviceKey, context }, preferred, parameters);
});
