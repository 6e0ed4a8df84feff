import jwt from "jsonwebtoken";
import { NotAuthorized } from "../../errors";
import type { Claims } from "../../tokens/jwt";
import type { Services } from "../services";
import { verifyWithIssuerKeys, withoutTrailingSlashes } from "./issuer-keys";
import { oidcProviderName, parseUserPoolProvider } from "./pools";
import type { IdentityPoolRecord } from "./records";
import { samlLogin } from "./saml";

/** The Logins key under which Cognito Identity's own OpenID tokens come back (developer-authenticated identities). */
export const COGNITO_IDENTITY_PROVIDER = "cognito-identity.amazonaws.com";

export const MESSAGES = {
  notSupportedProvider: "Token is not from a supported provider of this identity pool.",
  notOidcToken: "Invalid login token. Not a valid OpenId Connect identity token.",
  issuerMismatch: "Invalid login token. Issuer doesn't match providerName",
  missingAudience: "Invalid login token. Missing a required claim: aud",
  badSignature: "Invalid login token. Couldn't verify signed token.",
  cognitoToken: "Invalid login token. Can't pass in a Cognito token.",
  loginsDontMatch: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
  unauthenticatedNotSupported: "Unauthenticated access is not supported for this identity pool.",
  expired: (now: number, exp: unknown) => `Invalid login token. Token expired: ${now} >= ${exp}`,
};

/** A login whose token checked out: who the user is at the provider, and what role mapping may read. */
export interface VerifiedLogin {
  /** The Logins key. */
  provider: string;
  /** The user's id at the provider. */
  subject: string;
  claims: Claims;
  /** RoleMappings and principal tag map keys that apply, most specific first. */
  mappingKeys: string[];
  /** The `amr` entry naming the user: `<provider>:<qualifier>:<user>`. */
  amrEntry: string;
  /** Roles the token offers (cognito:roles, a SAML Role attribute) and the one it prefers. */
  roles: string[];
  preferredRole?: string;
}

/**
 * Checks every login of a request against the pool's providers, as Cognito does before it creates,
 * finds or links an identity. The first bad login fails the request.
 */
export async function verifyLogins(services: Services, pool: IdentityPoolRecord, logins: Record<string, string>): Promise<VerifiedLogin[]> {
  const verified: VerifiedLogin[] = [];
  for (const [provider, token] of Object.entries(logins)) verified.push(await verifyLogin(services, pool, canonicalProvider(services, pool, provider), token));
  return verified;
}

/**
 * Amplify names a user pool's login after its tokens' issuer without the scheme. With the emulator's
 * own issuer (`127.0.0.1:9229/<poolId>`) that is not Cognito's provider name, so it is read as the
 * pool's Cognito provider when the identity pool lists that one (and not the key as an OIDC provider).
 */
export function canonicalProvider(services: Services, pool: IdentityPoolRecord, provider: string): string {
  const poolId = provider.slice(provider.lastIndexOf("/") + 1);
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(poolId) || provider.startsWith("cognito-idp.")) return provider;
  if (services.issuerFor(poolId).replace(/^\w+:\/\//, "") !== provider) return provider;
  const cognitoName = `cognito-idp.${poolId.split("_")[0]}.amazonaws.com/${poolId}`;
  return (pool.CognitoIdentityProviders ?? []).some((p) => p.ProviderName === cognitoName) ? cognitoName : provider;
}

async function verifyLogin(services: Services, pool: IdentityPoolRecord, provider: string, token: string): Promise<VerifiedLogin> {
  if (provider === COGNITO_IDENTITY_PROVIDER) throw NotAuthorized(MESSAGES.cognitoToken);
  const userPool = parseUserPoolProvider(provider);
  const userPoolEntries = (pool.CognitoIdentityProviders ?? []).filter((p) => p.ProviderName === provider);
  if (userPool && userPoolEntries.length > 0) return userPoolLogin(services, provider, userPool.userPoolId, userPoolEntries, token);
  if ((pool.OpenIdConnectProviderARNs ?? []).some((arn) => oidcProviderName(arn) === provider)) return oidcLogin(services, provider, token);
  if ((pool.SamlProviderARNs ?? []).includes(provider)) return samlLogin(services, provider, token);
  const appId = pool.SupportedLoginProviders?.[provider];
  if (appId !== undefined) return publicLogin(services, provider, appId, token);
  throw NotAuthorized(MESSAGES.notSupportedProvider);
}

/**
 * A user-pool ID token, checked by the emulator's token service whatever issuer form it carries: the
 * login key names the pool, the token's `iss` must end in that pool, and its `aud` must be a client the
 * identity pool lists for it.
 */
function userPoolLogin(
  services: Services,
  provider: string,
  userPoolId: string,
  entries: NonNullable<IdentityPoolRecord["CognitoIdentityProviders"]>,
  token: string,
): VerifiedLogin {
  const payload = decodePayload(token);
  const issuer = typeof payload.iss === "string" ? payload.iss : "";
  if (issuer.slice(issuer.lastIndexOf("/") + 1) !== userPoolId) throw NotAuthorized(MESSAGES.issuerMismatch);
  if (payload.aud === undefined) throw NotAuthorized(MESSAGES.missingAudience);
  const serverSideCheck = entries.some((e) => e.ServerSideTokenCheck);
  const check = services.tokens.checkToken(token, "id", { checkRevocation: serverSideCheck });
  if (!check.ok && check.reason === "invalid") throw NotAuthorized(MESSAGES.badSignature);
  if (!check.ok && check.reason === "expired") throw NotAuthorized(MESSAGES.expired(services.clock.nowSeconds(), check.claims.exp));
  if (!check.ok) throw NotAuthorized("Invalid login token. Token has been revoked.");
  const claims = check.claims;
  const audience = String(claims.aud);
  if (!entries.some((e) => e.ClientId === undefined || e.ClientId === audience)) throw NotAuthorized(MESSAGES.notSupportedProvider);
  const subject = String(claims.sub);
  if (serverSideCheck) {
    const user = services.tables.userBySub(userPoolId, subject);
    if (!user?.Enabled) throw NotAuthorized("Invalid login token. User does not exist or is disabled.");
  }
  const roles = claims["cognito:roles"];
  const preferredRole = claims["cognito:preferred_role"];
  return {
    provider,
    subject,
    claims,
    mappingKeys: [`${provider}:${audience}`, provider],
    amrEntry: `${provider}:CognitoSignIn:${subject}`,
    roles: Array.isArray(roles) ? roles.map(String) : typeof roles === "string" ? roles.split(",").map((r) => r.trim()) : [],
    preferredRole: typeof preferredRole === "string" ? preferredRole : undefined,
  };
}

/** A token of an OIDC provider the pool names by IAM ARN: the issuer must be the provider, its keys sign. */
async function oidcLogin(services: Services, provider: string, token: string): Promise<VerifiedLogin> {
  const claims = await verifyJwtLogin(services, provider, token);
  return jwtLogin(provider, claims, [provider]);
}

/**
 * A public provider (SupportedLoginProviders). JWTs (Google, Apple) are verified like OIDC tokens and
 * must be for the configured app. An opaque access token (Facebook, Amazon, Twitter) cannot be checked
 * offline: the emulator takes the token itself as the user's id at the provider.
 */
async function publicLogin(services: Services, provider: string, appId: string, token: string): Promise<VerifiedLogin> {
  if (token.split(".").length !== 3) {
    return { provider, subject: token, claims: { sub: token, aud: appId }, mappingKeys: [provider], amrEntry: `${provider}:${appId}:${token}`, roles: [] };
  }
  const claims = await verifyJwtLogin(services, provider, token);
  const audiences = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)];
  if (!audiences.includes(appId)) throw NotAuthorized(MESSAGES.notSupportedProvider);
  return jwtLogin(provider, claims, [provider]);
}

function jwtLogin(provider: string, claims: Claims, mappingKeys: string[]): VerifiedLogin {
  const subject = String(claims.sub);
  const audience = Array.isArray(claims.aud) ? String(claims.aud[0]) : String(claims.aud);
  return { provider, subject, claims, mappingKeys, amrEntry: `${provider}:${audience}:${subject}`, roles: [] };
}

/** Issuer, audience, signature and expiry of a token from an external (or this emulator's) OIDC issuer. */
async function verifyJwtLogin(services: Services, provider: string, token: string): Promise<Claims> {
  const payload = decodePayload(token);
  const issuer = typeof payload.iss === "string" ? payload.iss : "";
  if (withoutScheme(issuer) !== withoutScheme(provider)) throw NotAuthorized(MESSAGES.issuerMismatch);
  if (payload.aud === undefined) throw NotAuthorized(MESSAGES.missingAudience);
  const now = services.clock.nowSeconds();
  const own = services.tokens.checkToken(token, "id", { checkRevocation: false });
  // The emulator's own user pools need no round trip to themselves.
  if (own.ok || own.reason !== "invalid") {
    if (!own.ok) throw NotAuthorized(MESSAGES.expired(now, own.claims.exp));
    return own.claims;
  }
  const check = await verifyWithIssuerKeys(token, issuer, now);
  if (check.ok) {
    if (typeof check.claims.sub !== "string") throw NotAuthorized("Invalid login token. Missing a required claim: sub");
    return check.claims;
  }
  if (check.reason === "expired") throw NotAuthorized(MESSAGES.expired(now, payload.exp));
  // Cognito's answer does not say the issuer was out of reach; the log does.
  if (check.reason === "unreachable") services.log.error(`identity pools: cannot fetch the keys of ${provider}: ${check.detail}`);
  throw NotAuthorized(MESSAGES.badSignature);
}

function decodePayload(token: string): Claims {
  let payload: unknown;
  try {
    payload = jwt.decode(token, { json: true });
  } catch {
    payload = undefined;
  }
  if (!payload || typeof payload !== "object") throw NotAuthorized(MESSAGES.notOidcToken);
  return payload as Claims;
}

function withoutScheme(url: string): string {
  return withoutTrailingSlashes(url.replace(/^https?:\/\//, ""));
}
