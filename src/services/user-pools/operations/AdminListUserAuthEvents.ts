import type { AdminListUserAuthEventsRequest, AdminListUserAuthEventsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { AUTH_EVENT_ORDER, eventsOfUser, requireAuthEvents, requireEventUser, toAuthEventType } from "../sign-in/auth-events";
import { pageInOrder } from "../directory/list-users";
import { requirePool } from "../directory/lookup";

export default operation<AdminListUserAuthEventsRequest, AdminListUserAuthEventsResponse>((input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  requireAuthEvents(pool);
  const user = requireEventUser(services, pool, input.Username!);
  const page = pageInOrder(eventsOfUser(services, user), AUTH_EVENT_ORDER, input.MaxResults, input.NextToken);
  return { AuthEvents: page.items.map(toAuthEventType), NextToken: page.nextToken };
});
