import { plainXmlShape } from "./xml";

describe("plainXmlShape: what a request's SAML document may look like before a parser reads it", () => {
  it("accepts SAML's shapes: declaration, namespaces, quoted '>' in attributes, CDATA, self-closing tags", () => {
    expect(plainXmlShape('<?xml version="1.0"?>\n<samlp:Response a="x>y"><saml:Assertion/><v><![CDATA[<not a tag>]]></v></samlp:Response>')).toBe(true);
    expect(plainXmlShape("<a><b c='1'>text &amp; more</b></a>")).toBe(true);
  });

  it("refuses comments, DTDs, processing instructions, unbalanced or too deep documents", () => {
    for (const xml of [
      "<a><!-- c --></a>",
      '<!DOCTYPE a [<!ENTITY x "y">]><a/>',
      "<a><?pi x?></a>",
      "<a><b></a></b>",
      "<a>",
      "</a>",
      "<a/><b/>",
      "text only",
      `${"<x>".repeat(51)}${"</x>".repeat(51)}`,
      '<a b="unterminated></a>',
    ]) {
      expect([xml.slice(0, 40), plainXmlShape(xml)]).toEqual([xml.slice(0, 40), false]);
    }
    expect(plainXmlShape(`${"<x>".repeat(50)}${"</x>".repeat(50)}`)).toBe(true);
  });
});
