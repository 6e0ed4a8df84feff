import type { Services } from "../services/services";
import type { ClientRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import type { IssuedTokens } from "../tokens/service";
import { OPENID } from "./scopes";

/** The token endpoint's answer, members in Cognito's order. */
export interface TokenResponse {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: "Bearer";
}

export interface OAuthSignIn {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  /** Granted OAuth scopes. */
  scopes: string[];
  /** Epoch seconds. */
  authTime: number;
  nonce?: string;
  withRefreshToken: boolean;
}

/**
 * Tokens of an OAuth sign-in (authorization code or implicit grant), minted as TokenGeneration_HostedAuth:
 * the access token carries the granted scopes and `"version": 2`, the ID token (only with `openid`) the
 * nonce and at_hash, as Cognito's hosted UI issues them.
 */
export async function oauthSignInTokens(services: Services, signIn: OAuthSignIn): Promise<TokenResponse> {
  const issued = await services.tokens.mintUserTokens({ ...signIn, source: "HostedAuth", oauth: true });
  return tokenResponse(issued, signIn.scopes);
}

/** Tokens in the token endpoint's terms. Tokens of OAuth scopes have an ID token only with `openid`; API-style ones (no scopes) always do. */
export function tokenResponse(issued: IssuedTokens, scopes: string[] | undefined): TokenResponse {
  return {
    ...(scopes === undefined || scopes.includes(OPENID) ? { id_token: issued.IdToken } : {}),
    access_token: issued.AccessToken,
    ...(issued.RefreshToken ? { refresh_token: issued.RefreshToken } : {}),
    expires_in: issued.ExpiresIn,
    token_type: "Bearer",
  };
}
