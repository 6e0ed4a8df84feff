import type { AdminInitiateAuthRequest, AdminInitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, UnsupportedOperation } from "../../../errors";
import { operation } from "../../operation";
import { checkSecretHash, passwordSignIn, requireFlow, requireParameter } from "../auth";
import { requireClient, requirePool } from "../lookup";
import { refreshSignIn, requireRefreshToken, rotationEnabled } from "../refresh-flow";

export default operation<AdminInitiateAuthRequest, AdminInitiateAuthResponse>(async (input, ctx) => {
  const { services } = ctx;
  const pool = requirePool(services, input.UserPoolId!);
  const client = requireClient(services, pool.Id, input.ClientId!);
  ctx.logFields.userPoolId = pool.Id;
  const parameters = input.AuthParameters ?? {};

  switch (input.AuthFlow) {
    case "ADMIN_USER_PASSWORD_AUTH":
    case "ADMIN_NO_SRP_AUTH": {
      requireFlow(client, "ADMIN_USER_PASSWORD_AUTH");
      const username = requireParameter(parameters, "USERNAME");
      ctx.logFields.username = username;
      const password = requireParameter(parameters, "PASSWORD");
      checkSecretHash(client, username, parameters.SECRET_HASH);
      return passwordSignIn(services, pool, client, username, password);
    }
    case "REFRESH_TOKEN_AUTH":
    case "REFRESH_TOKEN": {
      requireFlow(client, "REFRESH_TOKEN_AUTH");
      if (rotationEnabled(client)) throw InvalidParameter("Refresh token rotation is enabled for this client; use GetTokensFromRefreshToken");
      const AuthenticationResult = await refreshSignIn(services, pool, client, requireRefreshToken(parameters), {
        rotate: false,
        secretHash: parameters.SECRET_HASH,
        username: parameters.USERNAME,
      });
      return { ChallengeParameters: {}, AuthenticationResult };
    }
    case "USER_PASSWORD_AUTH":
      throw InvalidParameter("Initiate Auth method not supported.");
    default:
      throw UnsupportedOperation(`AuthFlow ${input.AuthFlow} is not implemented in cognito-emu`);
  }
});
