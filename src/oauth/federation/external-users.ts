import { NotAuthorized } from "../../errors";
import { uuid } from "../../ids";
import type { Services } from "../../services/services";
import { checkRequiredAttributes } from "../../services/user-pools/directory/attribute-updates";
import { checkAttributeWrite } from "../../services/user-pools/directory/attributes";
import type { IdentityProviderRecord } from "../../services/user-pools/directory/identity-providers";
import type { ClientRecord, PoolRecord, UserRecord } from "../../services/user-pools/directory/records";
import { saveUser } from "../../services/user-pools/directory/users";
import { runPostConfirmation, runPreSignUp } from "../../triggers";
import { type ExternalProfile, mapAttributes } from "./attribute-mapping";
import { federatedUsername, identityEntry, recordLink, userOfIdentity } from "./identities";

/**
 * The user an external sign-in signs in as. A linked native user signs in as themselves; a returning
 * federated user gets the provider's current mapped attributes; a first-time one is created as
 * `<Provider>_<id>` (status EXTERNAL_PROVIDER) after PreSignUp_ExternalProvider, with the `identities` attribute.
 */
export async function federatedUser(services: Services, pool: PoolRecord, client: ClientRecord, provider: IdentityProviderRecord, profile: ExternalProfile): Promise<UserRecord> {
  const mapped = mapAttributes(provider.AttributeMapping, profile.claims);
  const existing = userOfIdentity(services, pool, provider.ProviderName, profile.providerUserId);
  if (existing) {
    if (!existing.Enabled) throw NotAuthorized("User is disabled.");
    if (existing.UserStatus !== "EXTERNAL_PROVIDER") return existing;
    const attributes = checkAttributeWrite(pool, toList(mapped), true);
    const changed = Object.entries(attributes).some(([name, value]) => existing.Attributes[name] !== value);
    return changed ? saveUser(services, existing, { Attributes: { ...existing.Attributes, ...attributes } }) : existing;
  }
  return createFederatedUser(services, pool, client, provider, profile, mapped);
}

async function createFederatedUser(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  provider: IdentityProviderRecord,
  profile: ExternalProfile,
  mapped: Record<string, string>,
): Promise<UserRecord> {
  const { tables, clock } = services;
  const username = federatedUsername(provider.ProviderName, profile.providerUserId);
  const attributes = checkAttributeWrite(pool, toList(mapped), true);
  const verdict = await runPreSignUp(services, pool, { source: "ExternalProvider", userName: username, userAttributes: { ...attributes }, clientId: client.ClientId });
  if (verdict.autoVerifyEmail && attributes.email) attributes.email_verified = "true";
  if (verdict.autoVerifyPhone && attributes.phone_number) attributes.phone_number_verified = "true";
  checkRequiredAttributes(pool, attributes);

  const now = clock.now();
  const user: UserRecord = {
    UserPoolId: pool.Id,
    Username: username,
    Sub: uuid(),
    Attributes: { ...attributes, identities: JSON.stringify([identityEntry(services, provider, profile.providerUserId, true)]) },
    Enabled: true,
    UserStatus: "EXTERNAL_PROVIDER",
    UserCreateDate: now,
    UserLastModifiedDate: now,
    Groups: [],
  };
  tables.users.put(tables.userKey(pool.Id, username), user);
  recordLink(services, pool.Id, provider.ProviderName, profile.providerUserId, user.Sub);
  // A federated user's first sign-in confirms them, as a confirmed sign-up does.
  await runPostConfirmation(services, pool, { source: "ConfirmSignUp", user, clientId: client.ClientId });
  return user;
}

function toList(attributes: Record<string, string>) {
  return Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
}
