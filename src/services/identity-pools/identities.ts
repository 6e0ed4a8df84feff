import type { IdentityDescription } from "@aws-sdk/client-cognito-identity";
import { NotAuthorized, ResourceConflict, ResourceNotFound } from "../../errors";
import { uuid } from "../../ids";
import type { Services } from "../services";
import { moveSyncDataOnMerge } from "../sync/merge";
import type { IdentityPoolRecord, IdentityRecord, LinkedLogin } from "./records";
import { identityPoolTables, loginKey, regionOf } from "./tables";

/** The identity, or Cognito's ResourceNotFoundException. */
export function requireIdentity(services: Services, identityId: string): IdentityRecord {
  const identity = identityPoolTables(services).identities.get(identityId);
  if (!identity) throw ResourceNotFound(`Identity '${identityId}' not found.`);
  return identity;
}

/** A merged-away identity gets nothing more. */
export function requireEnabled(identity: IdentityRecord): void {
  if (identity.MergedInto) throw NotAuthorized(`Access to Identity '${identity.IdentityId}' is forbidden.`);
}

export function identityOfLogin(services: Services, poolId: string, login: LinkedLogin): IdentityRecord | undefined {
  return identityPoolTables(services).identities.findOneBy("byLogin", loginKey(poolId, login.Provider, login.Subject));
}

/** A new identity of the pool, `<region>:<uuid>` like the pool's id. */
export function createIdentity(services: Services, pool: IdentityPoolRecord, logins: LinkedLogin[] = []): IdentityRecord {
  const { identities } = identityPoolTables(services);
  const region = regionOf(pool.IdentityPoolId);
  let id = `${region}:${uuid()}`;
  while (identities.has(id)) id = `${region}:${uuid()}`;
  const now = services.clock.now();
  const identity: IdentityRecord = { IdentityId: id, IdentityPoolId: pool.IdentityPoolId, Logins: [], CreationDate: now, LastModifiedDate: now };
  identities.put(id, identity);
  return logins.length ? linkLogins(services, pool, identity, logins) : identity;
}

/**
 * A fixture's identity: the id it names, in the pool, with exactly these logins. Another pool's
 * identity under the id, or a login linked to another identity, is refused.
 */
export function defineIdentity(services: Services, pool: IdentityPoolRecord, identityId: string, logins: LinkedLogin[]): IdentityRecord {
  const { identities } = identityPoolTables(services);
  if (regionOf(identityId) !== regionOf(pool.IdentityPoolId)) throw ResourceConflict(`Identity ${identityId} is not in the region of identity pool ${pool.IdentityPoolId}.`);
  const existing = identities.get(identityId);
  if (existing && existing.IdentityPoolId !== pool.IdentityPoolId) throw ResourceConflict(`Identity ${identityId} belongs to identity pool ${existing.IdentityPoolId}.`);
  const unique = logins.filter((login, i) => logins.findIndex((other) => sameLogin(other, login)) === i);
  checkOneUserPerProvider(pool, unique);
  for (const login of unique) {
    const owner = identityOfLogin(services, pool.IdentityPoolId, login);
    if (owner && owner.IdentityId !== identityId) throw ResourceConflict(`The login ${login.Subject} of ${login.Provider} is linked to identity ${owner.IdentityId}.`);
  }
  const now = services.clock.now();
  const identity: IdentityRecord = existing
    ? { ...existing, Logins: unique.map((login) => ({ ...login })), MergedInto: undefined, LastModifiedDate: now }
    : { IdentityId: identityId, IdentityPoolId: pool.IdentityPoolId, Logins: unique.map((login) => ({ ...login })), CreationDate: now, LastModifiedDate: now };
  if (identity.MergedInto === undefined) delete identity.MergedInto;
  identities.put(identityId, identity);
  return identity;
}

/**
 * The identity these logins belong to, as GetId, GetOpenIdToken and GetCredentialsForIdentity settle it:
 * logins nobody has are linked; a login another identity has makes that identity the owner, and the
 * others (the requested one included) are merged into it and disabled. With no owner and no requested
 * identity, a new identity is made.
 */
export function settleIdentity(services: Services, pool: IdentityPoolRecord, requested: IdentityRecord | undefined, logins: LinkedLogin[]): IdentityRecord {
  const owners: IdentityRecord[] = [];
  for (const login of logins) {
    const owner = identityOfLogin(services, pool.IdentityPoolId, login);
    if (owner && !owners.some((o) => o.IdentityId === owner.IdentityId)) owners.push(owner);
  }
  if (!requested && owners.length === 0) return createIdentity(services, pool, logins);
  let parent = owners[0] ?? requested!;
  for (const other of [...owners.slice(1), ...(requested ? [requested] : [])]) {
    if (other.IdentityId !== parent.IdentityId) parent = mergeIdentities(services, pool, parent, other);
  }
  return linkLogins(services, pool, parent, logins);
}

/** Adds logins the identity lacks; one user per public provider, several for the developer provider. */
export function linkLogins(services: Services, pool: IdentityPoolRecord, identity: IdentityRecord, logins: LinkedLogin[]): IdentityRecord {
  const added = logins.filter((l, i) => !hasLogin(identity, l) && logins.findIndex((o) => sameLogin(o, l)) === i);
  if (added.length === 0) return identity;
  const merged = [...identity.Logins, ...added];
  checkOneUserPerProvider(pool, merged);
  const updated = { ...identity, Logins: merged, LastModifiedDate: services.clock.now() };
  identityPoolTables(services).identities.put(identity.IdentityId, updated);
  return updated;
}

/** Moves every login and all Cognito Sync data of `child` to `parent` and disables `child`; the parent is returned. */
export function mergeIdentities(services: Services, pool: IdentityPoolRecord, parent: IdentityRecord, child: IdentityRecord): IdentityRecord {
  const { identities } = identityPoolTables(services);
  const logins = [...parent.Logins, ...child.Logins.filter((l) => !hasLogin(parent, l))];
  checkOneUserPerProvider(pool, logins);
  const now = services.clock.now();
  // The child lets go of its logins first, so each login stays filed under exactly one identity.
  identities.put(child.IdentityId, { ...child, Logins: [], MergedInto: parent.IdentityId, LastModifiedDate: now });
  const updated = { ...parent, Logins: logins, LastModifiedDate: now };
  identities.put(parent.IdentityId, updated);
  moveSyncDataOnMerge(services, child.IdentityId, parent.IdentityId);
  return updated;
}

export function removeLogins(services: Services, identity: IdentityRecord, keep: (login: LinkedLogin) => boolean): IdentityRecord {
  const logins = identity.Logins.filter(keep);
  if (logins.length === identity.Logins.length) return identity;
  const updated = { ...identity, Logins: logins, LastModifiedDate: services.clock.now() };
  identityPoolTables(services).identities.put(identity.IdentityId, updated);
  return updated;
}

/** DescribeIdentity's answer: the providers of the identity's logins, once each. */
export function describeIdentity(identity: IdentityRecord): IdentityDescription {
  const description: IdentityDescription = { IdentityId: identity.IdentityId };
  if (identity.Logins.length > 0) description.Logins = [...new Set(identity.Logins.map((l) => l.Provider))];
  description.CreationDate = new Date(identity.CreationDate);
  description.LastModifiedDate = new Date(identity.LastModifiedDate);
  return description;
}

function checkOneUserPerProvider(pool: IdentityPoolRecord, logins: LinkedLogin[]): void {
  const seen = new Map<string, string>();
  for (const login of logins) {
    if (login.Provider === pool.DeveloperProviderName) continue;
    const other = seen.get(login.Provider);
    if (other !== undefined && other !== login.Subject) {
      throw ResourceConflict(`The identity already has a different login for ${login.Provider}; only one login per provider can be linked.`);
    }
    seen.set(login.Provider, login.Subject);
  }
}

const sameLogin = (a: LinkedLogin, b: LinkedLogin) => a.Provider === b.Provider && a.Subject === b.Subject;
const hasLogin = (identity: IdentityRecord, login: LinkedLogin) => identity.Logins.some((l) => sameLogin(l, login));
