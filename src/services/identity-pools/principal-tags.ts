import type { SetPrincipalTagAttributeMapResponse } from "@aws-sdk/client-cognito-identity";
import type { Services } from "../services";
import type { IdentityPoolRecord } from "./records";
import { identityPoolTables, principalTagKey } from "./tables";

const SAML_NAME_IDENTIFIER = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
const SAML_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

/** Cognito's default attributes for access control: client and user id (for SAML, name identifier and name). */
export function defaultPrincipalTags(pool: IdentityPoolRecord, provider: string): Record<string, string> {
  if ((pool.SamlProviderARNs ?? []).includes(provider)) return { username: SAML_NAME_IDENTIFIER, client: SAML_NAME };
  return { username: "sub", client: "aud" };
}

/** SetPrincipalTagAttributeMap's change: the provider's tag map, or Cognito's defaults for it. */
export function setPrincipalTags(
  services: Services,
  pool: IdentityPoolRecord,
  provider: string,
  useDefaults: boolean,
  tags: Record<string, string> | undefined,
): SetPrincipalTagAttributeMapResponse {
  const PrincipalTags = useDefaults ? defaultPrincipalTags(pool, provider) : { ...tags };
  identityPoolTables(services).principalTags.put(principalTagKey(pool.IdentityPoolId, provider), {
    IdentityPoolId: pool.IdentityPoolId,
    IdentityProviderName: provider,
    UseDefaults: useDefaults,
    PrincipalTags,
  });
  return { IdentityPoolId: pool.IdentityPoolId, IdentityProviderName: provider, UseDefaults: useDefaults, PrincipalTags };
}
