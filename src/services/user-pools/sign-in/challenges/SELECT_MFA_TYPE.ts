import { InvalidParameter } from "../../../../errors";
import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { factorChallenge, isMfaFactor } from "../mfa";

/** The factor the user picked among MFAS_CAN_CHOOSE; its challenge follows (an SMS or email code is sent now). */
export default challengeHandler(async (services, { state, session, responses }) => {
  const answer = requireParameter(responses, "ANSWER");
  const choices = (session.Data?.mfaChoices as string[] | undefined) ?? [];
  if (!isMfaFactor(answer) || !choices.includes(answer)) throw InvalidParameter(`Invalid ANSWER ${answer}: expected one of ${choices.join(", ")}`);
  return factorChallenge(services, state, answer);
});
