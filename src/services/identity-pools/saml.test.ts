import { readUnverifiedResponse } from "../saml/responses";

const base64 = (xml: string) => Buffer.from(xml).toString("base64");

describe("SAML responses from identity pools and AssumeRoleWithSAML", () => {
  it("reads the largest hostile response a request can carry without holding up the event loop", async () => {
    const max = 100_000; // AssumeRoleWithSAML's SAMLAssertion, base64
    const size = Math.floor((max * 3) / 4);
    const fill = (unit: string, prefix = "", suffix = "") => prefix + unit.repeat(Math.ceil(size / unit.length)).slice(0, size - prefix.length - suffix.length) + suffix;
    const open = "<Response><Assertion><NameID>a</NameID>";
    const hostile = [
      fill("<Assertion>"),
      fill("<Assertion"),
      fill("<a:Assertion "),
      fill("<Attribute>", open, "</Assertion></Response>"),
      fill('<Attribute Name="x"><AttributeValue>', open, "</Attribute></Assertion></Response>"),
      fill("</a:b:Assertion", "<Assertion>"),
      fill("<SubjectConfirmationData"),
      fill("<!--", "<Response>"),
      fill("&amp;", "<Response><Assertion><NameID>", "</NameID></Assertion></Response>"),
    ];
    const slow: string[] = [];
    for (const xml of hostile) {
      const encoded = base64(xml);
      const started = performance.now();
      await readUnverifiedResponse(encoded).catch(() => undefined);
      const ms = performance.now() - started;
      // Generous for a loaded CI machine; a backtracking reader takes seconds here.
      if (ms > 500) slow.push(`${xml.slice(0, 30)}...: ${ms.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
