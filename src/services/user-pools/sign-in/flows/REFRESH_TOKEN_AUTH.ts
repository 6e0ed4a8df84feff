import { InvalidParameter } from "../../../../errors";
import { rotationEnabled } from "../../../../tokens/refresh";
import { requireFlow } from "../client-checks";
import { flowHandler } from "../flow-handlers";
import { refreshSignIn, requireRefreshToken } from "../refresh";

/** New tokens from a refresh token (also REFRESH_TOKEN); rotating clients must use GetTokensFromRefreshToken. */
export default flowHandler(async (services, { pool, client, parameters, clientMetadata }) => {
  requireFlow(client, "REFRESH_TOKEN_AUTH");
  if (rotationEnabled(client)) throw InvalidParameter("Refresh token rotation is enabled for this client; use GetTokensFromRefreshToken");
  return refreshSignIn(services, pool, client, requireRefreshToken(parameters), {
    rotate: false,
    secretHash: parameters.SECRET_HASH,
    username: parameters.USERNAME,
    clientMetadata,
  });
});
