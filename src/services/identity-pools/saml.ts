/** What identity pools read from a SAML response: who the user is, until when, and the attributes. */
export interface SamlAssertion {
  issuer?: string;
  nameId: string;
  /** Epoch seconds, from Conditions/@NotOnOrAfter. */
  notOnOrAfter?: number;
  attributes: Record<string, string[]>;
}

export const SAML_ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";

const tag = (name: string) => `<(?:[\\w-]+:)?${name}\\b([^>]*)>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`;

/**
 * Reads a base64 SAML response (the Logins value for a SAML provider). The signature is not checked:
 * IAM keeps the provider's metadata, which the emulator does not have.
 */
export function parseSamlResponse(base64: string): SamlAssertion | undefined {
  let xml: string;
  try {
    xml = Buffer.from(base64, "base64").toString("utf8");
  } catch {
    return undefined;
  }
  const assertion = new RegExp(tag("Assertion")).exec(xml)?.[2];
  if (!assertion) return undefined;
  const nameId = new RegExp(tag("NameID")).exec(assertion)?.[2].trim();
  if (!nameId) return undefined;
  const conditions = /<(?:[\w-]+:)?Conditions\b([^>]*)>/.exec(assertion)?.[1] ?? "";
  const notOnOrAfter = /NotOnOrAfter="([^"]+)"/.exec(conditions)?.[1];
  const attributes: Record<string, string[]> = {};
  for (const match of assertion.matchAll(new RegExp(tag("Attribute"), "g"))) {
    const name = /\bName="([^"]+)"/.exec(match[1])?.[1];
    if (!name) continue;
    attributes[name] = [...match[2].matchAll(new RegExp(tag("AttributeValue"), "g"))].map((v) => decodeXml(v[2].trim()));
  }
  return {
    issuer: new RegExp(tag("Issuer")).exec(assertion)?.[2].trim(),
    nameId: decodeXml(nameId),
    notOnOrAfter: notOnOrAfter ? Math.floor(Date.parse(notOnOrAfter) / 1000) : undefined,
    attributes,
  };
}

/** The role ARNs a SAML Role attribute grants through `providerArn` ("role,provider" pairs, in either order). */
export function samlRoles(assertion: SamlAssertion, providerArn: string): string[] {
  const roles: string[] = [];
  for (const value of assertion.attributes[SAML_ROLE_ATTRIBUTE] ?? []) {
    const parts = value.split(",").map((p) => p.trim());
    const role = parts.find((p) => /:role\//.test(p));
    const provider = parts.find((p) => /:saml-provider\//.test(p));
    if (role && (!provider || provider === providerArn)) roles.push(role);
  }
  return roles;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, entity: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[entity]!);
}
