import { InvalidParameter } from "../../../../errors";
import { InvalidSessionError } from "../sessions";
import { challengeHandler } from "../challenge-handlers";
import { answerCustomChallenge, progressOf } from "../custom-auth";

/** The answer to a challenge of the pool's CreateAuthChallenge trigger, as ANSWER. */
export default challengeHandler(async (services, { state, session, responses }) => {
  const progress = progressOf(session);
  if (!progress) throw new InvalidSessionError();
  const answer = responses.ANSWER;
  if (answer === undefined || answer === null) throw InvalidParameter("Missing required parameter ANSWER");
  return answerCustomChallenge(services, state, progress, answer);
});
