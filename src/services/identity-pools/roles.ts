import type { MappingRule, RoleMapping } from "@aws-sdk/client-cognito-identity";
import { InvalidIdentityPoolConfiguration, NotAuthorized } from "../../errors";
import type { IdentityPoolRecord } from "./records";

export const INVALID_CONFIGURATION = "Invalid identity pool configuration. Check assigned IAM roles for this pool.";
const AMBIGUOUS_DENIED = "The ambiguous role mapping rules denied this request.";

/** What role selection reads from a login: where it came from, its claims, and the roles its token offers. */
export interface RoleSource {
  mappingKeys: string[];
  claims: Record<string, unknown>;
  roles: string[];
  preferredRole?: string;
}

/**
 * The role GetCredentialsForIdentity assumes. Guests get the unauthenticated role. Signed-in users get the
 * first of their logins' RoleMappings (Token: CustomRoleArn if the token offers it, else
 * cognito:preferred_role; Rules: the first matching rule, or CustomRoleArn among the matching ones), and
 * when the mapping cannot decide, AmbiguousRoleResolution: the authenticated role, or Deny. Without a
 * mapping, the authenticated role.
 */
export function chooseRole(pool: IdentityPoolRecord, authenticated: boolean, sources: RoleSource[], customRoleArn?: string): string {
  if (!authenticated) return defaultRole(pool, "unauthenticated");
  for (const source of sources) {
    const key = source.mappingKeys.find((k) => pool.RoleMappings?.[k]);
    if (key) return mappedRole(pool, pool.RoleMappings![key], source, customRoleArn);
  }
  return defaultRole(pool, "authenticated");
}

function mappedRole(pool: IdentityPoolRecord, mapping: RoleMapping, source: RoleSource, customRoleArn: string | undefined): string {
  if (mapping.Type === "Token") {
    if (customRoleArn !== undefined) {
      if (source.roles.includes(customRoleArn)) return customRoleArn;
      throw NotAuthorized("The CustomRoleArn is not one of the roles in the token.");
    }
    if (source.preferredRole) return source.preferredRole;
  } else {
    const matching = (mapping.RulesConfiguration?.Rules ?? []).filter((rule) => ruleMatches(rule, source.claims));
    if (customRoleArn !== undefined) {
      if (matching.some((rule) => rule.RoleARN === customRoleArn)) return customRoleArn;
      throw NotAuthorized("The CustomRoleArn does not match any role mapping rule.");
    }
    if (matching.length > 0) return matching[0].RoleARN!;
  }
  if (mapping.AmbiguousRoleResolution === "AuthenticatedRole") return defaultRole(pool, "authenticated");
  throw NotAuthorized(AMBIGUOUS_DENIED);
}

/** Equals, Contains, StartsWith, NotEqual on a claim; a list claim (cognito:groups) matches by any member; a missing claim never matches. */
export function ruleMatches(rule: MappingRule, claims: Record<string, unknown>): boolean {
  const value = claims[rule.Claim!];
  if (value === undefined || value === null) return false;
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  const expected = rule.Value!;
  switch (rule.MatchType) {
    case "Equals":
      return values.includes(expected);
    case "Contains":
      return values.some((v) => v.includes(expected));
    case "StartsWith":
      return values.some((v) => v.startsWith(expected));
    case "NotEqual":
      return !values.includes(expected);
    default:
      return false;
  }
}

function defaultRole(pool: IdentityPoolRecord, kind: "authenticated" | "unauthenticated"): string {
  const role = pool.Roles?.[kind];
  if (!role) throw InvalidIdentityPoolConfiguration(INVALID_CONFIGURATION);
  return role;
}
