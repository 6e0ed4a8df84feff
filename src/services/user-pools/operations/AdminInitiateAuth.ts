import type { AdminInitiateAuthRequest, AdminInitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { authResponse } from "../sign-in/api-response";
import { startFlow } from "../sign-in/flow-handlers";
import { requireClient, requirePool } from "../directory/lookup";
import { adminRequestContext } from "../sign-in/request-context";

export default operation<AdminInitiateAuthRequest, AdminInitiateAuthResponse>(async (input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const client = requireClient(ctx.services, pool.Id, input.ClientId!);
  const result = await startFlow(ctx.services, input.AuthFlow!, {
    pool,
    client,
    parameters: input.AuthParameters ?? {},
    clientMetadata: input.ClientMetadata,
    admin: true,
    context: adminRequestContext(ctx.sourceIp, ctx.headers, input.ContextData),
    logUser: (username) => (ctx.logFields.username = username),
  });
  return authResponse(ctx.services, result);
});
