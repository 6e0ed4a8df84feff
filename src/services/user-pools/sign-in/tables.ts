import { declareTable, ownedBy } from "../../../store/schema";
import { clients, userPools, userRefOf, users } from "../directory/tables";
import type { UserRecord, WebAuthnCredentialRecord, WebAuthnRegistrationRecord } from "../directory/records";
import type { AuthEventRecord } from "./auth-events";
import type { SignInFailures } from "./lockout";
import type { RiskConfigurationRecord } from "./risk";
import type { AuthSession } from "./sessions";
import type { ForcedRisk, PoolCompromisedPasswords, ThreatProfile } from "./threat-state";
import type { SoftwareTokenState } from "./totp";

/** Sign-in's tables: challenge sessions, and what a user's sign-ins leave behind, deleted with the user. */

const byUser = ownedBy(users, { index: "byUser", by: userRefOf });
const atUser = ownedBy(users, { keys: (user: UserRecord) => [userRefOf(user)] });

/**
 * The server side of a challenge's Session, keyed by the session token, until it expires (epoch ms).
 * Not deleted with the user: answering a deleted user's challenge says that the user does not exist.
 */
export const authSessions = declareTable<AuthSession>({
  name: "authSessions",
  indexes: { byLookupKey: (session) => session.LookupKey },
  expiry: { field: "ExpiresAt", unit: "ms" },
});

/** A user's authenticator-app state, keyed `<poolId>/<sub>`. */
export const softwareTokens = declareTable<SoftwareTokenState>({ name: "softwareTokens", owners: [atUser] });

/** A user's consecutive failed password checks, keyed `<poolId>/<sub>`. */
export const signInFailures = declareTable<SignInFailures>({ name: "signInFailures", owners: [atUser] });

export const authEventKey = (poolId: string, sub: string, eventId: string) => `${poolId}/${sub}/${eventId}`;

/** Sign-in outcomes, keyed `<poolId>/<sub>/<EventId>`. */
export const authEvents = declareTable<AuthEventRecord>({
  name: "authEvents",
  key: (event) => authEventKey(event.UserPoolId, event.Sub, event.EventId),
  indexes: { byUser: (event) => userRefOf(event) },
  owners: [byUser],
});

export const passkeyKey = (user: Pick<UserRecord, "UserPoolId" | "Sub">, credentialId: string) => `${userRefOf(user)}/${credentialId}`;
/** Index key of a credential id, which is unique in its pool. */
export const credentialRef = (poolId: string, credentialId: string) => `${poolId}/${credentialId}`;

/** Passkeys, keyed `<poolId>/<sub>/<credentialId>`; a credential id is unique in its pool. */
export const webAuthnCredentials = declareTable<WebAuthnCredentialRecord>({
  name: "webAuthnCredentials",
  key: (passkey) => passkeyKey(passkey, passkey.CredentialId),
  indexes: { byUser: (passkey) => userRefOf(passkey), byCredentialId: (passkey) => credentialRef(passkey.UserPoolId, passkey.CredentialId) },
  owners: [byUser],
});

/** A passkey registration waiting to be completed, one per user, keyed `<poolId>/<sub>`. */
export const webAuthnRegistrations = declareTable<WebAuthnRegistrationRecord>({
  name: "webAuthnRegistrations",
  key: (registration) => userRefOf(registration),
  owners: [atUser],
});

export const riskConfigurationKey = (poolId: string, clientId: string) => `${poolId}/${clientId}`;

/** Threat-protection settings of a pool (`ALL`) or one client, keyed `<poolId>/<clientId>`. */
export const riskConfigurations = declareTable<RiskConfigurationRecord>({
  name: "riskConfigurations",
  key: (risk) => riskConfigurationKey(risk.UserPoolId, risk.ClientId),
  indexes: { byPool: (risk) => risk.UserPoolId },
  owners: [
    ownedBy(userPools, { index: "byPool", by: (pool) => pool.Id }),
    ownedBy(clients, { keys: (client) => [riskConfigurationKey(client.UserPoolId, client.ClientId)] }),
  ],
});

/** Threat protection's history of each user's sign-ins (addresses, devices, failures, feedback), keyed `<poolId>/<sub>`. */
export const threatProfiles = declareTable<ThreatProfile>({
  name: "threatProfiles",
  key: (profile) => userRefOf(profile),
  indexes: { byPool: (profile) => profile.UserPoolId },
  owners: [atUser],
});

export const forcedRiskKey = (poolId: string, sub: string | undefined, ip: string | undefined) => `${poolId}|${sub ?? "*"}|${ip ?? "*"}`;

/** Risk levels /_emu/risk forced for the next sign-ins of a user, from an address, or both. */
export const forcedRisks = declareTable<ForcedRisk>({
  name: "forcedRisks",
  key: (risk) => forcedRiskKey(risk.UserPoolId, risk.Sub, risk.IpAddress),
  indexes: { byPool: (risk) => risk.UserPoolId, byUser: (risk) => (risk.Sub === undefined ? undefined : `${risk.UserPoolId}/${risk.Sub}`) },
  owners: [ownedBy(userPools, { index: "byPool", by: (pool) => pool.Id }), byUser],
});

/** Passwords a fixture declares compromised for a pool, keyed by pool id. */
export const compromisedPasswords = declareTable<PoolCompromisedPasswords>({
  name: "compromisedPasswords",
  key: (list) => list.UserPoolId,
  owners: [ownedBy(userPools, { keys: (pool) => [pool.Id] })],
});
