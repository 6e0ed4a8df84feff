import type { Request } from "express";
import type { Services } from "../services/services";
import { refreshTokenId } from "../tokens/refresh";
import { authenticateClient } from "./client-auth";
import { OAuthError } from "./errors";

/**
 * POST /oauth2/revoke: revokes a refresh token and every token of its sign-in. Unknown tokens and other
 * clients' tokens answer 200 without effect, as RFC 7009 has it.
 */
export function revokeRequest(services: Services, req: Request, form: Record<string, string>): { poolId: string } {
  const { client, pool } = authenticateClient(services, req, form, 401);
  if (!form.token) throw new OAuthError("invalid_request", 400, "token is required");
  if (client.EnableTokenRevocation === false) throw new OAuthError("invalid_request", 400, "token revocation is disabled for the client");
  // Refresh tokens are five-part JWEs; a three-part JWT is an access or ID token.
  if (form.token.split(".").length !== 5) throw new OAuthError("unsupported_token_type", 400, "only refresh tokens can be revoked");
  const record = services.tables.refreshTokens.get(refreshTokenId(form.token));
  if (record?.ClientId === client.ClientId) services.tokens.revokeRefreshToken(form.token);
  return { poolId: pool.Id };
}
