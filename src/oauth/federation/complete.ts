import type { Request, Response } from "express";
import { ServiceError } from "../../errors";
import type { Services } from "../../services/services";
import { findIdentityProvider } from "../../services/user-pools/directory/identity-providers";
import { type AuthorizeRequest, parseAuthorizeRequest } from "../authorize-request";
import { type AuthorizationGrant, grantAuthorization, sendAuthorization } from "../grant";
import { answerProblem } from "../hosted-ui/context";
import { withQuery } from "../http";
import type { ExternalProfile } from "./attribute-mapping";
import { federatedUser } from "./external-users";
import type { FederationState } from "./states";

/** The app's authorization request a federated sign-in resumes, or undefined once answered with an error. */
export function resumeRequest(services: Services, res: Response, state: FederationState): AuthorizeRequest | undefined {
  const parsed = parseAuthorizeRequest(services, state.Params);
  if ("problem" in parsed) {
    answerProblem(res, parsed.problem);
    return undefined;
  }
  return parsed.request;
}

/** Sends a federation failure back to the app, as Cognito does: `error_description=...&error=...`. */
export function federationError(res: Response, request: AuthorizeRequest, error: string, description: string): void {
  res.redirect(302, withQuery(request.redirectUri, { error_description: description, error, state: request.state }));
}

/** Signs in (or up) the user the provider vouched for and answers the app's authorization request. */
export async function completeFederation(services: Services, _req: Request, res: Response, state: FederationState, profile: ExternalProfile): Promise<void> {
  const request = resumeRequest(services, res, state);
  if (!request) return;
  const provider = findIdentityProvider(services, request.pool.Id, state.ProviderName);
  if (!provider) return federationError(res, request, "invalid_request", `Identity provider ${state.ProviderName} does not exist.`);
  let grant: AuthorizationGrant;
  try {
    grant = await services.store.transaction(async () => {
      const user = await federatedUser(services, request.pool, request.client, provider, profile);
      return grantAuthorization(services, request, { user, authTime: services.clock.nowSeconds(), fresh: true });
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return federationError(res, request, "invalid_request", error.message);
  }
  sendAuthorization(res, grant);
}
