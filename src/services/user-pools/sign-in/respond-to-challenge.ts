import { InvalidParameter } from "../../../errors";
import type { Services } from "../../services";
import { checkSecretHash } from "./client-checks";
import { challengeHandlerFor } from "./challenge-handlers";
import { answerPasswordVerifier, progressOf, unknownUserStandIn } from "./custom-auth";
import type { ClientRecord, PoolRecord } from "../directory/records";
import { takeSession } from "./sessions";
import { stateFromSession } from "./state";
import type { SignInResult } from "./result";
import type { RequestContext } from "./request-context";
import { type AuthResponse, authResponse } from "./api-response";
import { requireUser } from "../directory/users";

export interface ChallengeAnswer {
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: Record<string, string>;
  /** Where the user's answer comes from, for threat protection. */
  context?: RequestContext;
}

/** RespondToAuthChallenge and its admin twin: the next challenge, or the tokens of the completed sign-in. */
export async function respondToChallenge(services: Services, pool: PoolRecord, client: ClientRecord, answer: ChallengeAnswer): Promise<AuthResponse> {
  return authResponse(services, await answerChallenge(services, pool, client, answer));
}

/** Answers the challenge a sign-in is waiting on; the session names the user and the challenge. */
export async function answerChallenge(services: Services, pool: PoolRecord, client: ClientRecord, answer: ChallengeAnswer): Promise<SignInResult> {
  const handler = challengeHandlerFor(answer.ChallengeName);
  if (!handler) throw InvalidParameter(`Unknown challenge name ${answer.ChallengeName}`);
  const session = takeSession(services, answer.Session, client.ClientId, answer.ChallengeResponses?.PASSWORD_CLAIM_SECRET_BLOCK);
  if (session.ChallengeName !== answer.ChallengeName) throw InvalidParameter(`Invalid challenge name ${answer.ChallengeName}, expected ${session.ChallengeName}`);
  const responses = answer.ChallengeResponses ?? {};
  const customAuth = progressOf(session);
  const user = customAuth?.userNotFound ? unknownUserStandIn(pool, session.Username) : requireUser(services, pool, session.Username);
  checkSecretHash(client, responses.USERNAME ?? user.Username, responses.SECRET_HASH, [user.Username]);
  const state = stateFromSession(pool, client, user, session.Data);
  if (answer.ClientMetadata) state.clientMetadata = answer.ClientMetadata;
  state.context = answer.context;
  // A password proof inside CUSTOM_AUTH goes back to DefineAuthChallenge rather than on to tokens.
  if (customAuth && session.ChallengeName === "PASSWORD_VERIFIER") return answerPasswordVerifier(services, state, session, responses);
  return handler(services, { state, session, responses });
}
