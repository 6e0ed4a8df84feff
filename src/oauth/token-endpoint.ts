import type { Request } from "express";
import type { Services } from "../services/services";
import type { ClientRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { customScopesOf } from "../services/user-pools/directory/resource-servers";
import { rotationEnabled } from "../tokens/refresh";
import { authenticateClient } from "./client-auth";
import { redeemAuthorizationCode, verifierMatches } from "./codes";
import { OAuthError } from "./errors";
import { parseScopes } from "./scopes";
import { oauthSignInTokens, type TokenResponse, tokenResponse } from "./tokens";

type Grant = (services: Services, pool: PoolRecord, client: ClientRecord, form: Record<string, string>) => Promise<TokenResponse>;

/** POST /oauth2/token: the three grants Cognito supports, errors as `{"error": ...}`. */
export async function tokenRequest(services: Services, req: Request, form: Record<string, string>): Promise<{ response: TokenResponse; poolId: string }> {
  const grantType = form.grant_type;
  if (!grantType) throw new OAuthError("invalid_request", 400, "grant_type is required");
  const grant = GRANTS[grantType];
  if (!grant) throw new OAuthError("unsupported_grant_type", 400, `grant_type ${grantType}`);
  const { client, pool } = authenticateClient(services, req, form);
  const response = await grant(services, pool, client, form);
  return { response, poolId: pool.Id };
}

const authorizationCode: Grant = async (services, pool, client, form) => {
  requireOAuthFlow(client, "code");
  if (!form.code) throw new OAuthError("invalid_request", 400, "code is required");
  if (!form.redirect_uri) throw new OAuthError("invalid_request", 400, "redirect_uri is required");
  const grant = redeemAuthorizationCode(services, form.code);
  if (!grant || grant.ClientId !== client.ClientId) throw new OAuthError("invalid_grant", 400, "unknown, used or expired code, or another client's");
  if (grant.RedirectUri !== form.redirect_uri) throw new OAuthError("invalid_grant", 400, "redirect_uri differs from the authorization request's");
  if (grant.CodeChallenge) {
    if (!form.code_verifier) {
      const why = "code_verifier is required: the code was requested with a code_challenge (PKCE)";
      throw new OAuthError("invalid_request", 400, why, why);
    }
    if (!verifierMatches(form.code_verifier, grant.CodeChallenge)) {
      const why = "code_verifier does not match the code_challenge of the authorization request (S256: BASE64URL(SHA256(code_verifier)))";
      throw new OAuthError("invalid_grant", 400, why, why);
    }
  }
  const user = activeUser(services, pool, grant.Sub);
  return oauthSignInTokens(services, { pool, client, user, scopes: grant.Scopes, authTime: grant.AuthTime, nonce: grant.Nonce, withRefreshToken: true });
};

/**
 * New tokens for the same sign-in. Sessions from OAuth sign-ins keep their scopes; sessions from the
 * API (no scopes) get API-style tokens with an ID token. A rotating client gets a new refresh token.
 */
const refreshToken: Grant = async (services, pool, client, form) => {
  const token = form.refresh_token;
  if (!token) throw new OAuthError("invalid_request", 400, "refresh_token is required");
  let session: ReturnType<typeof services.tokens.lookupRefreshToken>;
  try {
    session = services.tokens.lookupRefreshToken(token);
  } catch {
    throw new OAuthError("invalid_grant", 400, "unknown, expired or revoked refresh token");
  }
  if (session.ClientId !== client.ClientId) throw new OAuthError("invalid_grant", 400, "the refresh token belongs to another client");
  const user = activeUser(services, pool, session.Sub);
  const scopes = session.Scopes?.length ? session.Scopes : undefined;
  const issued = await services.tokens.refreshUserTokens(token, session, { pool, client, user, scopes, oauth: scopes !== undefined, rotate: rotationEnabled(client) });
  return tokenResponse(issued, scopes);
};

/** Machine-to-machine: the client's own custom scopes, the ones asked for or all it is allowed. */
const clientCredentials: Grant = async (services, pool, client, form) => {
  requireOAuthFlow(client, "client_credentials");
  const declared = customScopesOf(services, pool.Id);
  const allowed = (client.AllowedOAuthScopes ?? []).filter((scope) => declared.has(scope));
  const requested = parseScopes(form.scope);
  if (requested.some((scope) => !allowed.includes(scope))) throw new OAuthError("invalid_scope", 400, `scopes not allowed to the client: ${requested.join(" ")}`);
  const scopes = requested.length ? requested : allowed;
  if (scopes.length === 0) throw new OAuthError("invalid_scope", 400, "the client has no custom scopes");
  const { AccessToken, ExpiresIn } = await services.tokens.mintClientToken(pool, client, scopes);
  return { access_token: AccessToken, expires_in: ExpiresIn, token_type: "Bearer" };
};

const GRANTS: Record<string, Grant> = {
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
  client_credentials: clientCredentials,
};

function requireOAuthFlow(client: ClientRecord, flow: "code" | "client_credentials"): void {
  if (!client.AllowedOAuthFlowsUserPoolClient || !(client.AllowedOAuthFlows ?? []).includes(flow)) {
    throw new OAuthError("unauthorized_client", 400, `the client does not allow the ${flow} flow`);
  }
}

function activeUser(services: Services, pool: PoolRecord, sub: string): UserRecord {
  const user = services.tables.userBySub(pool.Id, sub);
  if (!user?.Enabled) throw new OAuthError("invalid_grant", 400, "the user no longer exists or is disabled");
  return user;
}
