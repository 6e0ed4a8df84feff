import { NotAuthorized, ResourceNotFound } from "../../errors";
import type { Services } from "../services";
import { identityOfLogin, requireIdentity } from "./identities";
import type { IdentityPoolRecord, IdentityRecord, LinkedLogin } from "./records";

/** The pool's developer provider name, which the request must name. */
export function requireDeveloperProvider(pool: IdentityPoolRecord, name: string | undefined): string {
  if (!pool.DeveloperProviderName || name !== pool.DeveloperProviderName) {
    throw NotAuthorized("This identity pool does not support the specified developer provider");
  }
  return pool.DeveloperProviderName;
}

export function developerLogin(pool: IdentityPoolRecord, userIdentifier: string): LinkedLogin {
  return { Provider: pool.DeveloperProviderName!, Subject: userIdentifier };
}

/** The identity a developer user identifier is linked to, or ResourceNotFoundException. */
export function requireDeveloperUser(services: Services, pool: IdentityPoolRecord, userIdentifier: string): IdentityRecord {
  const identity = pool.DeveloperProviderName ? identityOfLogin(services, pool.IdentityPoolId, developerLogin(pool, userIdentifier)) : undefined;
  if (!identity) throw ResourceNotFound(`Developer user identifier '${userIdentifier}' not found in IdentityPool '${pool.IdentityPoolId}'.`);
  return identity;
}

/** An identity of this pool; one of another pool is as unknown as a missing one. */
export function requirePoolIdentity(services: Services, pool: IdentityPoolRecord, identityId: string): IdentityRecord {
  const identity = requireIdentity(services, identityId);
  if (identity.IdentityPoolId !== pool.IdentityPoolId) throw ResourceNotFound(`Identity '${identityId}' not found.`);
  return identity;
}

export function developerUsersOf(pool: IdentityPoolRecord, identity: IdentityRecord): string[] {
  return identity.Logins.filter((l) => l.Provider === pool.DeveloperProviderName).map((l) => l.Subject);
}
