import { openingTagAttributes, parseSamlResponse, type SamlAssertion } from "../identity-pools/saml";

export const SAML_ROLE_SESSION_NAME_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
export const SAML_SOURCE_IDENTITY_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";

/** What AssumeRoleWithSAML reads beyond identity pools' view of an assertion. Times are epoch seconds. */
export interface StsSamlAssertion extends SamlAssertion {
  nameIdFormat?: string;
  /** SubjectConfirmationData/@Recipient: the response's Audience. */
  recipient?: string;
  issueInstant?: number;
  confirmationNotOnOrAfter?: number;
  /** AuthnStatement/@SessionNotOnOrAfter: the session may not outlive it. */
  sessionNotOnOrAfter?: number;
}

const attribute = (attributes: string | undefined, name: string) => (attributes ? new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] : undefined);
const seconds = (iso: string | undefined) => (iso ? Math.floor(Date.parse(iso) / 1000) : undefined);

/** Reads a base64 SAML response. The signature is not checked: the emulator has no IAM SAML provider metadata to check it with. */
export function readSamlAssertion(base64: string): StsSamlAssertion | undefined {
  const assertion = parseSamlResponse(base64);
  if (!assertion) return undefined;
  const xml = Buffer.from(base64, "base64").toString("utf8");
  const confirmation = openingTagAttributes(xml, "SubjectConfirmationData");
  return {
    ...assertion,
    nameIdFormat: attribute(openingTagAttributes(xml, "NameID"), "Format"),
    recipient: attribute(confirmation, "Recipient"),
    issueInstant: seconds(attribute(openingTagAttributes(xml, "Assertion"), "IssueInstant")),
    confirmationNotOnOrAfter: seconds(attribute(confirmation, "NotOnOrAfter")),
    sessionNotOnOrAfter: seconds(attribute(openingTagAttributes(xml, "AuthnStatement"), "SessionNotOnOrAfter")),
  };
}

/** AssumeRoleWithSAML's SubjectType: the NameID format without SAML 2.0's `nameid-format` prefix. */
export function subjectType(format: string | undefined): string | undefined {
  return format?.replace(/^urn:oasis:names:tc:SAML:2\.0:nameid-format:/, "");
}
