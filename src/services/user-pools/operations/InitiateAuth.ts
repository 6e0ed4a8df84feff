import type { InitiateAuthRequest, InitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { authResponse } from "../sign-in/api-response";
import { startFlow } from "../sign-in/flow-handlers";
import { requireClientById } from "../directory/lookup";
import { userRequestContext } from "../sign-in/request-context";

export default operation<InitiateAuthRequest, InitiateAuthResponse>(async (input, ctx) => {
  const { client, pool } = requireClientById(ctx.services, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  const result = await startFlow(ctx.services, input.AuthFlow!, {
    pool,
    client,
    parameters: input.AuthParameters ?? {},
    clientMetadata: input.ClientMetadata,
    admin: false,
    context: userRequestContext(client, ctx.sourceIp, ctx.headers, input.UserContextData),
    logUser: (username) => (ctx.logFields.username = username),
  });
  return authResponse(ctx.services, result);
});
