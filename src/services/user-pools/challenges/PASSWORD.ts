import { requireParameter } from "../auth";
import { challengeHandler } from "../challenge-registry";
import { passwordFactor } from "../choice";

/** The password of a choice-based sign-in that chose PASSWORD without giving it. */
export default challengeHandler(async (services, { state, responses }) => passwordFactor(services, state, requireParameter(responses, "PASSWORD")));
