import { createIdentity, describeIdentity, identityOfLogin, linkLogins, mergeIdentities, requireIdentity, settleIdentity } from "./identities";
import { errorOf, identityTestbed, USER_POOL_PROVIDER } from "./testing";

const google = (sub: string) => ({ Provider: "accounts.google.com", Subject: sub });
const userPool = (sub: string) => ({ Provider: USER_POOL_PROVIDER, Subject: sub });
const developer = (id: string) => ({ Provider: "login.example", Subject: id });

function setup() {
  const bed = identityTestbed();
  const pool = bed.putPool({ DeveloperProviderName: "login.example" });
  return { services: bed.services, pool, clock: bed.clock };
}

describe("identities", () => {
  it("makes one identity per user: the same login finds the same identity", () => {
    const { services, pool } = setup();
    const first = settleIdentity(services, pool, undefined, [userPool("u1")]);
    expect(first.IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(settleIdentity(services, pool, undefined, [userPool("u1")]).IdentityId).toBe(first.IdentityId);
    expect(settleIdentity(services, pool, undefined, [userPool("u2")]).IdentityId).not.toBe(first.IdentityId);
    expect(identityOfLogin(services, pool.IdentityPoolId, userPool("u1"))?.IdentityId).toBe(first.IdentityId);
  });

  it("links new logins to the identity, one user per public provider", async () => {
    const { services, pool } = setup();
    const identity = settleIdentity(services, pool, undefined, [userPool("u1"), google("g1")]);
    expect(describeIdentity(identity).Logins).toEqual([USER_POOL_PROVIDER, "accounts.google.com"]);
    expect(await errorOf(() => linkLogins(services, pool, identity, [google("g2")]))).toMatchObject({ code: "ResourceConflictException" });
    const twoDevelopers = linkLogins(services, pool, identity, [developer("a"), developer("b")]);
    expect(twoDevelopers.Logins).toHaveLength(4);
  });

  it("merges identities whose logins arrive together; the first login's owner stays, the other is disabled", () => {
    const { services, pool } = setup();
    const a = createIdentity(services, pool, [userPool("u1")]);
    const b = createIdentity(services, pool, [google("g1")]);
    const merged = settleIdentity(services, pool, undefined, [userPool("u1"), google("g1")]);
    expect(merged.IdentityId).toBe(a.IdentityId);
    expect(merged.Logins).toEqual([userPool("u1"), google("g1")]);
    expect(requireIdentity(services, b.IdentityId)).toMatchObject({ Logins: [], MergedInto: a.IdentityId });
    expect(identityOfLogin(services, pool.IdentityPoolId, google("g1"))?.IdentityId).toBe(a.IdentityId);
  });

  it("refuses to merge two users of the same provider", async () => {
    const { services, pool } = setup();
    const a = createIdentity(services, pool, [google("g1")]);
    const b = createIdentity(services, pool, [google("g2")]);
    expect(await errorOf(() => mergeIdentities(services, pool, a, b))).toMatchObject({ code: "ResourceConflictException" });
  });

  it("describes an identity with its providers and dates", () => {
    const { services, pool, clock } = setup();
    const identity = createIdentity(services, pool, [userPool("u1")]);
    expect(describeIdentity(identity)).toEqual({
      IdentityId: identity.IdentityId,
      Logins: [USER_POOL_PROVIDER],
      CreationDate: clock.date(),
      LastModifiedDate: clock.date(),
    });
    expect(describeIdentity(createIdentity(services, pool))).not.toHaveProperty("Logins");
  });
});
