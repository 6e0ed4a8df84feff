import type { IdentityProviderType, IdentityProviderTypeType, ProviderDescription } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter, LimitExceeded, ResourceNotFound, ServiceError } from "../../../errors";
import { poolSigningCertificateBase64 } from "../../../tokens/certificate";
import { BINDING_REDIRECT, readIdpMetadata, type SamlEndpoint, SamlMetadataError } from "../../saml/metadata";
import type { Services } from "../../services";
import { creationKey, pageOf, withoutUndefined } from "./pools";
import type { PoolRecord } from "./records";
import { identityProviderKey, identityProviders, idpIdentifierRef } from "./tables";

/** An external identity provider of a pool; the table is keyed `<poolId>/<ProviderName>`. */
export interface IdentityProviderRecord {
  UserPoolId: string;
  ProviderName: string;
  ProviderType: IdentityProviderTypeType;
  ProviderDetails: Record<string, string>;
  AttributeMapping: Record<string, string>;
  IdpIdentifiers: string[];
  CreationDate: number;
  LastModifiedDate: number;
}

export const MAX_PROVIDERS_PER_POOL = 300;

/** Social providers must be named after their type. */
const SOCIAL_TYPES = new Set<string>(["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"]);

/** The claim each provider identifies its users by; Cognito maps it to `username` by itself. */
export const SUBJECT_CLAIM: Record<string, string> = {
  Google: "sub",
  Facebook: "id",
  LoginWithAmazon: "user_id",
  SignInWithApple: "sub",
  OIDC: "sub",
  SAML: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
};

/** The endpoints Cognito fills in for social providers. */
const SOCIAL_DETAILS: Record<string, Record<string, string>> = {
  Google: {
    attributes_url: "https://people.googleapis.com/v1/people/me?personFields=",
    attributes_url_add_attributes: "true",
    authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
    oidc_issuer: "https://accounts.google.com",
    token_request_method: "POST",
    token_url: "https://www.googleapis.com/oauth2/v4/token",
  },
  Facebook: {
    attributes_url: "https://graph.facebook.com/v17.0/me?fields=",
    attributes_url_add_attributes: "true",
    authorize_url: "https://www.facebook.com/v17.0/dialog/oauth",
    token_request_method: "GET",
    token_url: "https://graph.facebook.com/v17.0/oauth/access_token",
  },
  LoginWithAmazon: {
    attributes_url: "https://api.amazon.com/user/profile",
    attributes_url_add_attributes: "false",
    authorize_url: "https://www.amazon.com/ap/oa",
    token_request_method: "POST",
    token_url: "https://api.amazon.com/auth/o2/token",
  },
  SignInWithApple: {
    authorize_url: "https://appleid.apple.com/auth/authorize",
    oidc_issuer: "https://appleid.apple.com",
    token_request_method: "POST",
    token_url: "https://appleid.apple.com/auth/token",
  },
};

/** Details each type cannot do without. */
const REQUIRED_DETAILS: Record<string, string[][]> = {
  Google: [["client_id"], ["client_secret"], ["authorize_scopes"]],
  Facebook: [["client_id"], ["client_secret"], ["authorize_scopes"]],
  LoginWithAmazon: [["client_id"], ["client_secret"], ["authorize_scopes"]],
  SignInWithApple: [["client_id"], ["team_id"], ["key_id"], ["private_key"], ["authorize_scopes"]],
  OIDC: [["client_id"], ["oidc_issuer"], ["authorize_scopes"], ["attributes_request_method"]],
  SAML: [["MetadataURL", "MetadataFile"]],
};

const providers = (services: Services) => identityProviders.open(services);

export interface ProviderInput {
  ProviderName: string;
  ProviderType: IdentityProviderTypeType;
  ProviderDetails: Record<string, string>;
  AttributeMapping?: Record<string, string>;
  IdpIdentifiers?: string[];
}

export function createIdentityProvider(services: Services, pool: PoolRecord, input: ProviderInput): IdentityProviderRecord {
  const table = providers(services);
  const type = input.ProviderType;
  if (SOCIAL_TYPES.has(type) && input.ProviderName !== type) throw InvalidParameter(`Provider ${input.ProviderName} cannot be of type ${type}.`);
  if (!SOCIAL_TYPES.has(type) && (SOCIAL_TYPES.has(input.ProviderName) || input.ProviderName.toLowerCase() === "cognito")) {
    throw InvalidParameter(`Provider ${input.ProviderName} cannot be of type ${type}.`);
  }
  if (table.has(identityProviderKey(pool.Id, input.ProviderName))) {
    throw new ServiceError("DuplicateProviderException", `${input.ProviderName} already exists in user pool ${pool.Id}`);
  }
  if (table.countBy("byPool", pool.Id) >= MAX_PROVIDERS_PER_POOL) throw LimitExceeded(`The user pool ${pool.Id} already has the maximum number of identity providers.`);
  const now = services.clock.now();
  const record: IdentityProviderRecord = {
    UserPoolId: pool.Id,
    ProviderName: input.ProviderName,
    ProviderType: type,
    ProviderDetails: providerDetails(type, input.ProviderDetails),
    AttributeMapping: attributeMapping(type, input.AttributeMapping),
    IdpIdentifiers: checkIdentifiers(services, pool.Id, input.ProviderName, input.IdpIdentifiers),
    CreationDate: now,
    LastModifiedDate: now,
  };
  table.put(identityProviderKey(pool.Id, input.ProviderName), record);
  return record;
}

export function findIdentityProvider(services: Services, poolId: string, name: string): IdentityProviderRecord | undefined {
  return providers(services).get(identityProviderKey(poolId, name));
}

export function requireIdentityProvider(services: Services, poolId: string, name: string): IdentityProviderRecord {
  const provider = findIdentityProvider(services, poolId, name);
  if (!provider) throw ResourceNotFound(`Identity provider ${name} does not exist.`);
  return provider;
}

/** The provider an `idp_identifier` names, for GetIdentityProviderByIdentifier and the authorize endpoint. */
export function providerByIdentifier(services: Services, poolId: string, identifier: string): IdentityProviderRecord | undefined {
  return providers(services).findOneBy("byIdentifier", idpIdentifierRef(poolId, identifier));
}

/** UpdateIdentityProvider: the details given replace the ones of the same name; a mapping or identifier list given replaces the old one. */
export function updateIdentityProvider(
  services: Services,
  provider: IdentityProviderRecord,
  input: Partial<Pick<ProviderInput, "ProviderDetails" | "AttributeMapping" | "IdpIdentifiers">>,
): IdentityProviderRecord {
  const type = provider.ProviderType;
  const record: IdentityProviderRecord = {
    ...provider,
    ProviderDetails: input.ProviderDetails ? providerDetails(type, { ...provider.ProviderDetails, ...input.ProviderDetails }) : provider.ProviderDetails,
    AttributeMapping: input.AttributeMapping ? attributeMapping(type, input.AttributeMapping) : provider.AttributeMapping,
    IdpIdentifiers: input.IdpIdentifiers ? checkIdentifiers(services, provider.UserPoolId, provider.ProviderName, input.IdpIdentifiers) : provider.IdpIdentifiers,
    LastModifiedDate: services.clock.now(),
  };
  providers(services).put(identityProviderKey(provider.UserPoolId, provider.ProviderName), record);
  return record;
}

export function deleteIdentityProvider(services: Services, provider: IdentityProviderRecord): void {
  providers(services).delete(identityProviderKey(provider.UserPoolId, provider.ProviderName));
}

/**
 * The provider as Describe-, Create-, Update- and GetIdentityProviderByIdentifier answer it. A SAML
 * provider's details gain what Cognito adds to them: `ActiveEncryptionCertificate`, the certificate an
 * IdP encrypts assertions to (the pool's, over the key the emulator decrypts them with: CN=<pool id>,
 * valid ten years, as Cognito's), and, from a `MetadataFile`, the IdP's `SSORedirectBindingURI` and
 * `SLORedirectBindingURI`. Evidence: the service model's CreateIdentityProvider documentation ("Describe
 * response"), and terraform-provider-aws, which treats ActiveEncryptionCertificate as always returned
 * for SAML and SSORedirectBindingURI as returned when a MetadataFile is given.
 */
export async function describeIdentityProvider(services: Services, provider: IdentityProviderRecord): Promise<IdentityProviderType> {
  return {
    UserPoolId: provider.UserPoolId,
    ProviderName: provider.ProviderName,
    ProviderType: provider.ProviderType,
    ProviderDetails: provider.ProviderType === "SAML" ? await samlDetails(services, provider) : provider.ProviderDetails,
    AttributeMapping: provider.AttributeMapping,
    IdpIdentifiers: provider.IdpIdentifiers,
    LastModifiedDate: new Date(provider.LastModifiedDate),
    CreationDate: new Date(provider.CreationDate),
  };
}

async function samlDetails(services: Services, provider: IdentityProviderRecord): Promise<Record<string, string>> {
  const details: Record<string, string> = { ...provider.ProviderDetails };
  const pool = services.tables.pools.get(provider.UserPoolId);
  if (pool) {
    const { idToken } = await services.tokens.keys.ensure(pool.Id);
    details.ActiveEncryptionCertificate = poolSigningCertificateBase64(pool, idToken);
  }
  const file = provider.ProviderDetails.MetadataFile;
  if (file) {
    // A document that cannot be read keeps serving through the stand-in sign-in page; it has no endpoints to show.
    const metadata = await readIdpMetadata(file).catch((error: unknown) => {
      if (error instanceof SamlMetadataError) return undefined;
      throw error;
    });
    const redirect = (endpoints: SamlEndpoint[]) => endpoints.find((endpoint) => endpoint.binding === BINDING_REDIRECT)?.location;
    const signOn = metadata && redirect(metadata.singleSignOn);
    const signOut = metadata && redirect(metadata.singleLogout);
    if (signOn) details.SSORedirectBindingURI = signOn;
    if (signOut) details.SLORedirectBindingURI = signOut;
  }
  return details;
}

/** One page of the pool's providers, oldest first, in ListIdentityProviders' short form. */
export function listIdentityProviders(services: Services, poolId: string, maxResults: number, nextToken?: string): { items: ProviderDescription[]; nextToken?: string } {
  const all = providers(services).findBy("byPool", poolId);
  const key = (p: IdentityProviderRecord) => creationKey(p, p.ProviderName);
  all.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const page = pageOf(all, key, maxResults, nextToken);
  return {
    items: page.items.map((p) => ({ ProviderName: p.ProviderName, ProviderType: p.ProviderType, LastModifiedDate: new Date(p.LastModifiedDate), CreationDate: new Date(p.CreationDate) })),
    nextToken: page.nextToken,
  };
}

function providerDetails(type: string, given: Record<string, string>): Record<string, string> {
  const required = REQUIRED_DETAILS[type] ?? [];
  if (required.some((alternatives) => !alternatives.some((name) => given[name]))) throw InvalidParameter(missingDetailsMessage(type, required));
  const details = { ...(SOCIAL_DETAILS[type] ?? {}), ...given };
  if (type === "OIDC") details.attributes_url_add_attributes ??= "false";
  return withoutUndefined(details);
}

/**
 * Cognito's words for missing details: "client_id, client_secret and authorize_scopes are all required
 * idp details" (Google, Facebook, Login with Amazon: aws-amplify/amplify-cli#8266), "At least one of the
 * MetadataURL or MetadataFile should be provided." (SAML: hashicorp/terraform-provider-aws#4815).
 */
function missingDetailsMessage(type: string, required: string[][]): string {
  if (type === "SAML") return "At least one of the MetadataURL or MetadataFile should be provided.";
  const names = required.map((alternatives) => alternatives.join(" or "));
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} are all required idp details`;
}

/** Every provider maps its subject claim to `username`; what the caller maps comes on top. */
function attributeMapping(type: string, given: Record<string, string> | undefined): Record<string, string> {
  return { ...given, username: SUBJECT_CLAIM[type] ?? "sub" };
}

function checkIdentifiers(services: Services, poolId: string, name: string, identifiers: string[] | undefined): string[] {
  const list = [...new Set(identifiers ?? [])];
  for (const identifier of list) {
    const holder = providerByIdentifier(services, poolId, identifier);
    if (holder && holder.ProviderName !== name) throw InvalidParameter(`The identifier ${identifier} is already used by provider ${holder.ProviderName}.`);
  }
  return list;
}
