
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
