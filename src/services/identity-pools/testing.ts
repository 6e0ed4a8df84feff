import { emulatorIssuer, POOL_ID, StoppedClock, tokenTestbed, type TokenTestbed } from "../../tokens/testing";
import type { OperationContext } from "../operation";
import type { IdentityPoolRecord } from "./records";
import { identityPools } from "./tables";

/** Test support: the token testbed's user pool (pool, client, user in groups with roles), wrapped as Services. */

export const IDENTITY_POOL_ID = "us-east-1:00000000-0000-4000-8000-000000000001";
export const USER_POOL_PROVIDER = `cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
export const AUTH_ROLE = "arn:aws:iam::123456789012:role/Authenticated";
export const UNAUTH_ROLE = "arn:aws:iam::123456789012:role/Guest";

export interface IdentityTestbed extends TokenTestbed {
  ctx(overrides?: Partial<OperationContext>): OperationContext;
  /** Puts an identity pool (the testbed's user pool and client as provider, both roles) with the given changes. */
  putPool(changes?: Partial<IdentityPoolRecord>): IdentityPoolRecord;
  idToken(): Promise<string>;
}

export function identityTestbed(options: { issuerFor?: (poolId: string) => string } = {}): IdentityTestbed {
  const issuerFor = options.issuerFor ?? emulatorIssuer;
  const bed = tokenTestbed({ clock: new StoppedClock(), issuerFor });
  const { services } = bed;
  return {
    ...bed,
    services,
    ctx: (overrides = {}) => ({ region: "us-east-1", requestId: "test", services, logFields: {}, headers: {}, ...overrides }),
    putPool(changes = {}) {
      const pool: IdentityPoolRecord = {
        IdentityPoolId: IDENTITY_POOL_ID,
        IdentityPoolName: "test",
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL_PROVIDER, ClientId: bed.client.ClientId }],
        Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE },
        ...changes,
      };
      identityPools.save(services, pool);
      return pool;
    },
    async idToken() {
      const tokens = await bed.tokens.issue({ pool: bed.pool, client: bed.client, user: bed.user, groups: bed.groups, withRefreshToken: false });
      return tokens.IdToken;
    },
  };
}

/** The ServiceError a call throws (sync or async), for matching on code and message. */
export async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
