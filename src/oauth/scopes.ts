/** The scopes every pool has besides its resource servers' `<identifier>/<scope>` ones. */
export const OPENID = "openid";
export const ADMIN_SCOPE = "aws.cognito.signin.user.admin";
export const STANDARD_SCOPES = new Set([OPENID, "email", "phone", "profile", ADMIN_SCOPE]);
/** These only make sense with `openid`: they select ID token and userInfo claims. */
const NEEDS_OPENID = ["email", "phone", "profile"];

export function parseScopes(value: string | undefined): string[] {
  return [...new Set((value ?? "").split(/\s+/).filter(Boolean))];
}

/**
 * The scopes a sign-in grants: the requested ones, each allowed to the client, or every allowed scope
 * when none is requested. Undefined when the request asks for what the client may not have.
 */
export function grantedScopes(requested: string[], allowed: readonly string[]): string[] | undefined {
  if (requested.length === 0) return [...allowed];
  if (requested.some((scope) => !allowed.includes(scope))) return undefined;
  if (!requested.includes(OPENID) && requested.some((scope) => NEEDS_OPENID.includes(scope))) return undefined;
  return requested;
}

/** The user attributes each OIDC scope releases at the userInfo endpoint. */
const PROFILE_ATTRIBUTES = [
  "name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
  "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at",
];
const EMAIL_ATTRIBUTES = ["email", "email_verified"];
const PHONE_ATTRIBUTES = ["phone_number", "phone_number_verified"];

/**
 * Whether userInfo releases an attribute for these scopes: `openid` alone releases every readable attribute;
 * `profile` the profile attributes and custom ones; `email` and `phone` their two attributes each.
 */
export function scopeReleases(scopes: readonly string[], attribute: string): boolean {
  const selective = scopes.filter((scope) => NEEDS_OPENID.includes(scope));
  if (selective.length === 0) return true;
  if (scopes.includes("profile") && (PROFILE_ATTRIBUTES.includes(attribute) || attribute.startsWith("custom:"))) return true;
  if (scopes.includes("email") && EMAIL_ATTRIBUTES.includes(attribute)) return true;
  return scopes.includes("phone") && PHONE_ATTRIBUTES.includes(attribute);
}
