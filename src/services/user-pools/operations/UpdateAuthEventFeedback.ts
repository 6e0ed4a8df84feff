import type { UpdateAuthEventFeedbackRequest, UpdateAuthEventFeedbackResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { checkFeedbackToken, giveFeedback, requireAuthEvents, requireEventUser } from "../sign-in/auth-events";
import { requirePool } from "../directory/lookup";

/** Unauthenticated: the feedback token from the user's risk notification is the proof. */
export default operation<UpdateAuthEventFeedbackRequest, UpdateAuthEventFeedbackResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  requireAuthEvents(pool);
  const user = requireEventUser(services, pool, input.Username!);
  checkFeedbackToken(services, user, input.EventId!, input.FeedbackToken!);
  giveFeedback(services, user, input.EventId!, input.FeedbackValue!, "User");
  return {};
});
