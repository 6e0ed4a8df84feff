import { servicesTestbed } from "../../testing";
import { createClient, deleteClient } from "./clients";
import { createPool, deletePool } from "./pools";
import { createTerms, requireTerms, termsInPool, updateTerms } from "./terms";

describe("terms documents", () => {
  const { services } = servicesTestbed();
  const pool = createPool(services, "us-east-1", { PoolName: "terms" });
  const web = createClient(services, pool, { ClientName: "web" });
  const mobile = createClient(services, pool, { ClientName: "mobile" });
  const document = (TermsName: string) => ({ TermsName, TermsSource: "LINK" as const, Enforcement: "NONE" as const, Links: { "cognito:default": "https://example.com" } });

  it("allows each name once per client, and again for another client", () => {
    createTerms(services, web, document("terms-of-use"));
    expect(() => createTerms(services, web, document("terms-of-use"))).toThrow(expect.objectContaining({ code: "TermsExistsException" }));
    expect(createTerms(services, mobile, document("terms-of-use")).ClientId).toBe(mobile.ClientId);
  });

  it("keeps what an update leaves out, and stamps the change", () => {
    const terms = createTerms(services, web, document("privacy-policy"));
    services.clock.advance(5);
    const updated = updateTerms(services, terms, { UserPoolId: pool.Id, TermsId: terms.TermsId, Links: { "cognito:french": "https://example.fr" } });
    expect(updated).toEqual({ ...terms, Links: { "cognito:french": "https://example.fr" }, LastModifiedDate: expect.any(Number) });
    expect(updated.LastModifiedDate - terms.LastModifiedDate).toBeGreaterThanOrEqual(5000);
  });

  it("forgets the terms of a deleted client", () => {
    deleteClient(services, mobile);
    expect(termsInPool(services, pool.Id).map((terms) => terms.ClientId)).toEqual([web.ClientId, web.ClientId]);
    deletePool(services, pool);
    expect(termsInPool(services, pool.Id)).toEqual([]);
    expect(() => requireTerms(services, pool.Id, "00000000-0000-4000-8000-000000000000")).toThrow(expect.objectContaining({ code: "ResourceNotFoundException" }));
  });
});
