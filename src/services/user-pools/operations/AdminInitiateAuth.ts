import type { AdminInitiateAuthRequest, AdminInitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { startFlow } from "../sign-in/flow-handlers";
import { requireClient, requirePool } from "../directory/lookup";

export default operation<AdminInitiateAuthRequest, AdminInitiateAuthResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const client = requireClient(ctx.services, pool.Id, input.ClientId!);
  return startFlow(ctx.services, input.AuthFlow!, {
    pool,
    client,
    parameters: input.AuthParameters ?? {},
    clientMetadata: input.ClientMetadata,
    admin: true,
    logUser: (username) => (ctx.logFields.username = username),
  });
});
