import { requireParameter } from "../client-checks";
import { challengeHandler } from "../challenge-handlers";
import { srpFactor } from "../user-auth-choice";

/** SRP_A for a choice-based sign-in that chose PASSWORD_SRP without giving it; PASSWORD_VERIFIER follows. */
export default challengeHandler(async (services, { state, responses }) => srpFactor(services, state, requireParameter(responses, "SRP_A"), responses.DEVICE_KEY));
