import { requireParameter } from "../auth";
import { challengeHandler } from "../challenge-registry";
import { srpFactor } from "../choice";

/** SRP_A for a choice-based sign-in that chose PASSWORD_SRP without giving it; PASSWORD_VERIFIER follows. */
export default challengeHandler(async (services, { state, responses }) => srpFactor(services, state, requireParameter(responses, "SRP_A"), responses.DEVICE_KEY));
