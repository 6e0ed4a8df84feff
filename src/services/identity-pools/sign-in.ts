import { NotAuthorized } from "../../errors";
import type { Services } from "../services";
import { identityOfLogin, requireEnabled, requireIdentity, settleIdentity } from "./identities";
import { COGNITO_IDENTITY_PROVIDER, MESSAGES, type VerifiedLogin, verifyLogins } from "./logins";
import { checkOpenIdToken } from "./openid";
import { requireIdentityPool } from "./pools";
import type { IdentityPoolRecord, IdentityRecord } from "./records";
import { identityPoolTables, principalTagKey } from "./tables";

/** An identity a request has proven it may act as, and how. */
export interface SignedIn {
  pool: IdentityPoolRecord;
  identity: IdentityRecord;
  authenticated: boolean;
  /** The logins presented (for a Cognito OpenID token, the identity's own logins, without claims). */
  logins: VerifiedLogin[];
}

/**
 * GetOpenIdToken's and GetCredentialsForIdentity's check of an identity and the request's Logins:
 * none for a guest (if the pool allows guests and the identity has no logins); otherwise valid tokens,
 * which are linked (or merge identities) as Cognito does. A Cognito OpenID token for the identity
 * (`cognito-identity.amazonaws.com`, the developer-authenticated flow) vouches for it as it is.
 */
export async function signIn(services: Services, identityId: string, logins: Record<string, string> = {}): Promise<SignedIn> {
  const requested = requireIdentity(services, identityId);
  const pool = requireIdentityPool(services, requested.IdentityPoolId);
  const { [COGNITO_IDENTITY_PROVIDER]: cognitoToken, ...providerLogins } = logins;
  const hasProviderLogins = Object.keys(providerLogins).length > 0;

  if (cognitoToken === undefined && !hasProviderLogins) {
    requireEnabled(requested);
    if (requested.Logins.length > 0) throw NotAuthorized(MESSAGES.loginsDontMatch);
    if (!pool.AllowUnauthenticatedIdentities) throw NotAuthorized(MESSAGES.unauthenticatedNotSupported);
    return { pool, identity: requested, authenticated: false, logins: [] };
  }
  if (cognitoToken !== undefined) checkCognitoLogin(services, cognitoToken, requested);
  if (!hasProviderLogins) {
    requireEnabled(requested);
    const authenticated = requested.Logins.length > 0;
    if (!authenticated && !pool.AllowUnauthenticatedIdentities) throw NotAuthorized(MESSAGES.unauthenticatedNotSupported);
    return { pool, identity: requested, authenticated, logins: requested.Logins.map((l) => linkedLogin(pool, l.Provider, l.Subject)) };
  }

  const verified = await verifyLogins(services, pool, providerLogins);
  const linked = verified.map((l) => ({ Provider: l.provider, Subject: l.subject }));
  // A disabled identity may still be reached through a login its parent owns.
  if (requested.MergedInto && !linked.some((l) => identityOfLogin(services, pool.IdentityPoolId, l))) requireEnabled(requested);
  const identity = settleIdentity(services, pool, requested.MergedInto ? undefined : requested, linked);
  return { pool, identity, authenticated: true, logins: verified };
}

/** Cognito's own OpenID token, accepted for the identity it was issued to. */
function checkCognitoLogin(services: Services, token: string, identity: IdentityRecord): void {
  const check = checkOpenIdToken(services, token);
  if (!check.ok && check.reason === "expired") throw NotAuthorized(MESSAGES.expired(services.clock.nowSeconds(), check.claims.exp));
  if (!check.ok) throw NotAuthorized(MESSAGES.badSignature);
  if (check.claims.sub !== identity.IdentityId || check.claims.aud !== identity.IdentityPoolId) throw NotAuthorized(MESSAGES.loginsDontMatch);
}

/** The `amr` of an OpenID token: `["unauthenticated"]`, or `authenticated`, the providers, then who the user is at each. */
export function amrOf(signedIn: SignedIn): string[] {
  if (!signedIn.authenticated) return ["unauthenticated"];
  return ["authenticated", ...new Set(signedIn.logins.map((l) => l.provider)), ...signedIn.logins.map((l) => l.amrEntry)];
}

/** A linked login as role selection and `amr` see it when no token of its provider came with the request. */
export function linkedLogin(pool: IdentityPoolRecord, provider: string, subject: string): VerifiedLogin {
  return { provider, subject, claims: {}, mappingKeys: [provider], amrEntry: amrEntryOf(pool, provider, subject), roles: [] };
}

/** `<developer provider>:<pool id>:<developer user id>` for developer logins, as Cognito writes them. */
export function amrEntryOf(pool: IdentityPoolRecord, provider: string, subject: string): string {
  return provider === pool.DeveloperProviderName ? `${provider}:${pool.IdentityPoolId}:${subject}` : `${provider}:${subject}`;
}

/** Principal tags from the logins' claims, per the pool's SetPrincipalTagAttributeMap mappings. */
export function principalTagsOf(services: Services, signedIn: SignedIn): Record<string, string> {
  const { principalTags } = identityPoolTables(services);
  const tags: Record<string, string> = {};
  for (const login of signedIn.logins) {
    const map = login.mappingKeys.map((k) => principalTags.get(principalTagKey(signedIn.pool.IdentityPoolId, k))).find(Boolean);
    for (const [tag, claim] of Object.entries(map?.PrincipalTags ?? {})) {
      const value = login.claims[claim];
      if (value !== undefined && value !== null) tags[tag] = Array.isArray(value) ? value.join(",") : String(value);
    }
  }
  return tags;
}

