import { SAML, SamlStatusError } from "@node-saml/node-saml";
import { attributeOf, child, children, instantOf, parseXml, SAML_ASSERTION, SAML_PROTOCOL, textOf, type XmlElement } from "./xml";

const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
/** Cognito's saml2/idpresponse takes SAML responses of up to 100,000 characters; STS's SAMLAssertion the same. */
export const MAX_SAML_RESPONSE_LENGTH = 100_000;

/** What a SAML assertion says. Times are epoch milliseconds. */
export interface SamlAssertion {
  id?: string;
  issuer?: string;
  nameId: string;
  nameIdFormat?: string;
  issueInstant?: number;
  /** Conditions. */
  notBefore?: number;
  notOnOrAfter?: number;
  audiences: string[];
  /** The bearer SubjectConfirmationData. */
  recipient?: string;
  confirmationNotBefore?: number;
  confirmationNotOnOrAfter?: number;
  confirmationInResponseTo?: string;
  /** The first AuthnStatement. */
  sessionIndex?: string;
  sessionNotOnOrAfter?: number;
  /** Attribute name -> its values, as text. */
  attributes: Record<string, string[]>;
}

/** The Response element around the assertion (not covered by an assertion's signature). */
export interface SamlEnvelope {
  inResponseTo?: string;
  destination?: string;
  issuer?: string;
  statusCode?: string;
  encrypted: boolean;
}

export type SamlFailureReason =
  | "malformed"
  | "signature"
  | "decryption"
  | "encryptionRequired"
  | "status"
  | "issuer"
  | "audience"
  | "recipient"
  | "notYetValid"
  | "expired"
  | "inResponseTo";

/** A SAML response that is refused, and why; each caller words the reason as its service does. */
export class SamlFailure extends Error {
  constructor(
    readonly reason: SamlFailureReason,
    message: string,
  ) {
    super(message);
  }
}

/** Base64 as SAML's POST binding carries it (line breaks allowed), decoded to text. */
export function decodeSamlResponse(base64: string): string | undefined {
  const compact = base64.replace(/\s+/g, "");
  if (compact.length === 0 || compact.length > MAX_SAML_RESPONSE_LENGTH || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, "base64").toString("utf8");
}

/**
 * Reads a SAML response without checking its signature: for IAM SAML providers the fixtures do not
 * declare (nothing to check against). An EncryptedAssertion cannot be read this way.
 */
export async function readUnverifiedResponse(base64: string): Promise<{ envelope: SamlEnvelope; assertion: SamlAssertion }> {
  const root = await responseRoot(base64);
  const envelope = envelopeOf(root);
  const assertions = children(root, SAML_ASSERTION, "Assertion");
  if (assertions.length !== 1) throw new SamlFailure(envelope.encrypted ? "decryption" : "malformed", "The response carries no single readable Assertion.");
  return { envelope, assertion: assertionOf(assertions[0]) };
}

export interface VerifyOptions {
  /** Certificates the IdP signs with: PEM, or base64 DER as metadata lists them. */
  certificates: string[];
  /** The private key (PEM) EncryptedAssertions are encrypted to. */
  decryptionKey?: string;
  /** Refuse a response whose assertion is not encrypted. */
  requireEncryption?: boolean;
}

/**
 * Checks a SAML response's XML signature (of the response, or of its assertion) against the IdP's
 * certificates and decrypts an encrypted assertion, with node-saml; returns only what the signature
 * covers. Conditions (issuer, audience, times...) are the caller's, with `checkAssertion`.
 */
export async function verifyResponse(base64: string, options: VerifyOptions): Promise<{ envelope: SamlEnvelope; assertion: SamlAssertion }> {
  const root = await responseRoot(base64);
  const envelope = envelopeOf(root);
  if (options.requireEncryption && !envelope.encrypted && (envelope.statusCode ?? SUCCESS) === SUCCESS) {
    throw new SamlFailure("encryptionRequired", "The assertion is not encrypted.");
  }
  const saml = new SAML({
    idpCert: options.certificates,
    // Only the signature and the decryption are node-saml's here: the rest is checked against the
    // emulator's clock (which tests move) and worded as each AWS service words it.
    issuer: "urn:cognito-emu:unused",
    callbackUrl: "urn:cognito-emu:unused",
    audience: false,
    wantAssertionsSigned: false,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: -1,
    decryptionPvk: options.decryptionKey,
  });
  let profile: Awaited<ReturnType<SAML["validatePostResponseAsync"]>>["profile"];
  try {
    ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: base64.replace(/\s+/g, "") }));
  } catch (error) {
    throw failureOf(error);
  }
  const assertionXml = profile?.getAssertionXml?.();
  const assertion = assertionXml ? await parseXml(assertionXml) : undefined;
  if (assertion?.localName !== "Assertion") throw new SamlFailure("malformed", "The response carries no assertion.");
  return { envelope, assertion: assertionOf(assertion) };
}

/** What a response must be to be accepted. Every member left out is not checked. */
export interface AssertionExpectations {
  /** The IdP's entity id: the assertion's Issuer. */
  issuer?: string;
  /** Whether an Audience of the assertion is acceptable. */
  audience?: (audience: string) => boolean;
  /** Whether the bearer confirmation's Recipient is acceptable (a missing one is). */
  recipient?: (recipient: string) => boolean;
  /** The request the response answers; null: an unsolicited response, which must answer none. */
  inResponseTo?: string | null;
  /** Epoch milliseconds; without it, validity times are not checked. */
  now?: number;
}

/** The checks SAML 2.0's Web Browser SSO profile asks of a service provider, beyond the signature. */
export function checkAssertion(envelope: SamlEnvelope, assertion: SamlAssertion, expect: AssertionExpectations): void {
  if (envelope.statusCode !== undefined && envelope.statusCode !== SUCCESS) throw new SamlFailure("status", `The IdP answered ${envelope.statusCode}.`);
  if (expect.issuer !== undefined && assertion.issuer !== expect.issuer) {
    throw new SamlFailure("issuer", `The assertion's issuer ${assertion.issuer ?? "(none)"} is not ${expect.issuer}.`);
  }
  const accepts = expect.audience;
  if (accepts && !assertion.audiences.some((audience) => accepts(audience))) {
    throw new SamlFailure("audience", `The assertion's audience ${assertion.audiences.join(", ") || "(none)"} is not this service provider.`);
  }
  const recipientOk = expect.recipient;
  if (recipientOk && assertion.recipient !== undefined && !recipientOk(assertion.recipient)) {
    throw new SamlFailure("recipient", `The assertion's recipient ${assertion.recipient} is not this service provider.`);
  }
  checkTimes(assertion, expect.now);
  if (expect.inResponseTo === undefined) return;
  const answered = [envelope.inResponseTo, assertion.confirmationInResponseTo].filter((id): id is string => id !== undefined);
  if (expect.inResponseTo === null ? answered.length > 0 : answered.length === 0 || answered.some((id) => id !== expect.inResponseTo)) {
    throw new SamlFailure("inResponseTo", `The response answers ${answered.join(", ") || "no request"}.`);
  }
}

/** NotBefore and NotOnOrAfter of the conditions and of the bearer confirmation, against `now` (epoch ms). */
export function checkTimes(assertion: SamlAssertion, now: number | undefined): void {
  if (now === undefined) return;
  if ((assertion.notBefore !== undefined && now < assertion.notBefore) || (assertion.confirmationNotBefore !== undefined && now < assertion.confirmationNotBefore)) {
    throw new SamlFailure("notYetValid", "The assertion is not yet valid.");
  }
  if ((assertion.notOnOrAfter !== undefined && now >= assertion.notOnOrAfter) || (assertion.confirmationNotOnOrAfter !== undefined && now >= assertion.confirmationNotOnOrAfter)) {
    throw new SamlFailure("expired", "The assertion has expired.");
  }
}

async function responseRoot(base64: string): Promise<XmlElement> {
  const xml = decodeSamlResponse(base64);
  const root = xml === undefined ? undefined : await parseXml(xml, { fromRequest: true });
  if (root?.localName !== "Response" || root.namespaceURI !== SAML_PROTOCOL) throw new SamlFailure("malformed", "The response is not a base64 SAML 2.0 Response.");
  return root;
}

function envelopeOf(root: XmlElement): SamlEnvelope {
  const status = child(root, SAML_PROTOCOL, "Status");
  return {
    inResponseTo: attributeOf(root, "InResponseTo"),
    destination: attributeOf(root, "Destination"),
    issuer: textOf(child(root, SAML_ASSERTION, "Issuer")),
    statusCode: attributeOf(status && child(status, SAML_PROTOCOL, "StatusCode"), "Value"),
    encrypted: children(root, SAML_ASSERTION, "EncryptedAssertion").length > 0,
  };
}

function assertionOf(node: XmlElement): SamlAssertion {
  const subject = child(node, SAML_ASSERTION, "Subject");
  const nameIdNode = subject && child(subject, SAML_ASSERTION, "NameID");
  const nameId = textOf(nameIdNode);
  if (!nameId) throw new SamlFailure("malformed", "The assertion has no Subject NameID.");
  const bearer = (subject ? children(subject, SAML_ASSERTION, "SubjectConfirmation") : []).find((c) => attributeOf(c, "Method") === BEARER);
  const confirmation = bearer && child(bearer, SAML_ASSERTION, "SubjectConfirmationData");
  const conditions = child(node, SAML_ASSERTION, "Conditions");
  const audiences = (conditions ? children(conditions, SAML_ASSERTION, "AudienceRestriction") : [])
    .flatMap((restriction) => children(restriction, SAML_ASSERTION, "Audience"))
    .map((audience) => textOf(audience))
    .filter((audience): audience is string => audience !== undefined);
  const authn = child(node, SAML_ASSERTION, "AuthnStatement");
  const attributes: Record<string, string[]> = {};
  for (const statement of children(node, SAML_ASSERTION, "AttributeStatement")) {
    for (const attribute of children(statement, SAML_ASSERTION, "Attribute")) {
      const name = attributeOf(attribute, "Name");
      if (!name) continue;
      const values = children(attribute, SAML_ASSERTION, "AttributeValue").map((value) => value.textContent?.trim() ?? "");
      attributes[name] = [...(attributes[name] ?? []), ...values];
    }
  }
  return {
    id: attributeOf(node, "ID"),
    issuer: textOf(child(node, SAML_ASSERTION, "Issuer")),
    nameId,
    nameIdFormat: attributeOf(nameIdNode, "Format"),
    issueInstant: instantOf(node, "IssueInstant"),
    notBefore: instantOf(conditions, "NotBefore"),
    notOnOrAfter: instantOf(conditions, "NotOnOrAfter"),
    audiences,
    recipient: attributeOf(confirmation, "Recipient"),
    confirmationNotBefore: instantOf(confirmation, "NotBefore"),
    confirmationNotOnOrAfter: instantOf(confirmation, "NotOnOrAfter"),
    confirmationInResponseTo: attributeOf(confirmation, "InResponseTo"),
    sessionIndex: attributeOf(authn, "SessionIndex"),
    sessionNotOnOrAfter: instantOf(authn, "SessionNotOnOrAfter"),
    attributes,
  };
}

/** node-saml's refusals, by what they are about. */
function failureOf(error: unknown): SamlFailure {
  if (error instanceof SamlFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SamlStatusError) return new SamlFailure("status", message);
  if (/signature/i.test(message)) return new SamlFailure("signature", message);
  if (/decrypt|encrypt/i.test(message)) return new SamlFailure("decryption", message);
  return new SamlFailure("malformed", message);
}
