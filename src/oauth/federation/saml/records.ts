import type { Services } from "../../../services/services";
import type { Table } from "../../../store/table";

/**
 * A browser's SAML sign-in to a pool, kept for single logout (IDPSignout): who the IdP said the user
 * is, and the session it opened. Keyed by the SHA-256 of the `cognito-saml-<poolId>` cookie's value.
 */
export interface SamlSessionRecord {
  UserPoolId: string;
  ProviderName: string;
  NameId: string;
  NameIdFormat?: string;
  SessionIndex?: string;
  /** Epoch ms. */
  ExpiresAt: number;
}

/** A sign-out handed to the IdP, until its LogoutResponse comes back; keyed by the RelayState sent. */
export interface SamlLogoutRecord {
  UserPoolId: string;
  ProviderName: string;
  /** The LogoutRequest's ID, which the LogoutResponse must answer. */
  RequestId: string;
  /** Where the browser goes once the IdP has signed the user out (logout_uri, or the sign-in page). */
  Destination: string;
  /** Epoch ms. */
  ExpiresAt: number;
}

/** An assertion already used to sign in: Cognito takes each one once. Keyed `<poolId>/<assertion ID>`. */
export interface SamlAssertionUse {
  /** Epoch ms: past the assertion's validity, the record can go. */
  ExpiresAt: number;
}

/** The tables above, with their expiring rows swept like the other short-lived hosted-UI records. */
export const SAML_TABLES = { sessions: "samlSessions", logouts: "samlLogouts", assertions: "samlAssertions" } as const;

export function samlSessions(services: Services): Table<SamlSessionRecord> {
  return services.store.table<SamlSessionRecord>(SAML_TABLES.sessions);
}

export function samlLogouts(services: Services): Table<SamlLogoutRecord> {
  return services.store.table<SamlLogoutRecord>(SAML_TABLES.logouts);
}

export function samlAssertionUses(services: Services): Table<SamlAssertionUse> {
  return services.store.table<SamlAssertionUse>(SAML_TABLES.assertions);
}
