import { InvalidParameter } from "../../../../errors";
import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { isFirstFactor, offeredChallenges, startFirstFactor } from "../user-auth-choice";

/**
 * The factor the user chose among AvailableChallenges (ANSWER), with its PASSWORD or SRP_A when it
 * needs one; email and SMS codes are sent now.
 */
export default challengeHandler(async (services, { state, session, responses }) => {
  const answer = requireParameter(responses, "ANSWER");
  const offered = offeredChallenges(session.Data);
  if (!isFirstFactor(answer) || !offered.includes(answer)) throw InvalidParameter(`Invalid ANSWER ${answer}: expected one of ${offered.join(", ")}`);
  return startFirstFactor(services, state, answer, responses);
});
