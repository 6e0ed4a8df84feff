import type { AdminUpdateAuthEventFeedbackRequest, AdminUpdateAuthEventFeedbackResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { giveFeedback, requireAuthEvents, requireEventUser } from "../sign-in/auth-events";
import { requirePool } from "../directory/lookup";

export default operation<AdminUpdateAuthEventFeedbackRequest, AdminUpdateAuthEventFeedbackResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  requireAuthEvents(pool);
  giveFeedback(services, requireEventUser(services, pool, input.Username!), input.EventId!, input.FeedbackValue!, "Admin");
  return {};
});
