import type { Response } from "express";
import type { Services } from "../services/services";
import type { UserRecord } from "../services/user-pools/directory/records";
import type { AuthorizeRequest } from "./authorize-request";
import { startBrowserSession } from "./browser-sessions";
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

/**
 * Answers an authorization request for a signed-in user: back to the app's redirect URI with a code
 * (code grant) or with tokens in the fragment (implicit grant).
 */
export async function grantAuthorization(services: Services, res: Response, request: AuthorizeRequest, auth: Authentication): Promise<void> {
  const { pool, client, user } = { ...request, user: auth.user };
  if (auth.fresh) startBrowserSession(services, res, pool, user, auth.authTime);
  res.set("cache-control", "no-store");
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
    res.redirect(302, withQuery(request.redirectUri, { code, state: request.state }));
    return;
  }
  const tokens = await oauthSignInTokens(services, { pool, client, user, scopes: request.scopes, authTime: auth.authTime, nonce: request.nonce, withRefreshToken: false });
  res.redirect(
    302,
    withFragment(request.redirectUri, {
      id_token: tokens.id_token,
      access_token: tokens.access_token,
      token_type: tokens.token_type,
      expires_in: String(tokens.expires_in),
      state: request.state,
    }),
  );
}
