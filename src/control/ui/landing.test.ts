import { createServices } from "../../services/services";
import { landingHtml, landingInfo } from "./landing";

describe("landing page HTML", () => {
  it("escapes every value that comes from fixtures", () => {
    const info = landingInfo(createServices(), { poolId: "us-east-1_X", clientId: "c", username: "<img src=x onerror=alert(1)>", password: "a'b\"c&d" }, "http://localhost:9229");
    info.userPools.push({ Id: "us-east-1_X", Name: "<script>alert(1)</script>", issuer: "i", jwksUri: "j", users: 0, clients: [{ ClientId: "c", ClientName: "</code><b>" }] });
    const html = landingHtml(info);
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("</code><b>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("a&#39;b&quot;c&amp;d");
  });
});
