import type { RevokeTokenRequest, RevokeTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError, UnsupportedOperation } from "../../../errors";
import { refreshTokenId } from "../../../tokens/refresh";
import { operation } from "../../operation";
import { clientSecrets } from "../directory/client-secrets";

const Unauthorized = (message: string) => new ServiceError("UnauthorizedException", message);

/** Revokes a refresh token and every access and ID token of the same sign-in. */
export default operation<RevokeTokenRequest, RevokeTokenResponse>((input, ctx) => {
  const { services } = ctx;
  const client = services.tables.clients.get(input.ClientId!);
  if (!client) throw Unauthorized("Invalid client id or secret");
  ctx.logFields.userPoolId = client.UserPoolId;
  if (client.ClientSecret && !clientSecrets(client).includes(input.ClientSecret ?? "")) throw Unauthorized("Invalid client id or secret");
  if (client.EnableTokenRevocation === false) throw UnsupportedOperation("Token revocation is not enabled for this client");
  const token = input.Token!;
  // An access or ID token (three parts) is not what this revokes; a refresh token is a five-part JWE.
  if (token.split(".").length === 3) throw new ServiceError("UnsupportedTokenTypeException", "Unsupported token type");
  const session = services.tables.refreshTokens.get(refreshTokenId(token));
  if (session && session.ClientId !== client.ClientId) throw Unauthorized("Invalid client id or secret");
  services.tokens.revokeRefreshToken(token);
  return {};
});
