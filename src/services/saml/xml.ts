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

/** Deeper than any SAML message nests (a signed, encrypted assertion is about ten levels). */
const MAX_DEPTH = 50;

/**
 * Whether a document that came with a request has the plain shape of a SAML message, checked in one
 * linear pass before any parser sees it: balanced tags no deeper than MAX_DEPTH, and no comments, DTDs
 * or processing instructions beyond the XML declaration. The parser takes seconds on some malformed
 * inputs of the size a request may carry (a run of unclosed comments, thousands of nested or stray
 * tags), and comments inside signed SAML have been used to truncate values the signature covers.
 */
export function plainXmlShape(text: string): boolean {
  const open: string[] = [];
  let elements = 0;
  let i = 0;
  for (;;) {
    const lt = text.indexOf("<", i);
    if (lt === -1) break;
    if (text.startsWith("<?xml", lt) && lt === text.search(/\S/) && elements === 0) {
      const end = text.indexOf("?>", lt);
      if (end === -1) return false;
      i = end + 2;
      continue;
    }
    if (text.startsWith("<![CDATA[", lt) && open.length > 0) {
      const end = text.indexOf("]]>", lt + 9);
      if (end === -1) return false;
      i = end + 3;
      continue;
    }
    if (text[lt + 1] === "!" || text[lt + 1] === "?") return false;
    // The tag's end: the first '>' outside a quoted attribute value.
    let gt = lt + 1;
    let quote = "";
    for (; gt < text.length; gt++) {
      const c = text[gt];
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">") break;
      else if (c === "<") return false;
    }
    if (gt >= text.length) return false;
    if (text[lt + 1] === "/") {
      if (open.pop() !== text.slice(lt + 2, gt).trim()) return false;
    } else {
      const name = /^[^\s/>]+/.exec(text.slice(lt + 1, Math.min(gt, lt + 200)))?.[0];
      if (!name || (open.length === 0 && elements > 0)) return false;
      elements++;
      if (text[gt - 1] !== "/") {
        open.push(name);
        if (open.length > MAX_DEPTH) return false;
      }
    }
    i = gt + 1;
  }
  return elements > 0 && open.length === 0;
}

/**
 * A well-formed document's root element; undefined for anything else (no DTDs, no junk). Documents
 * that came with a request (`fromRequest`) must also have SAML's plain shape (see plainXmlShape).
 */
export async function parseXml(text: string, { fromRequest = false } = {}): Promise<XmlElement | undefined> {
  if (text.length === 0 || /<!DOCTYPE/i.test(text)) return undefined;
  if (fromRequest && !plainXmlShape(text)) return undefined;
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
