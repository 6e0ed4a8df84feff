import type { Services } from "../services/services";
import { findIdentityProvider, providerByIdentifier } from "../services/user-pools/directory/identity-providers";
import type { ClientRecord, PoolRecord } from "../services/user-pools/directory/records";
import { withQuery } from "./http";
import { grantedScopes, parseScopes } from "./scopes";

/** The query parameters /oauth2/authorize and the hosted UI pages carry from page to page. */
export const AUTHORIZE_PARAMS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "identity_provider",
  "idp_identifier",
  "prompt",
  "lang",
] as const;

export type AuthorizeParams = Partial<Record<(typeof AUTHORIZE_PARAMS)[number], string>>;

export const COGNITO_PROVIDER = "COGNITO";

/** A valid authorization request: who asks, where the answer goes, and what it grants. */
export interface AuthorizeRequest {
  pool: PoolRecord;
  client: ClientRecord;
  redirectUri: string;
  responseType: "code" | "token";
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  /** The provider named by identity_provider or idp_identifier, if any. */
  provider?: string;
  prompt?: string;
  /** The parameters as received, to carry to the next page. */
  params: AuthorizeParams;
}

/**
 * Why a request cannot proceed. Without a trustworthy redirect URI (unknown client, unregistered
 * redirect_uri) the browser goes to the error page and never elsewhere; otherwise the error goes back to the app.
 */
export type AuthorizeProblem =
  | {
      kind: "page";
      error: string;
      clientId?: string;
      /** With redirect_mismatch: the URI refused, which the error page names ("" when none was given). */
      redirectUri?: string;
      logoutUri?: string;
    }
  | { kind: "redirect"; location: string };

export function authorizeParams(fields: Record<string, string>): AuthorizeParams {
  const params: AuthorizeParams = {};
  for (const name of AUTHORIZE_PARAMS) if (fields[name] !== undefined) params[name] = fields[name];
  return params;
}

/** Checks an authorization request the way Cognito's authorize endpoint does. */
export function parseAuthorizeRequest(services: Services, params: AuthorizeParams): { request: AuthorizeRequest } | { problem: AuthorizeProblem } {
  const { tables } = services;
  const client = params.client_id ? tables.clients.get(params.client_id) : undefined;
  const pool = client && tables.pools.get(client.UserPoolId);
  if (!client || !pool) return { problem: { kind: "page", error: "invalid_request", clientId: params.client_id } };

  const redirectUri = params.redirect_uri ?? client.DefaultRedirectURI;
  if (!redirectUri || !(client.CallbackURLs ?? []).includes(redirectUri)) {
    return { problem: { kind: "page", error: "redirect_mismatch", clientId: client.ClientId, redirectUri: redirectUri ?? "" } };
  }
  const back = (error: string, description?: string): { problem: AuthorizeProblem } => ({
    problem: { kind: "redirect", location: withQuery(redirectUri, { error_description: description, error, state: params.state }) },
  });

  if (!client.AllowedOAuthFlowsUserPoolClient) return back("unauthorized_client", "Client is not enabled for OAuth2.0 flows.");
  const responseType = params.response_type;
  if (!responseType) return back("invalid_request", "response_type is required");
  if (responseType !== "code" && responseType !== "token") return back("unsupported_response_type");
  const flows = client.AllowedOAuthFlows ?? [];
  if (!flows.includes(responseType === "code" ? "code" : "implicit")) return back("unauthorized_client");

  if (params.code_challenge_method !== undefined || params.code_challenge !== undefined) {
    if (!params.code_challenge || !params.code_challenge_method) return back("invalid_request", "code_challenge and code_challenge_method are both required");
    if (params.code_challenge_method !== "S256") return back("invalid_request", "Unsupported code_challenge_method");
  }

  const scopes = grantedScopes(parseScopes(params.scope), client.AllowedOAuthScopes ?? []);
  if (!scopes) return back("invalid_scope");

  const provider = resolveProvider(services, pool, client, params);
  if (provider === false) return back("invalid_request", "Login option is not available. Please try another one");

  return {
    request: {
      pool,
      client,
      redirectUri,
      responseType,
      scopes,
      state: params.state,
      nonce: params.nonce,
      codeChallenge: responseType === "code" ? params.code_challenge : undefined,
      provider,
      prompt: params.prompt,
      params,
    },
  };
}

/**
 * The identity providers a client signs users in with. A client that names none signs in with the
 * pool's own users (Cognito would show no sign-in option at all).
 */
export function supportedProviders(client: ClientRecord): string[] {
  const providers = client.SupportedIdentityProviders ?? [];
  return providers.length ? providers : [COGNITO_PROVIDER];
}

/** The provider the request names, undefined when it names none, false when it names one the client cannot use. */
function resolveProvider(services: Services, pool: PoolRecord, client: ClientRecord, params: AuthorizeParams): string | undefined | false {
  const supported = supportedProviders(client);
  let name = params.identity_provider;
  if (name === undefined && params.idp_identifier !== undefined) {
    const byIdentifier = providerByIdentifier(services, pool.Id, params.idp_identifier);
    if (!byIdentifier) return false;
    name = byIdentifier.ProviderName;
  }
  if (name === undefined) return undefined;
  if (name.toUpperCase() === COGNITO_PROVIDER) return supported.includes(COGNITO_PROVIDER) ? COGNITO_PROVIDER : false;
  if (!supported.includes(name) || !findIdentityProvider(services, pool.Id, name)) return false;
  return name;
}
