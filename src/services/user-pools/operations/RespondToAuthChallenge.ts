import type { RespondToAuthChallengeRequest, RespondToAuthChallengeResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { respondToChallenge } from "../sign-in/respond-to-challenge";
import { requireClientById } from "../directory/lookup";
import { userRequestContext } from "../sign-in/request-context";

export default operation<RespondToAuthChallengeRequest, RespondToAuthChallengeResponse>((input, ctx) => {
  const { client, pool } = requireClientById(ctx.services, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  ctx.logFields.username = input.ChallengeResponses?.USERNAME;
  return respondToChallenge(ctx.services, pool, client, { ChallengeName: input.ChallengeName!, Session: input.Session, ChallengeResponses: input.ChallengeResponses, ClientMetadata: input.ClientMetadata,
    context: userRequestContext(client, ctx.sourceIp, ctx.headers, input.UserContextData),
  });
});
