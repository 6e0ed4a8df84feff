import type { CreateIdentityPoolInput, RoleMapping } from "@aws-sdk/client-cognito-identity";

/**
 * An identity pool, as fixtures and the API both write it into the `identityPools` table: the
 * CreateIdentityPool input, its id, and what SetIdentityPoolRoles sets.
 */
export type IdentityPoolRecord = CreateIdentityPoolInput & {
  IdentityPoolId: string;
  /** `authenticated` / `unauthenticated` -> role ARN. */
  Roles?: Record<string, string>;
  RoleMappings?: Record<string, RoleMapping>;
};

/** A login linked to an identity: the provider (a Logins key) and who the user is there. */
export interface LinkedLogin {
  Provider: string;
  Subject: string;
}

/** An identity of an identity pool; authenticated when it has logins. Dates are epoch ms. */
export interface IdentityRecord {
  IdentityId: string;
  IdentityPoolId: string;
  Logins: LinkedLogin[];
  CreationDate: number;
  LastModifiedDate: number;
  /** Merged into this identity: the record stays (ListIdentities shows it) but is disabled. */
  MergedInto?: string;
}

/** SetPrincipalTagAttributeMap's mapping for one provider of one pool. */
export interface PrincipalTagMapRecord {
  IdentityPoolId: string;
  IdentityProviderName: string;
  UseDefaults: boolean;
  PrincipalTags: Record<string, string>;
}
