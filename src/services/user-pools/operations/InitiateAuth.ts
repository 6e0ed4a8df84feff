import type { InitiateAuthRequest, InitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { startFlow } from "../sign-in/flow-handlers";
import { requireClientById } from "../directory/lookup";

export default operation<InitiateAuthRequest, InitiateAuthResponse>((input, ctx) => {
  const { client, pool } = requireClientById(ctx.services, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  return startFlow(ctx.services, input.AuthFlow!, {
    pool,
    client,
    parameters: input.AuthParameters ?? {},
    clientMetadata: input.ClientMetadata,
    admin: false,
    logUser: (username) => (ctx.logFields.username = username),
  });
});
