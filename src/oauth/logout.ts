import type { Request, Response } from "express";
import type { Services } from "../services/services";
import { authorizeParams, parseAuthorizeRequest } from "./authorize-request";
import { endBrowserSession } from "./browser-sessions";
import { redirectToIdpSignOut } from "./federation/saml/sessions";
import { answerProblem } from "./hosted-ui/context";
import { fieldsOf, queryString } from "./http";

/**
 * GET /logout: ends the browser's session with the client's pool, then goes to `logout_uri` (one of the
 * client's LogoutURLs) or, given authorization parameters instead, to the sign-in page. A browser signed
 * in through a SAML provider with IDPSignout goes by the IdP's single logout first.
 */
export async function logout(services: Services, req: Request, res: Response): Promise<{ poolId?: string; outcome: string }> {
  const fields = fieldsOf(req.query);
  const client = fields.client_id ? services.tables.clients.get(fields.client_id) : undefined;
  if (!client) {
    answerProblem(res, { kind: "page", error: "invalid_request", clientId: fields.client_id });
    return { outcome: "invalid_request" };
  }
  endBrowserSession(services, req, res, client.UserPoolId);
  res.set("cache-control", "no-store");
  if (fields.logout_uri !== undefined) {
    if (!(client.LogoutURLs ?? []).includes(fields.logout_uri)) {
      answerProblem(res, { kind: "page", error: "redirect_mismatch", clientId: client.ClientId, logoutUri: fields.logout_uri });
      return { poolId: client.UserPoolId, outcome: "redirect_mismatch" };
    }
    if (!(await redirectToIdpSignOut(services, req, res, client.UserPoolId, fields.logout_uri))) res.redirect(302, fields.logout_uri);
    return { poolId: client.UserPoolId, outcome: "ok" };
  }
  const params = authorizeParams(fields);
  const parsed = parseAuthorizeRequest(services, params);
  if ("problem" in parsed) {
    answerProblem(res, parsed.problem);
    return { poolId: client.UserPoolId, outcome: "invalid_request" };
  }
  const signIn = `/login?${queryString(params)}`;
  if (!(await redirectToIdpSignOut(services, req, res, client.UserPoolId, signIn))) res.redirect(302, signIn);
  return { poolId: client.UserPoolId, outcome: "ok" };
}
