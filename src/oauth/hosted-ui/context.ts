import type { Request, Response } from "express";
import type { Services } from "../../services/services";
import { secretHash } from "../../services/user-pools/sign-in/client-checks";
import { type AuthorizeParams, type AuthorizeProblem, type AuthorizeRequest, authorizeParams, parseAuthorizeRequest } from "../authorize-request";
import { fieldsOf, queryString } from "../http";
import { type PageContent, sendPage } from "./layout";
import { pageLook } from "./look";

/** One hosted-UI page request: the authorization request its query carries, and how to answer. */
export interface HostedUi {
  services: Services;
  req: Request;
  res: Response;
  request: AuthorizeRequest;
  /** The form body (POST) or {} (GET). */
  form: Record<string, string>;
  /** A hosted-UI path with the authorization request's parameters, for links and form actions. */
  href(path: string, extra?: AuthorizeParams & Record<string, string | undefined>): string;
  /** SECRET_HASH for a username, when the client has a secret (the hosted UI knows it). */
  secretHash(username: string): string | undefined;
  render(page: PageContent, status?: number): void;
}

/**
 * The hosted UI of the request's client, or undefined once the request was answered with Cognito's
 * error (error page, or the error sent back to the app).
 */
export function hostedUi(services: Services, req: Request, res: Response): HostedUi | undefined {
  const params = authorizeParams(fieldsOf(req.query));
  const parsed = parseAuthorizeRequest(services, params);
  if ("problem" in parsed) {
    answerProblem(res, parsed.problem);
    return undefined;
  }
  const { request } = parsed;
  const look = pageLook(services, request.pool, request.client.ClientId);
  return {
    services,
    req,
    res,
    request,
    form: req.method === "POST" ? fieldsOf(req.body) : {},
    href: (path, extra = {}) => `${path}?${queryString({ ...params, ...extra })}`,
    secretHash: (username) => (request.client.ClientSecret ? secretHash(request.client.ClientId, request.client.ClientSecret, username) : undefined),
    render: (page, status) => sendPage(res, look, page, status),
  };
}

/** Cognito's answers to a bad request: its error page (never an unregistered URL), or the error back at the app. */
export function answerProblem(res: Response, problem: AuthorizeProblem): void {
  if (problem.kind === "redirect") return void res.redirect(302, problem.location);
  // Cognito's /error names the error and client; the refused URI is added for the page to name it.
  res.redirect(302, `/error?${queryString({ error: problem.error, client_id: problem.clientId, redirect_uri: problem.redirectUri, logout_uri: problem.logoutUri })}`);
}
