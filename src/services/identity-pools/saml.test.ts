import { readSamlAssertion } from "../sts/saml";
import { openingTagAttributes, parseSamlResponse } from "./saml";

const base64 = (xml: string) => Buffer.from(xml).toString("base64");

/** Tags as a regular expression would find them: the scanner must find the same, in linear time. */
const tagRegex = (name: string) => new RegExp(`<(?:[\\w-]+:)?${name}\\b([^>]*)>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`, "g");

function viaRegex(xml: string) {
  const assertion = tagRegex("Assertion").exec(xml)?.[2];
  if (!assertion) return undefined;
  const nameId = tagRegex("NameID").exec(assertion)?.[2].trim();
  if (!nameId) return undefined;
  const attributes: Record<string, string[]> = {};
  for (const match of assertion.matchAll(tagRegex("Attribute"))) {
    const name = /\bName="([^"]+)"/.exec(match[1])?.[1];
    if (name) attributes[name] = [...match[2].matchAll(tagRegex("AttributeValue"))].map((v) => v[2].trim());
  }
  return { issuer: tagRegex("Issuer").exec(assertion)?.[2].trim(), nameId, attributes };
}

describe("SAML response scanner", () => {
  it("reads prefixed and unprefixed elements", () => {
    const xml =
      '<samlp:Response><saml2:Assertion IssueInstant="2024-01-01T00:00:00Z"><saml2:Issuer> idp </saml2:Issuer><saml2:Subject>' +
      '<saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice</saml2:NameID></saml2:Subject>' +
      '<Conditions NotOnOrAfter="2030-01-01T00:00:00Z"/><AttributeStatement><Attribute Name="email"><AttributeValue>a@example.com</AttributeValue>' +
      '<AttributeValue> b@example.com </AttributeValue></Attribute><Attribute Name="amp"><AttributeValue>x &amp; y</AttributeValue></Attribute>' +
      "</AttributeStatement></saml2:Assertion></samlp:Response>";
    expect(parseSamlResponse(base64(xml))).toEqual({
      issuer: "idp",
      nameId: "alice",
      notOnOrAfter: Date.parse("2030-01-01T00:00:00Z") / 1000,
      attributes: { email: ["a@example.com", "b@example.com"], amp: ["x & y"] },
    });
    expect(readSamlAssertion(base64(xml))).toMatchObject({ nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", issueInstant: Date.parse("2024-01-01T00:00:00Z") / 1000 });
    expect(openingTagAttributes("<x:NameIDs a><x:NameID b='1'>", "NameID")).toBe(" b='1'");
    expect(openingTagAttributes("<NameID:x c>", "NameID")).toBe(":x c");
  });

  it("finds the same elements as the tag expression on every short combination of its tokens", () => {
    const tokens = ["<Assertion>", "</Assertion>", "<p:Attribute", ' Name="n">', "</Attribute>", "<NameID>", "</q:NameID>", "v", "<AttributeValue>", "</AttributeValue>", ">", "<"];
    let level = [""];
    const differing: string[] = [];
    let compared = 0;
    for (let length = 1; length <= 5; length++) {
      const next: string[] = [];
      for (const prefix of level) {
        for (const token of tokens) {
          const xml = prefix + token;
          next.push(xml);
          const ours = parseSamlResponse(base64(xml));
          const expected = viaRegex(xml);
          compared++;
          if (JSON.stringify(ours && { issuer: ours.issuer, nameId: ours.nameId, attributes: ours.attributes }) !== JSON.stringify(expected)) differing.push(xml);
        }
      }
      level = next;
    }
    expect(compared).toBeGreaterThan(200_000);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it("reads the largest hostile response a request can carry in linear time", () => {
    const max = 100_000; // AssumeRoleWithSAML's SAMLAssertion, base64
    const size = Math.floor((max * 3) / 4);
    const fill = (unit: string, prefix = "", suffix = "") => prefix + unit.repeat(Math.ceil(size / unit.length)).slice(0, size - prefix.length - suffix.length) + suffix;
    const open = "<Assertion><NameID>a</NameID>";
    const hostile = [
      fill("<Assertion>"),
      fill("<Assertion"),
      fill("<a:Assertion "),
      fill("<Attribute>", open, "</Assertion>"),
      fill('<Attribute Name="x"><AttributeValue>', open, "</Attribute></Assertion>"),
      fill("</a:b:Assertion", "<Assertion>"),
      fill("<SubjectConfirmationData"),
    ];
    const slow: string[] = [];
    for (const xml of hostile) {
      const encoded = base64(xml);
      const started = performance.now();
      readSamlAssertion(encoded);
      const ms = performance.now() - started;
      if (ms > 200) slow.push(`${xml.slice(0, 30)}...: ${ms.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
