import { InvalidParameter, NotAuthorized } from "../../errors";
import type { Services } from "../services";
import { checkAttributeWrite } from "./attributes";
import { type AuthOutcome, checkSecretHash, issueSignInTokens } from "./auth";
import { checkPasswordPolicy, hashPassword } from "./passwords";
import type { ClientRecord, PoolRecord } from "./records";
import { takeSession } from "./sessions";
import { checkAliasesFree, requireUser, saveUser } from "./users";

export interface ChallengeAnswer {
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
}

/** Answers the challenge a sign-in is waiting on; the session names the user and the challenge. */
export async function respondToChallenge(services: Services, pool: PoolRecord, client: ClientRecord, answer: ChallengeAnswer): Promise<AuthOutcome> {
  const session = takeSession(services, answer.Session, client.ClientId);
  if (session.ChallengeName !== answer.ChallengeName) throw InvalidParameter(`Invalid challenge name ${answer.ChallengeName}, expected ${session.ChallengeName}`);
  const responses = answer.ChallengeResponses ?? {};
  const user = requireUser(services, pool, session.Username);
  checkSecretHash(client, responses.USERNAME ?? user.Username, responses.SECRET_HASH, [user.Username]);

  switch (answer.ChallengeName) {
    case "NEW_PASSWORD_REQUIRED":
      return completeNewPassword(services, pool, client, session.Username, responses);
    default:
      throw InvalidParameter(`ChallengeName ${answer.ChallengeName} is not supported for this session`);
  }
}

/** NEW_PASSWORD_REQUIRED: a permanent password and any required attributes still missing. */
async function completeNewPassword(services: Services, pool: PoolRecord, client: ClientRecord, username: string, responses: Record<string, string>): Promise<AuthOutcome> {
  const newPassword = responses.NEW_PASSWORD;
  if (!newPassword) throw InvalidParameter("Missing required parameter NEW_PASSWORD");
  const user = requireUser(services, pool, username);
  if (user.UserStatus !== "FORCE_CHANGE_PASSWORD") throw NotAuthorized("Invalid session for the user.");
  checkPasswordPolicy(pool, newPassword);

  const given = Object.entries(responses)
    .filter(([name]) => name.startsWith("userAttributes."))
    .map(([name, Value]) => ({ Name: name.slice("userAttributes.".length), Value }));
  const attributes = { ...user.Attributes, ...checkAttributeWrite(pool, given, false) };
  for (const required of (pool.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== "sub")) {
    if (!attributes[required.Name!]) throw InvalidParameter(`Invalid attributes given, ${required.Name} is missing`);
  }
  checkAliasesFree(services, pool, attributes, user);
  const confirmed = saveUser(services, user, {
    Attributes: attributes,
    PasswordHash: hashPassword(newPassword),
    UserStatus: "CONFIRMED",
    TemporaryPasswordExpiresAt: undefined,
  });
  return { ChallengeParameters: {}, AuthenticationResult: await issueSignInTokens(services, pool, client, confirmed) };
}
