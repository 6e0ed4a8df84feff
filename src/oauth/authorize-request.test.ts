import { servicesTestbed } from "../services/testing";
import { createClient } from "../services/user-pools/directory/clients";
import { createIdentityProvider } from "../services/user-pools/directory/identity-providers";
import { createPool } from "../services/user-pools/directory/pools";
import { type AuthorizeParams, parseAuthorizeRequest } from "./authorize-request";

const { services } = servicesTestbed();
const pool = createPool(services, "us-east-1", { PoolName: "authorize" });
createIdentityProvider(services, pool, {
  ProviderName: "Corp",
  ProviderType: "SAML",
  ProviderDetails: { MetadataURL: "https://idp.corp.example/metadata" },
  IdpIdentifiers: ["corp.example"],
});
const client = createClient(services, pool, {
  ClientName: "web",
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ["code"],
  AllowedOAuthScopes: ["openid", "email"],
  CallbackURLs: ["https://app.example.com/cb"],
  DefaultRedirectURI: "https://app.example.com/cb",
  SupportedIdentityProviders: ["COGNITO", "Corp"],
});
const parse = (params: AuthorizeParams) => parseAuthorizeRequest(services, { client_id: client.ClientId, redirect_uri: "https://app.example.com/cb", response_type: "code", ...params });
const errorOf = (params: AuthorizeParams) => {
  const result = parse(params);
  if (!("problem" in result) || result.problem.kind !== "redirect") throw new Error("expected an error sent back to the app");
  return Object.fromEntries(new URL(result.problem.location).searchParams);
};

describe("authorization requests", () => {
  it("accepts a valid request, defaulting the scopes and the redirect URI", () => {
    const result = parse({ redirect_uri: undefined, state: "s" });
    expect(result).toMatchObject({ request: { redirectUri: "https://app.example.com/cb", responseType: "code", scopes: ["openid", "email"], state: "s" } });
  });

  it("shows the error page for an unknown client or an unregistered redirect URI", () => {
    expect(parse({ client_id: "nope" })).toEqual({ problem: { kind: "page", error: "invalid_request", clientId: "nope" } });
    expect(parse({ redirect_uri: "https://app.example.com/other" })).toEqual({
      problem: { kind: "page", error: "redirect_mismatch", clientId: client.ClientId, redirectUri: "https://app.example.com/other" },
    });
  });

  it("sends the other errors back to the app with the state", () => {
    expect(errorOf({ response_type: "token", state: "s" })).toMatchObject({ error: "unauthorized_client", state: "s" });
    expect(errorOf({ scope: "openid phone" })).toMatchObject({ error: "invalid_scope" });
    expect(errorOf({ code_challenge_method: "S256" })).toMatchObject({ error: "invalid_request" });
    expect(errorOf({ identity_provider: "Facebook" })).toMatchObject({ error: "invalid_request", error_description: "Login option is not available. Please try another one" });
  });

  it("resolves the provider from identity_provider or idp_identifier", () => {
    expect(parse({ identity_provider: "Corp" })).toMatchObject({ request: { provider: "Corp" } });
    expect(parse({ idp_identifier: "corp.example" })).toMatchObject({ request: { provider: "Corp" } });
    expect(parse({ identity_provider: "cognito" })).toMatchObject({ request: { provider: "COGNITO" } });
  });
});
