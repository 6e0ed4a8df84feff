// node-saml's own XML layer (@xmldom/xmldom behind an error-checking parser, and xpath), so SAML documents
// are read by the same parser that checks their signatures and the project depends on node-saml alone.
import { parseDomFromString, xpath } from "@node-saml/node-saml/lib/xml";

/** The part of a DOM element SAML reading needs (the project compiles without the DOM library). */
export interface XmlElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  toString(): string;
}

export const SAML_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
export const SAML_ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
export const SAML_METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";
export const XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

/** A well-formed document's root element; undefined for anything else (no DTDs, no junk). */
export async function parseXml(text: string): Promise<XmlElement | undefined> {
  if (text.length === 0 || /<!DOCTYPE/i.test(text)) return undefined;
  try {
    const doc = (await parseDomFromString(text)) as unknown as { documentElement: XmlElement | null };
    return doc.documentElement ?? undefined;
  } catch {
    return undefined;
  }
}

/** Elements an XPath expression selects from `node`. */
export function select(node: XmlElement, expression: string): XmlElement[] {
  return xpath.selectElements(node as never, expression) as unknown as XmlElement[];
}

/** `./ns:name` children of `node`, by namespace and local name. */
export function children(node: XmlElement, namespace: string, name: string): XmlElement[] {
  return select(node, `./*[local-name(.)='${name}' and namespace-uri(.)='${namespace}']`);
}

export function child(node: XmlElement, namespace: string, name: string): XmlElement | undefined {
  return children(node, namespace, name)[0];
}

/** Trimmed text of an element, undefined when absent or empty. */
export function textOf(node: XmlElement | undefined): string | undefined {
  const text = node?.textContent?.trim();
  return text ? text : undefined;
}

/** An attribute's value, undefined when absent. */
export function attributeOf(node: XmlElement | undefined, name: string): string | undefined {
  const value = node?.getAttribute(name);
  return value === null || value === undefined || value === "" ? undefined : value;
}

/** An xs:dateTime attribute as epoch milliseconds; undefined when absent or not a date. */
export function instantOf(node: XmlElement | undefined, name: string): number | undefined {
  const value = attributeOf(node, name);
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
