import type { Services } from "../../services";
import {
  addToGroup,
  createGroup,
  deleteGroup,
  groupsOfUser,
  MAX_GROUPS_PER_POOL,
  MAX_GROUPS_PER_USER,
  membersOf,
  removeFromGroup,
  requireGroup,
  toGroupType,
  updateGroup,
} from "./groups";
import { createPool } from "./pools";
import { createUser } from "./users";
import { servicesTestbed } from "../../testing";

function testServices(): Services {
  return servicesTestbed().services;
}

const ROLE = "arn:aws:iam::123456789012:role/Admin";

describe("groups", () => {
  const services = testServices();
  const pool = createPool(services, "us-east-1", { PoolName: "groups" });
  const user = (Username: string) => createUser(services, pool, { Username, Attributes: {}, UserStatus: "CONFIRMED" });
  const reload = (name: string) => services.tables.users.get(services.tables.userKey(pool.Id, name))!;

  it("creates a group once, with the settings given", () => {
    const group = createGroup(services, pool, { UserPoolId: pool.Id, GroupName: "admins", Precedence: 1, RoleArn: ROLE, Description: "Admins" });
    expect(toGroupType(group)).toEqual({
      GroupName: "admins",
      UserPoolId: pool.Id,
      Description: "Admins",
      RoleArn: ROLE,
      Precedence: 1,
      LastModifiedDate: new Date(group.LastModifiedDate),
      CreationDate: new Date(group.CreationDate),
    });
    expect(() => createGroup(services, pool, { UserPoolId: pool.Id, GroupName: "admins" })).toThrow(
      expect.objectContaining({ code: "GroupExistsException", message: "A group with the name admins already exists." }),
    );
    expect(() => requireGroup(services, pool.Id, "nobody")).toThrow(expect.objectContaining({ code: "ResourceNotFoundException", message: "Group not found." }));
  });

  it("updates only the settings a request names", () => {
    const group = createGroup(services, pool, { UserPoolId: pool.Id, GroupName: "editors", Precedence: 5, RoleArn: ROLE, Description: "Editors" });
    services.clock.advance(1);
    const updated = updateGroup(services, group, { UserPoolId: pool.Id, GroupName: "editors", Precedence: 2 });
    expect(updated).toMatchObject({ Precedence: 2, RoleArn: ROLE, Description: "Editors", CreationDate: group.CreationDate });
    expect(updated.LastModifiedDate).toBeGreaterThan(group.LastModifiedDate);
    expect(requireGroup(services, pool.Id, "editors")).toEqual(updated);
  });

  it("adds and removes members idempotently, leaving the user's modification date alone", () => {
    const group = createGroup(services, pool, { UserPoolId: pool.Id, GroupName: "members" });
    const ann = user("ann");
    services.clock.advance(1);
    addToGroup(services, ann, group);
    addToGroup(services, reload("ann"), group);
    expect(reload("ann").Groups).toEqual(["members"]);
    expect(reload("ann").UserLastModifiedDate).toBe(ann.UserLastModifiedDate);
    expect(membersOf(services, group).map((u) => u.Username)).toEqual(["ann"]);
    removeFromGroup(services, reload("ann"), group);
    removeFromGroup(services, reload("ann"), group);
    expect(reload("ann").Groups).toEqual([]);
    expect(membersOf(services, group)).toEqual([]);
  });

  it("takes a deleted group out of every member", () => {
    const doomed = createGroup(services, pool, { UserPoolId: pool.Id, GroupName: "doomed" });
    const kept = createGroup(services, pool, { UserPoolId: pool.Id, GroupName: "kept" });
    for (const name of ["bea", "cal"]) {
      addToGroup(services, user(name), doomed);
      addToGroup(services, reload(name), kept);
    }
    deleteGroup(services, doomed);
    expect(services.tables.groups.has(services.tables.groupKey(pool.Id, "doomed"))).toBe(false);
    for (const name of ["bea", "cal"]) expect(groupsOfUser(services, reload(name)).map((g) => g.GroupName)).toEqual(["kept"]);
    expect(services.tables.users.findBy("byGroup", services.tables.groupKey(pool.Id, "doomed"))).toEqual([]);
  });

  it(`keeps a user to ${MAX_GROUPS_PER_USER} groups`, () => {
    const busy = user("busy");
    for (let i = 0; i < MAX_GROUPS_PER_USER; i++) {
      addToGroup(services, reload("busy"), createGroup(services, pool, { UserPoolId: pool.Id, GroupName: `g${i}` }));
    }
    const extra = createGroup(services, pool, { UserPoolId: pool.Id, GroupName: "one-too-many" });
    expect(() => addToGroup(services, reload("busy"), extra)).toThrow(expect.objectContaining({ code: "LimitExceededException" }));
    expect(reload("busy").Groups).toHaveLength(MAX_GROUPS_PER_USER);
    expect(busy.Groups).toEqual([]); // records are never changed in place
  });

  it(`keeps a pool to ${MAX_GROUPS_PER_POOL} groups`, () => {
    const full = createPool(services, "us-east-1", { PoolName: "full" });
    for (let i = 0; i < MAX_GROUPS_PER_POOL; i++) createGroup(services, full, { UserPoolId: full.Id, GroupName: `g${i}` });
    expect(() => createGroup(services, full, { UserPoolId: full.Id, GroupName: "extra" })).toThrow(expect.objectContaining({ code: "LimitExceededException" }));
  });
});
