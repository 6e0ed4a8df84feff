import type { Services } from "../services";
import { findIamSamlProvider } from "./iam-providers";
import { readIdpMetadata, SamlMetadataError } from "./metadata";
import { checkAssertion, readUnverifiedResponse, SamlFailure, type SamlAssertion, type SamlEnvelope, verifyResponse } from "./responses";

/**
 * AWS's sign-in endpoint, as Audience and Recipient: `https://signin.aws.amazon.com/saml`, a regional
 * `https://<region>.signin.aws.amazon.com/saml` (and the other partitions'), or `urn:amazon:webservices`.
 */
const AWS_SAML_AUDIENCE = /^(?:https:\/\/(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/saml|urn:amazon:webservices(?::[\w-]+)?)$/;

export const SAML_ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";

/** Providers whose responses went unchecked, each named once in the log. */
const warned = new WeakMap<Services, Set<string>>();

/**
 * A SAML response given to AWS for the IAM SAML provider `providerArn`. A provider the fixtures declare
 * has the response's signature checked against its metadata's certificates, its issuer against the
 * metadata's entity id, and its audience and recipient against AWS's sign-in endpoint. A provider they
 * do not declare has nothing to check against: the response is read as it is, and the log says so.
 * Validity times are the caller's to check (STS and identity pools answer them differently).
 */
export async function readAwsSamlResponse(services: Services, providerArn: string, base64: string): Promise<{ envelope: SamlEnvelope; assertion: SamlAssertion; verified: boolean }> {
  const provider = findIamSamlProvider(services, providerArn);
  if (!provider) {
    const seen = warned.get(services) ?? new Set<string>();
    warned.set(services, seen);
    if (!seen.has(providerArn)) {
      seen.add(providerArn);
      services.log.info(`SAML provider ${providerArn} is not declared in the fixtures (SamlProviders): its responses are read without checking their signature`);
    }
    return { ...(await readUnverifiedResponse(base64)), verified: false };
  }
  let metadata: Awaited<ReturnType<typeof readIdpMetadata>>;
  try {
    metadata = await readIdpMetadata(provider.SAMLMetadataDocument);
  } catch (error) {
    if (!(error instanceof SamlMetadataError)) throw error;
    // Fixtures are validated when loaded; a document that got through and cannot be read signs nothing.
    throw new SamlFailure("signature", `The metadata of ${providerArn} cannot be used: ${error.message}`);
  }
  const { envelope, assertion } = await verifyResponse(base64, { certificates: metadata.signingCertificates });
  checkAssertion(envelope, assertion, {
    issuer: metadata.entityId,
    audience: (audience) => AWS_SAML_AUDIENCE.test(audience),
    recipient: (recipient) => AWS_SAML_AUDIENCE.test(recipient),
  });
  return { envelope, assertion, verified: true };
}

/** The role ARNs a SAML Role attribute grants through `providerArn` ("role,provider" pairs, in either order). */
export function samlRoles(assertion: Pick<SamlAssertion, "attributes">, providerArn: string): string[] {
  const roles: string[] = [];
  for (const value of assertion.attributes[SAML_ROLE_ATTRIBUTE] ?? []) {
    const parts = value.split(",").map((p) => p.trim());
    const role = parts.find((p) => /:role\//.test(p));
    const provider = parts.find((p) => /:saml-provider\//.test(p));
    if (role && (!provider || provider === providerArn)) roles.push(role);
  }
  return roles;
}
