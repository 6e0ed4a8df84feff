import { AliasExists, InvalidParameter, LimitExceeded } from "../../errors";
import type { Services } from "../../services/services";
import { findIdentityProvider, type IdentityProviderRecord } from "../../services/user-pools/directory/identity-providers";
import type { PoolRecord, UserRecord } from "../../services/user-pools/directory/records";
import { saveUser } from "../../services/user-pools/directory/users";
import { federatedIdentities, identityLinkKey } from "../tables";

/**
 * Which user an external identity signs in as: its own federated user, or the native user it was
 * linked to (AdminLinkProviderForUser). Keyed `<poolId>/<ProviderName>/<provider's user id>`.
 */
export interface IdentityLink {
  UserPoolId: string;
  ProviderName: string;
  ProviderUserId: string;
  Sub: string;
}

/** One entry of the `identities` attribute, members in Cognito's order, values as the ID token shows them. */
export interface IdentityEntry {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: string | null;
  primary: string;
  dateCreated: string;
}

/** Cognito's quota of external identities linked to one user. */
export const MAX_LINKED_IDENTITIES = 5;

const links = (services: Services) => federatedIdentities.open(services);

/** The username Cognito gives a federated user. */
export function federatedUsername(providerName: string, providerUserId: string): string {
  return `${providerName}_${providerUserId}`;
}

/** The user an external identity signs in as, if it has signed in before or was linked. */
export function userOfIdentity(services: Services, pool: PoolRecord, providerName: string, providerUserId: string): UserRecord | undefined {
  const { tables: userTables } = services;
  const link = links(services).get(identityLinkKey(pool.Id, providerName, providerUserId));
  const linked = link && userTables.userBySub(pool.Id, link.Sub);
  if (linked) return linked;
  return userTables.users.get(userTables.userKey(pool.Id, federatedUsername(providerName, providerUserId)));
}

export function identitiesOf(user: UserRecord): IdentityEntry[] {
  try {
    const parsed = JSON.parse(user.Attributes.identities ?? "[]");
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export function identityEntry(services: Services, provider: IdentityProviderRecord, providerUserId: string, primary: boolean): IdentityEntry {
  return {
    userId: providerUserId,
    providerName: provider.ProviderName,
    providerType: provider.ProviderType,
    issuer: provider.ProviderType === "SAML" ? (provider.ProviderDetails.IDPEntityId ?? provider.ProviderDetails.MetadataURL ?? null) : null,
    primary: String(primary),
    dateCreated: String(services.clock.now()),
  };
}

export function recordLink(services: Services, poolId: string, providerName: string, providerUserId: string, sub: string): void {
  links(services).put(identityLinkKey(poolId, providerName, providerUserId), { UserPoolId: poolId, ProviderName: providerName, ProviderUserId: providerUserId, Sub: sub });
}

/** Identities of a provider that signed in to (or were linked in) the pool, with their users, up to `limit`. */
export function identitiesOfProvider(services: Services, poolId: string, providerName: string, limit: number): Array<{ providerUserId: string; user: UserRecord }> {
  const found: Array<{ providerUserId: string; user: UserRecord }> = [];
  for (const link of links(services).findBy("byPool", poolId)) {
    if (found.length >= limit) break;
    if (link.ProviderName !== providerName) continue;
    const user = services.tables.userBySub(poolId, link.Sub);
    if (user) found.push({ providerUserId: link.ProviderUserId, user });
  }
  return found;
}

export interface ProviderUser {
  ProviderName?: string;
  ProviderAttributeName?: string;
  ProviderAttributeValue?: string;
}

/**
 * AdminLinkProviderForUser: the external identity will sign in as the native destination user. An
 * identity that already signed up as its own federated user cannot be merged, as in Cognito.
 */
export function linkProviderForUser(services: Services, pool: PoolRecord, destination: UserRecord, source: ProviderUser): UserRecord {
  const provider = findIdentityProvider(services, pool.Id, source.ProviderName ?? "");
  if (!provider) throw InvalidParameter(`The provider ${source.ProviderName} does not exist for User Pool ${pool.Id}`);
  const providerUserId = source.ProviderAttributeValue;
  if (!providerUserId) throw InvalidParameter("SourceUser ProviderAttributeValue is required.");
  if (destination.UserStatus === "EXTERNAL_PROVIDER") throw InvalidParameter("A federated user cannot be the destination of a link.");

  const current = userOfIdentity(services, pool, provider.ProviderName, providerUserId);
  if (current?.Sub === destination.Sub) return destination;
  if (current?.UserStatus === "EXTERNAL_PROVIDER") {
    throw InvalidParameter("Merging is not currently supported, provide a SourceUser that has not been signed up in order to link");
  }
  if (current) throw AliasExists("The source user is already linked to another user in this user pool.");
  const identities = identitiesOf(destination);
  if (identities.length >= MAX_LINKED_IDENTITIES) throw LimitExceeded(`A user can have at most ${MAX_LINKED_IDENTITIES} linked identities.`);
  identities.push(identityEntry(services, provider, providerUserId, false));
  recordLink(services, pool.Id, provider.ProviderName, providerUserId, destination.Sub);
  return saveUser(services, destination, { Attributes: { ...destination.Attributes, identities: JSON.stringify(identities) } });
}

/**
 * AdminDisableProviderForUser: a link to a native user is removed (the identity then signs up afresh);
 * an identity's own federated user is disabled.
 */
export function disableProviderForUser(services: Services, pool: PoolRecord, identity: ProviderUser): void {
  const providerName = identity.ProviderName ?? "";
  const providerUserId = identity.ProviderAttributeValue;
  if (!providerUserId) throw InvalidParameter("User ProviderAttributeValue is required.");
  const user = userOfIdentity(services, pool, providerName, providerUserId);
  links(services).delete(identityLinkKey(pool.Id, providerName, providerUserId));
  if (!user) return;
  if (user.UserStatus === "EXTERNAL_PROVIDER") {
    saveUser(services, user, { Enabled: false });
    return;
  }
  const remaining = identitiesOf(user).filter((entry) => !(entry.providerName === providerName && entry.userId === providerUserId));
  const { identities: _dropped, ...rest } = user.Attributes;
  saveUser(services, user, { Attributes: remaining.length ? { ...rest, identities: JSON.stringify(remaining) } : rest });
}
