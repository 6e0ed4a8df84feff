import { NotAuthorized } from "../../errors";
import type { Claims } from "../../tokens/jwt";
import { readAwsSamlResponse, samlRoles } from "../saml/aws";
import { checkTimes, decodeSamlResponse, SamlFailure, type SamlFailureReason } from "../saml/responses";
import type { Services } from "../services";

/** A login whose SAML response checked out, in the shape logins.ts gives every provider's. */
export interface SamlLogin {
  provider: string;
  subject: string;
  claims: Claims;
  mappingKeys: string[];
  amrEntry: string;
  roles: string[];
  preferredRole?: string;
}

/** Identity pools' words for a refused SAML response (the Logins value of a SAML provider ARN). */
const REFUSALS: Partial<Record<SamlFailureReason, string>> = {
  signature: "Invalid login token. Response signature invalid",
  issuer: "Invalid login token. Issuer not present in specified provider",
  audience: "Invalid login token. Response does not contain the required audience.",
  recipient: "Invalid login token. Response does not contain the required audience.",
  status: "Invalid login token. The identity provider rejected the authentication.",
};

/**
 * A SAML response for a SAML provider the pool names by ARN: checked against the provider the fixtures
 * declare (signature, issuer, audience), within its validity times; its Role attribute offers roles.
 */
export async function samlLogin(services: Services, provider: string, token: string): Promise<SamlLogin> {
  // Cognito's own words for a Logins value that is not base64 (reported by users of IdP-initiated flows).
  if (decodeSamlResponse(token) === undefined) throw NotAuthorized("Invalid base64 SAMLResponse");
  let assertion: Awaited<ReturnType<typeof readAwsSamlResponse>>["assertion"];
  try {
    ({ assertion } = await readAwsSamlResponse(services, provider, token));
    checkTimes(assertion, services.clock.now());
  } catch (error) {
    if (!(error instanceof SamlFailure)) throw error;
    if (error.reason === "expired") {
      const expiry = Math.min(...[assertion!.notOnOrAfter, assertion!.confirmationNotOnOrAfter].filter((t): t is number => t !== undefined));
      throw NotAuthorized(`Invalid login token. Token expired: ${services.clock.nowSeconds()} >= ${Math.floor(expiry / 1000)}`);
    }
    throw NotAuthorized(REFUSALS[error.reason] ?? "Invalid login token. Not a valid SAML assertion.");
  }
  const claims: Claims = { sub: assertion.nameId };
  for (const [name, values] of Object.entries(assertion.attributes)) claims[name] = values.length === 1 ? values[0] : values;
  const roles = samlRoles(assertion, provider);
  return {
    provider,
    subject: assertion.nameId,
    claims,
    mappingKeys: [provider],
    amrEntry: `${provider}:${assertion.nameId}`,
    roles,
    preferredRole: roles.length === 1 ? roles[0] : undefined,
  };
}
