import { InvalidParameter } from "../../../errors";
import { requireParameter } from "../auth";
import { challengeHandler } from "../challenge-registry";
import { isFirstFactor, offeredChallenges, startFirstFactor } from "../choice";

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
