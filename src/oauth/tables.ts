import { userPools, userRefOf, users } from "../services/user-pools/directory/tables";
import { declareTable, ownedBy } from "../store/schema";
import type { BrowserSession } from "./browser-sessions";
import type { AuthorizationCode } from "./codes";
import type { IdentityLink } from "./federation/identities";
import type { SamlAssertionUse, SamlLogoutRecord, SamlSessionRecord } from "./federation/saml/records";
import type { FederationState } from "./federation/states";

/**
 * OAuth's tables. Codes, browser sessions and federation states are short-lived and expire (epoch ms);
 * they stay until then when their user is deleted, so a late redemption still says why it fails.
 */

/** Authorization codes, keyed by the code's SHA-256. */
export const oauthCodes = declareTable<AuthorizationCode>({ name: "oauthCodes", expiry: { field: "ExpiresAt", unit: "ms" } });

/** Hosted-UI sign-ins remembered by a browser, keyed by the cookie value's SHA-256. */
export const hostedUiSessions = declareTable<BrowserSession>({ name: "hostedUiSessions", expiry: { field: "ExpiresAt", unit: "ms" } });

/** Sign-ins handed to an external provider, keyed by the `state` sent to it. */
export const federationStates = declareTable<FederationState>({ name: "federationStates", expiry: { field: "ExpiresAt", unit: "ms" } });

/** SAML sign-ins a browser holds, for single logout; keyed by the SHA-256 of the pool's SAML cookie. */
export const samlSessions = declareTable<SamlSessionRecord>({ name: "samlSessions", expiry: { field: "ExpiresAt", unit: "ms" } });

/** Sign-outs handed to a SAML IdP until its LogoutResponse returns; keyed by the RelayState sent. */
export const samlLogouts = declareTable<SamlLogoutRecord>({ name: "samlLogouts", expiry: { field: "ExpiresAt", unit: "ms" } });

/** SAML assertions already used to sign in (each is taken once), keyed `<poolId>/<assertion ID>`. */
export const samlAssertionUses = declareTable<SamlAssertionUse>({ name: "samlAssertions", expiry: { field: "ExpiresAt", unit: "ms" } });

export const identityLinkKey = (poolId: string, provider: string, providerUserId: string) => `${poolId}/${provider}/${providerUserId}`;

/** External identities and the user each signs in as, keyed `<poolId>/<ProviderName>/<provider's user id>`. */
export const federatedIdentities = declareTable<IdentityLink>({
  name: "federatedIdentities",
  key: (link) => identityLinkKey(link.UserPoolId, link.ProviderName, link.ProviderUserId),
  indexes: { byPool: (link) => link.UserPoolId, byUser: (link) => userRefOf(link) },
  owners: [ownedBy(userPools, { index: "byPool", by: (pool) => pool.Id }), ownedBy(users, { index: "byUser", by: userRefOf })],
});
