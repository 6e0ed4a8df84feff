/** What identity pools read from a SAML response: who the user is, until when, and the attributes. */
export interface SamlAssertion {
  issuer?: string;
  nameId: string;
  /** Epoch seconds, from Conditions/@NotOnOrAfter. */
  notOnOrAfter?: number;
  attributes: Record<string, string[]>;
}

export const SAML_ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";

/**
 * The SAML response is read with a small scanner rather than regular expressions: a tag-matching
 * expression rescans the rest of the document for every unclosed tag, which makes a hostile 100 kB
 * response cost seconds. Names may carry any namespace prefix (`<saml2:Assertion>`).
 */
interface Element {
  /** What follows the name in the opening tag. */
  attributes: string;
  content: string;
  /** Just past the closing tag. */
  end: number;
}

const isNameChar = (code: number) => isWordChar(code) || code === 0x2d;
const isWordChar = (code: number) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;

/** Where `name`, optionally prefixed, ends if it starts at `at` (just past `<` or `</`); -1 if it does not. */
function nameEnd(xml: string, at: number, name: string, whole: (end: number) => boolean): number {
  let prefixEnd = at;
  while (prefixEnd < xml.length && isNameChar(xml.charCodeAt(prefixEnd))) prefixEnd++;
  for (const start of prefixEnd > at && xml[prefixEnd] === ":" ? [prefixEnd + 1, at] : [at]) {
    if (xml.startsWith(name, start) && whole(start + name.length)) return start + name.length;
  }
  return -1;
}

/** The first opening tag of `name` from `from`: where its name ends and its closing `>` is. */
function openingTag(xml: string, name: string, from: number): { nameEnd: number; close: number } | undefined {
  for (let lt = xml.indexOf("<", from); lt !== -1; lt = xml.indexOf("<", lt + 1)) {
    const end = nameEnd(xml, lt + 1, name, (after) => after >= xml.length || !isWordChar(xml.charCodeAt(after)));
    if (end === -1) continue;
    // A later opening tag would close at the same or a later '>', so the first decides.
    const close = xml.indexOf(">", end);
    return close === -1 ? undefined : { nameEnd: end, close };
  }
  return undefined;
}

/** The attributes of the first opening tag of `name`. */
export function openingTagAttributes(xml: string, name: string): string | undefined {
  const tag = openingTag(xml, name, 0);
  return tag && xml.slice(tag.nameEnd, tag.close);
}

/** The first element `name` from `from`, up to the first closing tag of that name. */
function element(xml: string, name: string, from = 0): Element | undefined {
  const tag = openingTag(xml, name, from);
  if (!tag) return undefined;
  for (let lt = xml.indexOf("</", tag.close + 1); lt !== -1; lt = xml.indexOf("</", lt + 2)) {
    const end = nameEnd(xml, lt + 2, name, (after) => xml[after] === ">");
    if (end !== -1) return { attributes: xml.slice(tag.nameEnd, tag.close), content: xml.slice(tag.close + 1, lt), end: end + 1 };
  }
  return undefined;
}

function elements(xml: string, name: string): Element[] {
  const found: Element[] = [];
  for (let next = element(xml, name); next; next = element(xml, name, next.end)) found.push(next);
  return found;
}

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
  const assertion = element(xml, "Assertion")?.content;
  if (!assertion) return undefined;
  const nameId = element(assertion, "NameID")?.content.trim();
  if (!nameId) return undefined;
  const conditions = openingTagAttributes(assertion, "Conditions") ?? "";
  const notOnOrAfter = /NotOnOrAfter="([^"]+)"/.exec(conditions)?.[1];
  const attributes: Record<string, string[]> = {};
  for (const attribute of elements(assertion, "Attribute")) {
    const name = /\bName="([^"]+)"/.exec(attribute.attributes)?.[1];
    if (!name) continue;
    attributes[name] = elements(attribute.content, "AttributeValue").map((v) => decodeXml(v.content.trim()));
  }
  return {
    issuer: element(assertion, "Issuer")?.content.trim(),
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
