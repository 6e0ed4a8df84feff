import type { GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import { operation } from "../../operation";
import { requireClientById } from "../directory/lookup";
import { signInTokens } from "../sign-in/api-response";
import { refreshSignIn } from "../sign-in/refresh";

export default operation<GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse>(async (input, ctx) => {
  const { client, pool } = requireClientById(ctx.services, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  const signedIn = refreshSignIn(ctx.services, pool, client, input.RefreshToken!, {
    rotate: true,
    clientSecret: client.ClientSecret ? (input.ClientSecret ?? "") : undefined,
    clientMetadata: input.ClientMetadata,
  });
  return { AuthenticationResult: await signInTokens(ctx.services, signedIn) };
});
