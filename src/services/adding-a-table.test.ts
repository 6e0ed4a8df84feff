import { sweepExpired } from "../server/sweeper";
import { declareTable, ownedBy } from "../store/schema";
import { servicesTestbed } from "./testing";
import { createPool, deletePool } from "./user-pools/directory/pools";
import type { UserRecord } from "./user-pools/directory/records";
import { userRefOf, users } from "./user-pools/directory/tables";
import { createUser, removeUser } from "./user-pools/directory/users";

/**
 * State a new operation might add: a user's pending nudges, each useless after a minute. Its declaration
 * is all it takes for deleting the user (or the user's pool) to remove its rows and for the sweeper to
 * drop expired ones: no cascade, sweeper or fixture code names it.
 */
interface Nudge {
  UserPoolId: string;
  Sub: string;
  Id: string;
  /** Epoch ms. */
  ExpiresAt: number;
}

const nudges = declareTable<Nudge>({
  name: "nudges",
  key: (nudge) => `${userRefOf(nudge)}/${nudge.Id}`,
  indexes: { byUser: (nudge) => userRefOf(nudge) },
  expiry: { field: "ExpiresAt", unit: "ms" },
  owners: [ownedBy(users, { index: "byUser", by: userRefOf })],
});

function testbed() {
  const { services } = servicesTestbed();
  const pool = createPool(services, "us-east-1", { PoolName: "nudged" });
  const other = createPool(services, "us-east-1", { PoolName: "kept" });
  const userIn = (poolId: string, Username: string) =>
    createUser(services, services.tables.pools.get(poolId)!, { Username, Attributes: {}, UserStatus: "CONFIRMED" });
  const nudge = (user: UserRecord, Id: string, inMs = 60_000) =>
    nudges.save(services, { UserPoolId: user.UserPoolId, Sub: user.Sub, Id, ExpiresAt: services.clock.now() + inMs });
  const ids = () => [...nudges.open(services).values()].map((row) => row.Id);
  return { services, pool, other, userIn, nudge, ids };
}

describe("a table added with nothing but its declaration", () => {
  it("loses its rows with their user's pool", () => {
    const { services, pool, other, userIn, nudge, ids } = testbed();
    nudge(userIn(pool.Id, "ann"), "a1");
    nudge(userIn(pool.Id, "bob"), "b1");
    nudge(userIn(other.Id, "cid"), "c1");
    deletePool(services, pool);
    expect(ids()).toEqual(["c1"]);
  });

  it("loses its rows with their user", () => {
    const { services, pool, userIn, nudge, ids } = testbed();
    const ann = userIn(pool.Id, "ann");
    nudge(ann, "a1");
    nudge(ann, "a2");
    nudge(userIn(pool.Id, "bob"), "b1");
    removeUser(services, ann);
    expect(ids()).toEqual(["b1"]);
  });

  it("is swept once its rows expire", () => {
    const { services, pool, userIn, nudge, ids } = testbed();
    const ann = userIn(pool.Id, "ann");
    nudge(ann, "soon", 1_000);
    nudge(ann, "later", 120_000);
    expect(sweepExpired(services)).toBe(0);
    services.clock.advance(1);
    expect(sweepExpired(services)).toBe(1);
    expect(ids()).toEqual(["later"]);
  });
});
