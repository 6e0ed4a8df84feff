import { grantedScopes, parseScopes, scopeReleases } from "./scopes";

describe("OAuth scopes", () => {
  const allowed = ["openid", "email", "profile", "api/read"];

  it("grants what is asked when the client allows it, or everything the client allows when nothing is asked", () => {
    expect(grantedScopes(parseScopes("openid  email"), allowed)).toEqual(["openid", "email"]);
    expect(grantedScopes([], allowed)).toEqual(allowed);
    expect(grantedScopes(["api/write"], allowed)).toBeUndefined();
  });

  it("refuses email, phone and profile without openid", () => {
    expect(grantedScopes(["email"], allowed)).toBeUndefined();
    expect(grantedScopes(["api/read"], allowed)).toEqual(["api/read"]);
  });

  it("releases userInfo attributes by scope", () => {
    expect(scopeReleases(["openid"], "custom:tier")).toBe(true);
    expect(scopeReleases(["openid", "email"], "email_verified")).toBe(true);
    expect(scopeReleases(["openid", "email"], "name")).toBe(false);
    expect(scopeReleases(["openid", "profile"], "custom:tier")).toBe(true);
    expect(scopeReleases(["openid", "profile"], "phone_number")).toBe(false);
    expect(scopeReleases(["openid", "phone", "aws.cognito.signin.user.admin"], "phone_number_verified")).toBe(true);
  });
});
