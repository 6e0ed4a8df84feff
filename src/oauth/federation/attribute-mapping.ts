/** What an external provider says about a user: its id for them and its claims (or SAML attributes). */
export interface ExternalProfile {
  providerUserId: string;
  claims: Record<string, unknown>;
}

/**
 * The pool attributes a provider's claims map to (AttributeMapping: pool attribute -> provider claim).
 * `username` is not an attribute; non-string claims become strings as Cognito stores them.
 */
export function mapAttributes(mapping: Record<string, string>, claims: Record<string, unknown>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(mapping)) {
    if (attribute === "username" || attribute === "sub" || attribute === "identities") continue;
    const value = claims[claim];
    if (value === undefined || value === null) continue;
    attributes[attribute] = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return attributes;
}
