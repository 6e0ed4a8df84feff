import type { IdentityPoolRecord } from "./records";

const SAML_NAME_IDENTIFIER = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
const SAML_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

/** Cognito's default attributes for access control: client and user id (for SAML, name identifier and name). */
export function defaultPrincipalTags(pool: IdentityPoolRecord, provider: string): Record<string, string> {
  if ((pool.SamlProviderARNs ?? []).includes(provider)) return { username: SAML_NAME_IDENTIFIER, client: SAML_NAME };
  return { username: "sub", client: "aud" };
}
