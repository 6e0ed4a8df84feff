import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { passwordFactor } from "../user-auth-choice";

/** The password of a choice-based sign-in that chose PASSWORD without giving it. */
export default challengeHandler(async (services, { state, responses }) => passwordFactor(services, state, requireParameter(responses, "PASSWORD")));
