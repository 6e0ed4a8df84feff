import type { SetCognitoEventsRequest } from "@aws-sdk/client-cognito-sync";
import { operation } from "../../operation";
import { requireDeveloperAccess } from "../access";
import { updatePoolSettings } from "../pool-settings";
import { checkCognitoEventType } from "../sync-trigger";

/** Sets the event's Lambda function, which UpdateRecords then invokes. An empty map clears it. */
export default operation<SetCognitoEventsRequest, void>((input, ctx) => {
  const pool = requireDeveloperAccess(ctx, input.IdentityPoolId!);
  for (const event of Object.keys(input.Events!)) checkCognitoEventType(event);
  updatePoolSettings(ctx.services, pool.IdentityPoolId, { Events: { ...input.Events } });
});
