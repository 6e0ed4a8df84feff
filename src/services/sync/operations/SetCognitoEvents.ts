import type { SetCognitoEventsRequest } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { InvalidParameter } from "../errors";
import { updatePoolSettings } from "../pool-settings";
import { COGNITO_EVENT_TYPES as EVENT_TYPES } from "../sync-trigger";

/** Sets the event's Lambda function, which UpdateRecords then invokes. An empty map clears it. */
export default operation<SetCognitoEventsRequest, void>((input, ctx) => {
  const pool = requireDeveloperAccess(ctx, input.IdentityPoolId!);
  for (const event of Object.keys(input.Events!)) {
    if (!EVENT_TYPES.includes(event)) throw InvalidParameter(`Unsupported event type: ${event}. Supported: ${EVENT_TYPES.join(", ")}`);
  }
  updatePoolSettings(ctx.services, pool.IdentityPoolId, { Events: { ...input.Events } });
});
