import { NotAuthorized } from "../../../../errors";
import { requireCustomAuthTriggers, runPreAuthentication } from "../../../../triggers";
import { checkSecretHash, requireFlow, requireParameter, unknownUser } from "../client-checks";
import { type CustomAuthProgress, nextCustomStep, unknownUserStandIn } from "../custom-auth";
import { flowHandler } from "../flow-handlers";
import { findUser } from "../../directory/users";

/**
 * Authentication by the pool's own challenges (DefineAuthChallenge, CreateAuthChallenge,
 * VerifyAuthChallengeResponse). With CHALLENGE_NAME=SRP_A and SRP_A the client offers to prove the
 * password first; DefineAuthChallenge then sees SRP_A in the history and may ask PASSWORD_VERIFIER.
 */
export default flowHandler(async (services, { pool, client, parameters, clientMetadata, logUser, context }) => {
  requireFlow(client, "CUSTOM_AUTH");
  const username = requireParameter(parameters, "USERNAME");
  logUser(username);
  checkSecretHash(client, username, parameters.SECRET_HASH);
  requireCustomAuthTriggers(pool);

  const found = findUser(services, pool, username);
  if (!found && client.PreventUserExistenceErrors !== "ENABLED") throw unknownUser(client);
  if (found && !found.Enabled) throw NotAuthorized("User is disabled.");
  await runPreAuthentication(services, pool, client, { user: found, userName: username, validationData: clientMetadata });

  const srpA = parameters.CHALLENGE_NAME === "SRP_A" ? requireParameter(parameters, "SRP_A") : undefined;
  const progress: CustomAuthProgress = {
    history: srpA ? [{ challengeName: "SRP_A", challengeResult: true }] : [],
    userNotFound: !found || undefined,
    srpA,
  };
  const user = found ?? unknownUserStandIn(pool, username);
  return nextCustomStep(services, { pool, client, user, method: "CUSTOM", clientMetadata, context }, progress);
});
