import type { CreateGroupRequest, GroupType, UpdateGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { GroupExists, LimitExceeded, ResourceNotFound } from "../../../errors";
import type { Services } from "../../services";
import type { Ordering } from "./list-users";
import type { GroupRecord, PoolRecord, UserRecord } from "./records";
import { groupKey, groups } from "./tables";

/** Cognito's quotas: groups in one user pool, and groups one user can belong to. */
export const MAX_GROUPS_PER_POOL = 10_000;
export const MAX_GROUPS_PER_USER = 100;

export function findGroup(services: Services, poolId: string, groupName: string): GroupRecord | undefined {
  return services.tables.groups.get(services.tables.groupKey(poolId, groupName));
}

export function requireGroup(services: Services, poolId: string, groupName: string): GroupRecord {
  const group = findGroup(services, poolId, groupName);
  if (!group) throw ResourceNotFound("Group not found.");
  return group;
}

export function createGroup(services: Services, pool: PoolRecord, input: CreateGroupRequest): GroupRecord {
  const { tables, clock } = services;
  const name = input.GroupName!;
  if (findGroup(services, pool.Id, name)) throw GroupExists(`A group with the name ${name} already exists.`);
  if (tables.groups.countBy("byPool", pool.Id) >= MAX_GROUPS_PER_POOL) {
    throw LimitExceeded(`The user pool ${pool.Id} has reached its limit of ${MAX_GROUPS_PER_POOL} groups.`);
  }
  const now = clock.now();
  const group: GroupRecord = {
    GroupName: name,
    UserPoolId: pool.Id,
    ...groupSettings(input),
    CreationDate: now,
    LastModifiedDate: now,
  };
  tables.groups.put(tables.groupKey(pool.Id, name), group);
  return group;
}

/**
 * Creates the group, or sets it to exactly these settings (fixtures): unlike UpdateGroup, a setting
 * left out is removed. Members and the creation date stay.
 */
export function defineGroup(services: Services, pool: PoolRecord, input: CreateGroupRequest): GroupRecord {
  const existing = findGroup(services, pool.Id, input.GroupName!);
  if (!existing) return createGroup(services, pool, input);
  const group: GroupRecord = {
    GroupName: existing.GroupName,
    UserPoolId: pool.Id,
    ...groupSettings(input),
    CreationDate: existing.CreationDate,
    LastModifiedDate: services.clock.now(),
  };
  return groups.save(services, group);
}

/** UpdateGroup changes only the settings the request names. */
export function updateGroup(services: Services, group: GroupRecord, input: UpdateGroupRequest): GroupRecord {
  const updated: GroupRecord = { ...group, ...groupSettings(input), LastModifiedDate: services.clock.now() };
  services.tables.groups.put(services.tables.groupKey(group.UserPoolId, group.GroupName), updated);
  return updated;
}

/** Deletes the group; its declaration takes it out of every member's groups. */
export function deleteGroup(services: Services, group: GroupRecord): void {
  groups.remove(services, groupKey(group.UserPoolId, group.GroupName));
}

export function membersOf(services: Services, group: GroupRecord): UserRecord[] {
  return services.tables.users.findBy("byGroup", services.tables.groupKey(group.UserPoolId, group.GroupName));
}

/** Adding a member twice is not an error, as in Cognito. */
export function addToGroup(services: Services, user: UserRecord, group: GroupRecord): void {
  if (user.Groups.includes(group.GroupName)) return;
  if (user.Groups.length >= MAX_GROUPS_PER_USER) {
    throw LimitExceeded(`User ${user.Username} cannot be added to more than ${MAX_GROUPS_PER_USER} groups.`);
  }
  writeMembership(services, user, [...user.Groups, group.GroupName]);
}

/** Removing a user who is not a member is not an error either. */
export function removeFromGroup(services: Services, user: UserRecord, group: GroupRecord): void {
  if (!user.Groups.includes(group.GroupName)) return;
  writeMembership(services, user, user.Groups.filter((name) => name !== group.GroupName));
}

/** The user's groups, as records; a name whose group no longer exists is skipped. */
export function groupsOfUser(services: Services, user: UserRecord): GroupRecord[] {
  return user.Groups.flatMap((name) => findGroup(services, user.UserPoolId, name) ?? []);
}

export function groupsInPool(services: Services, poolId: string): GroupRecord[] {
  return services.tables.groups.findBy("byPool", poolId);
}

/** Groups are listed oldest first, then by name: a stable order for paging. */
export const GROUP_ORDER: Ordering<GroupRecord> = { rank: (group) => group.CreationDate, tieBreak: (group) => group.GroupName };

/** The API view of a group, members in the model's order. */
export function toGroupType(group: GroupRecord): GroupType {
  return {
    GroupName: group.GroupName,
    UserPoolId: group.UserPoolId,
    ...(group.Description !== undefined ? { Description: group.Description } : {}),
    ...(group.RoleArn !== undefined ? { RoleArn: group.RoleArn } : {}),
    ...(group.Precedence !== undefined ? { Precedence: group.Precedence } : {}),
    LastModifiedDate: new Date(group.LastModifiedDate),
    CreationDate: new Date(group.CreationDate),
  };
}

/** The settings a create or update request names, without the ones it leaves out. */
function groupSettings(input: CreateGroupRequest | UpdateGroupRequest): Pick<GroupRecord, "Description" | "RoleArn" | "Precedence"> {
  return {
    ...(input.Description != null ? { Description: input.Description } : {}),
    ...(input.RoleArn != null ? { RoleArn: input.RoleArn } : {}),
    ...(input.Precedence != null ? { Precedence: input.Precedence } : {}),
  };
}

/** Membership is not a profile change: Cognito leaves UserLastModifiedDate alone, so this bypasses saveUser. */
function writeMembership(services: Services, user: UserRecord, groups: string[]): void {
  services.tables.users.put(services.tables.userKey(user.UserPoolId, user.Username), { ...user, Groups: groups });
}
