import type { Response } from "express";
import type { Services } from "../services/services";
import type { UserRecord } from "../services/user-pools/directory/records";
import type { AuthorizeRequest } from "./authorize-request";
import { type BrowserSessionCookie, setBrowserSessionCookie, startBrowserSession } from "./browser-sessions";
import { issueAuthorizationCode } from "./codes";
import { withFragment, withQuery } from "./http";
import { oauthSignInTokens } from "./tokens";

export interface Authentication {
  user: UserRecord;
  /** Epoch seconds. */
  authTime: number;
  /** A fresh sign-in (not a remembered browser session) starts the browser session. */
  fresh: boolean;
}

/** The answer to an authorization request for a signed-in user, decided inside the request's transaction. */
export interface AuthorizationGrant {
  /** The app's redirect URI with a code (code grant) or with tokens in the fragment (implicit grant). */
  location: string;
  /** The browser session a fresh sign-in starts. */
  browserSession?: BrowserSessionCookie;
}

/**
 * Grants an authorization request to a signed-in user: an authorization code (code grant) or tokens
 * (implicit grant), and a browser session for a fresh sign-in. Nothing is sent: see sendAuthorization.
 */
export async function grantAuthorization(services: Services, request: AuthorizeRequest, auth: Authentication): Promise<AuthorizationGrant> {
  const { pool, client } = request;
  const { user } = auth;
  const browserSession = auth.fresh ? startBrowserSession(services, pool, user, auth.authTime) : undefined;
  if (request.responseType === "code") {
    const code = issueAuthorizationCode(services, {
      UserPoolId: pool.Id,
      ClientId: client.ClientId,
      Sub: user.Sub,
      RedirectUri: request.redirectUri,
      Scopes: request.scopes,
      Nonce: request.nonce,
      CodeChallenge: request.codeChallenge,
      AuthTime: auth.authTime,
    });
    return { location: withQuery(request.redirectUri, { code, state: request.state }), browserSession };
  }
  const tokens = await oauthSignInTokens(services, { pool, client, user, scopes: request.scopes, authTime: auth.authTime, nonce: request.nonce, withRefreshToken: false });
  const location = withFragment(request.redirectUri, {
    id_token: tokens.id_token,
    access_token: tokens.access_token,
    token_type: tokens.token_type,
    expires_in: String(tokens.expires_in),
    state: request.state,
  });
  return { location, browserSession };
}

/** Back to the app with the grant, once its transaction has committed. */
export function sendAuthorization(res: Response, grant: AuthorizationGrant): void {
  if (grant.browserSession) setBrowserSessionCookie(res, grant.browserSession);
  res.set("cache-control", "no-store");
  res.redirect(302, grant.location);
}
