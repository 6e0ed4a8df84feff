import type { AdminRespondToAuthChallengeRequest, AdminRespondToAuthChallengeResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { respondToChallenge } from "../sign-in/respond-to-challenge";
import { requireClient, requirePool } from "../directory/lookup";
import { adminRequestContext } from "../sign-in/request-context";

export default operation<AdminRespondToAuthChallengeRequest, AdminRespondToAuthChallengeResponse>((input, ctx) => {
  const pool = requirePool(ctx.services, input.UserPoolId!);
  const client = requireClient(ctx.services, pool.Id, input.ClientId!);
  ctx.logFields.username = input.ChallengeResponses?.USERNAME;
  return respondToChallenge(ctx.services, pool, client, { ChallengeName: input.ChallengeName!, Session: input.Session, ChallengeResponses: input.ChallengeResponses, ClientMetadata: input.ClientMetadata,
    context: adminRequestContext(ctx.sourceIp, ctx.headers, input.ContextData),
  });
});
