import type { Request, Response } from "express";
import type { Services } from "../../services/services";
import { findIdentityProvider } from "../../services/user-pools/directory/identity-providers";
import { sendPage, html } from "../hosted-ui/layout";
import { single } from "../http";
import { completeFederation, federationError, resumeRequest } from "./complete";
import { takeFederationState } from "./states";
import { UpstreamError, upstreamProfile } from "./upstream-oidc";

/** GET /oauth2/idpresponse: a real OIDC provider answering; its errors go on to the app as Cognito passes them. */
export async function providerCallback(services: Services, req: Request, res: Response): Promise<void> {
  const state = takeFederationState(services, single(req.query.state));
  if (!state) {
    return sendPage(res, { poolName: "cognito-emu" }, { title: "Sign-in expired", error: "This sign-in is no longer pending. Start it again from your app.", body: html`` }, 400);
  }
  const request = resumeRequest(services, res, state);
  if (!request) return;
  const error = single(req.query.error);
  if (error) return federationError(res, request, error, single(req.query.error_description) ?? `${state.ProviderName} Error`);
  const provider = findIdentityProvider(services, state.UserPoolId, state.ProviderName);
  const code = single(req.query.code);
  if (!provider || !code) return federationError(res, request, "invalid_request", "Invalid response from the identity provider");
  let profile: Awaited<ReturnType<typeof upstreamProfile>>;
  try {
    profile = await upstreamProfile(provider, code, state.CallbackUrl, state.Nonce);
  } catch (failure) {
    if (!(failure instanceof UpstreamError)) throw failure;
    return federationError(res, request, "invalid_request", failure.message);
  }
  await completeFederation(services, req, res, state, profile);
}
