import { mapAttributes } from "./attribute-mapping";

describe("attribute mapping", () => {
  it("maps provider claims to pool attributes as strings, leaving out username and missing claims", () => {
    const mapping = { username: "sub", email: "email", email_verified: "email_verified", "custom:groups": "groups", name: "name" };
    expect(mapAttributes(mapping, { sub: "1", email: "a@example.com", email_verified: true, groups: ["a", "b"] })).toEqual({
      email: "a@example.com",
      email_verified: "true",
      "custom:groups": '["a","b"]',
    });
  });
});
