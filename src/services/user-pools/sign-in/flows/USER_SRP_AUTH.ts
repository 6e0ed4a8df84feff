import { NotAuthorized } from "../../../../errors";
import { runPreAuthentication } from "../../../../triggers";
import { checkSecretHash, requireFlow, requireParameter, unknownUser } from "../client-checks";
import { flowHandler } from "../flow-handlers";
import { assertNotLockedOut } from "../lockout";
import { srpSecrets } from "../passwords";
import { challenge } from "../state";
import { parseSrpA, startExchange } from "../srp";
import { findUser } from "../../directory/users";

/**
 * Secure Remote Password, first half: the client's A for the server's B and the user's salt. The
 * exchange stays in the challenge session; SECRET_BLOCK is an opaque random token echoed back.
 */
export default flowHandler(async (services, { pool, client, parameters, clientMetadata, logUser, context }) => {
  requireFlow(client, "USER_SRP_AUTH");
  const username = requireParameter(parameters, "USERNAME");
  logUser(username);
  const A = parseSrpA(requireParameter(parameters, "SRP_A"));
  checkSecretHash(client, username, parameters.SECRET_HASH);
  const user = findUser(services, pool, username);
  if (!user) throw unknownUser(client);
  if (!user.Enabled) throw NotAuthorized("User is disabled.");
  assertNotLockedOut(services, user);
  await runPreAuthentication(services, pool, client, { user, userName: username, validationData: clientMetadata });
  const secrets = srpSecrets(services, user);
  if (!secrets) throw NotAuthorized("Incorrect username or password.");
  const exchange = startExchange(A, secrets.verifier);
  return challenge(
    services,
    { pool, client, user, method: "PASSWORD_SRP", clientMetadata, context },
    "PASSWORD_VERIFIER",
    { SALT: secrets.salt, SECRET_BLOCK: exchange.secretBlock, SRP_B: exchange.B, USERNAME: user.Username, USER_ID_FOR_SRP: user.Username },
    { srp: exchange, claimedDeviceKey: parameters.DEVICE_KEY || undefined },
    exchange.secretBlock,
  );
});
