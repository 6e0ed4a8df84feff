import { InvalidIdentityToken } from "../../errors";
import { readAwsSamlResponse } from "../saml/aws";
import { SamlFailure, type SamlAssertion, type SamlFailureReason } from "../saml/responses";
import type { Services } from "../services";
import { IDPRejectedClaim } from "./errors";

export const SAML_ROLE_SESSION_NAME_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
export const SAML_SOURCE_IDENTITY_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";

/**
 * STS's words for a refused SAML response: IAM's "Troubleshoot SAML federation" guide lists "Response
 * signature invalid" (InvalidIdentityToken), "Issuer not present in specified provider" and "Response
 * does not contain the required audience."; a failure status from the IdP is IDPRejectedClaim.
 */
const REFUSALS: Record<SamlFailureReason, string> = {
  malformed: "Invalid SAML response: no assertion with a NameID was found.",
  signature: "Response signature invalid",
  decryption: "Invalid SAML response: the assertion is encrypted, and the SAML provider has no private key to decrypt it.",
  encryptionRequired: "Invalid SAML response: the assertion is not encrypted.",
  status: "The identity provider reported that authentication failed.",
  issuer: "Issuer not present in specified provider",
  audience: "Response does not contain the required audience.",
  recipient: "Response does not contain the required audience.",
  notYetValid: "Invalid SAML response: the assertion is not yet valid.",
  expired: "SAML assertion is expired",
  inResponseTo: "Invalid SAML response: unsolicited responses only.",
};

/**
 * The assertion of a SAML response for AssumeRoleWithSAML, checked against the IAM SAML provider the
 * fixtures declare for `principalArn` (see saml/aws.ts); validity times are the operation's.
 */
export async function readStsSamlAssertion(services: Services, principalArn: string, base64: string): Promise<SamlAssertion> {
  try {
    return (await readAwsSamlResponse(services, principalArn, base64)).assertion;
  } catch (error) {
    if (!(error instanceof SamlFailure)) throw error;
    if (error.reason === "status") throw IDPRejectedClaim(REFUSALS.status);
    throw InvalidIdentityToken(REFUSALS[error.reason]);
  }
}

/** AssumeRoleWithSAML's SubjectType: the NameID format without SAML 2.0's `nameid-format` prefix. */
export function subjectType(format: string | undefined): string | undefined {
  return format?.replace(/^urn:oasis:names:tc:SAML:2\.0:nameid-format:/, "");
}
