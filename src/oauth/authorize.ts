import type { Request, Response } from "express";
import type { Services } from "../services/services";
import { COGNITO_PROVIDER, authorizeParams, parseAuthorizeRequest, supportedProviders } from "./authorize-request";
import { browserSessionUser } from "./browser-sessions";
import { startFederation } from "./federation/start";
import { grantAuthorization, sendAuthorization } from "./grant";
import { answerProblem } from "./hosted-ui/context";
import { fieldsOf, queryString, withQuery } from "./http";

/**
 * GET /oauth2/authorize: to the named external provider; else, for a browser already signed in to the
 * pool, straight back to the app; else to the sign-in page with the same parameters.
 */
export async function authorize(services: Services, req: Request, res: Response): Promise<void> {
  const params = authorizeParams(fieldsOf(req.query));
  const parsed = parseAuthorizeRequest(services, params);
  if ("problem" in parsed) return answerProblem(res, parsed.problem);
  const { request } = parsed;

  const supported = supportedProviders(request.client);
  // A client with a single external provider and no pool sign-in goes straight to that provider.
  const provider = request.provider ?? (supported.length === 1 && supported[0] !== COGNITO_PROVIDER ? supported[0] : undefined);
  if (provider && provider !== COGNITO_PROVIDER) return startFederation(services, req, res, request, provider);

  if (request.prompt !== "login") {
    const session = browserSessionUser(services, req, request.pool);
    if (session) {
      const grant = await services.store.transaction(() => grantAuthorization(services, request, { user: session.user, authTime: session.authTime, fresh: false }));
      return sendAuthorization(res, grant);
    }
    if (request.prompt === "none") return void res.redirect(302, withQuery(request.redirectUri, { error: "login_required", state: request.state }));
  }
  res.redirect(302, `/login?${queryString(params)}`);
}
