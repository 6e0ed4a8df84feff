import type { RoleMapping } from "@aws-sdk/client-cognito-identity";
import type { IdentityPoolRecord } from "./records";
import { chooseRole, INVALID_CONFIGURATION, type RoleSource, ruleMatches } from "./roles";

const AUTH = "arn:aws:iam::123456789012:role/Auth";
const GUEST = "arn:aws:iam::123456789012:role/Guest";
const ADMIN = "arn:aws:iam::123456789012:role/Admin";
const EDITOR = "arn:aws:iam::123456789012:role/Editor";
const PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Roles0001:client1";

const poolWith = (mapping?: RoleMapping, roles: Record<string, string> = { authenticated: AUTH, unauthenticated: GUEST }): IdentityPoolRecord => ({
  IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000001",
  IdentityPoolName: "roles",
  AllowUnauthenticatedIdentities: true,
  Roles: roles,
  RoleMappings: mapping ? { [PROVIDER]: mapping } : undefined,
});
const source = (changes: Partial<RoleSource> = {}): RoleSource => ({ mappingKeys: [PROVIDER], claims: {}, roles: [], ...changes });
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
};

describe("chooseRole", () => {
  it("gives guests the unauthenticated role and users the authenticated one, or says the pool is misconfigured", () => {
    expect(chooseRole(poolWith(), false, [])).toBe(GUEST);
    expect(chooseRole(poolWith(), true, [source()])).toBe(AUTH);
    expect(thrown(() => chooseRole(poolWith(undefined, { authenticated: AUTH }), false, []))).toMatchObject({
      code: "InvalidIdentityPoolConfigurationException",
      message: INVALID_CONFIGURATION,
    });
    expect(thrown(() => chooseRole(poolWith(undefined, {}), true, [source()]))).toMatchObject({ code: "InvalidIdentityPoolConfigurationException" });
  });

  it("takes the role from the token: CustomRoleArn among cognito:roles, else cognito:preferred_role, else the ambiguity rule", () => {
    const deny = poolWith({ Type: "Token", AmbiguousRoleResolution: "Deny" });
    const fallBack = poolWith({ Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" });
    const both = source({ roles: [ADMIN, EDITOR] });
    expect(chooseRole(deny, true, [{ ...both, preferredRole: ADMIN }])).toBe(ADMIN);
    expect(chooseRole(deny, true, [{ ...both, preferredRole: ADMIN }], EDITOR)).toBe(EDITOR);
    expect(thrown(() => chooseRole(deny, true, [both], AUTH))).toMatchObject({ code: "NotAuthorizedException" });
    expect(thrown(() => chooseRole(deny, true, [both]))).toMatchObject({ code: "NotAuthorizedException", message: "The ambiguous role mapping rules denied this request." });
    expect(chooseRole(fallBack, true, [both])).toBe(AUTH);
    expect(chooseRole(fallBack, true, [source()])).toBe(AUTH);
  });

  it("applies the first matching rule, in order", () => {
    const rules = poolWith({
      Type: "Rules",
      AmbiguousRoleResolution: "Deny",
      RulesConfiguration: {
        Rules: [
          { Claim: "cognito:groups", MatchType: "Contains", Value: "admin", RoleARN: ADMIN },
          { Claim: "custom:tier", MatchType: "Equals", Value: "gold", RoleARN: EDITOR },
        ],
      },
    });
    expect(chooseRole(rules, true, [source({ claims: { "cognito:groups": ["users", "superadmins"], "custom:tier": "gold" } })])).toBe(ADMIN);
    expect(chooseRole(rules, true, [source({ claims: { "custom:tier": "gold" } })])).toBe(EDITOR);
    expect(chooseRole(rules, true, [source({ claims: { "cognito:groups": ["admins"], "custom:tier": "gold" } })], EDITOR)).toBe(EDITOR);
    expect(thrown(() => chooseRole(rules, true, [source({ claims: { "custom:tier": "silver" } })]))).toMatchObject({ code: "NotAuthorizedException" });
  });

  it("uses a mapping only for the provider it names", () => {
    const pool = poolWith({ Type: "Token", AmbiguousRoleResolution: "Deny" });
    expect(chooseRole(pool, true, [source({ mappingKeys: ["accounts.google.com"] })])).toBe(AUTH);
  });
});

describe("ruleMatches", () => {
  const rule = (MatchType: "Equals" | "Contains" | "StartsWith" | "NotEqual", Value: string) => ({ Claim: "dept", MatchType, Value, RoleARN: ADMIN });
  it.each([
    ["Equals", "sales", "sales", true],
    ["Equals", "sales", "Sales", false],
    ["Contains", "ale", "sales", true],
    ["StartsWith", "sa", "sales", true],
    ["StartsWith", "les", "sales", false],
    ["NotEqual", "sales", "ops", true],
    ["NotEqual", "sales", "sales", false],
  ] as const)("%s %s on %s is %s", (type, value, claim, expected) => {
    expect(ruleMatches(rule(type, value), { dept: claim })).toBe(expected);
  });

  it("never matches a missing claim, not even NotEqual", () => {
    expect(ruleMatches(rule("NotEqual", "sales"), {})).toBe(false);
  });

  it("reads booleans and numbers as their text", () => {
    expect(ruleMatches(rule("Equals", "true"), { dept: true })).toBe(true);
  });
});
