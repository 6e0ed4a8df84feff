import type { GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireClientById } from "../directory/lookup";
import { refreshSignIn } from "../sign-in/refresh";

export default operation<GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse>(async (input, ctx) => {
  const { client, pool } = requireClientById(ctx.services, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  const AuthenticationResult = await refreshSignIn(ctx.services, pool, client, input.RefreshToken!, {
    rotate: true,
    clientSecret: client.ClientSecret ? (input.ClientSecret ?? "") : undefined,
    clientMetadata: input.ClientMetadata,
  });
  return { AuthenticationResult };
});
