import { X509Certificate } from "node:crypto";
import type { OperationContext } from "../../operation";
import { createServices, type Services } from "../../services";
import { groupsOfUser } from "../directory/groups";
import { createPool } from "../directory/pools";
import { createUser } from "../directory/users";
import AdminAddUserToGroup from "./AdminAddUserToGroup";
import AdminDeleteUser from "./AdminDeleteUser";
import AdminDisableUser from "./AdminDisableUser";
import AdminEnableUser from "./AdminEnableUser";
import AdminListGroupsForUser from "./AdminListGroupsForUser";
import AdminRemoveUserFromGroup from "./AdminRemoveUserFromGroup";
import AdminUserGlobalSignOut from "./AdminUserGlobalSignOut";
import CreateGroup from "./CreateGroup";
import CreateUserPoolClient from "./CreateUserPoolClient";
import DeleteGroup from "./DeleteGroup";
import GetCSVHeader from "./GetCSVHeader";
import GetGroup from "./GetGroup";
import GetSigningCertificate from "./GetSigningCertificate";
import ListGroups from "./ListGroups";
import ListTagsForResource from "./ListTagsForResource";
import ListUsers from "./ListUsers";
import ListUsersInGroup from "./ListUsersInGroup";
import TagResource from "./TagResource";
import UntagResource from "./UntagResource";
import UpdateGroup from "./UpdateGroup";

function testServices(): Services {
  return createServices();
}

const services = testServices();
const ctx = (): OperationContext => ({ region: "us-east-1", requestId: "r", services, logFields: {}, headers: {} });
const pool = createPool(services, "us-east-1", { PoolName: "groups", AliasAttributes: ["email"], Schema: [{ Name: "plan", AttributeDataType: "String" }] });
const UserPoolId = pool.Id;
const ROLE = "arn:aws:iam::123456789012:role/Admin";

function newUser(Username: string, Attributes: Record<string, string> = {}) {
  const user = createUser(services, pool, { Username, Attributes, UserStatus: "CONFIRMED" });
  services.clock.advance(0.001);
  return user;
}

const error = (code: string, message?: string) => expect.objectContaining(message === undefined ? { code } : { code, message });

describe("group operations", () => {
  newUser("gil", { email: "gil@example.com", email_verified: "true" });
  newUser("hal");

  it("create, get, update, list and delete a group", async () => {
    const c = ctx();
    const { Group } = await CreateGroup({ UserPoolId, GroupName: "admins", Precedence: 1, RoleArn: ROLE }, c);
    expect(c.logFields.userPoolId).toBe(UserPoolId);
    expect(Group).toMatchObject({ GroupName: "admins", UserPoolId, Precedence: 1, RoleArn: ROLE });
    expect(Group!.CreationDate).toBeInstanceOf(Date);
    expect(await GetGroup({ UserPoolId, GroupName: "admins" }, ctx())).toEqual({ Group });

    const updated = await UpdateGroup({ UserPoolId, GroupName: "admins", Description: "Admins" }, ctx());
    expect(updated.Group).toMatchObject({ Description: "Admins", Precedence: 1, RoleArn: ROLE });
    expect((await ListGroups({ UserPoolId }, ctx())).Groups!.map((g) => g.GroupName)).toEqual(["admins"]);

    expect(await DeleteGroup({ UserPoolId, GroupName: "admins" }, ctx())).toEqual({});
    expect(() => GetGroup({ UserPoolId, GroupName: "admins" }, ctx())).toThrow(error("ResourceNotFoundException", "Group not found."));
  });

  it("answers Cognito's errors", async () => {
    await CreateGroup({ UserPoolId, GroupName: "twice" }, ctx());
    expect(() => CreateGroup({ UserPoolId, GroupName: "twice" }, ctx())).toThrow(error("GroupExistsException", "A group with the name twice already exists."));
    for (const run of [
      () => UpdateGroup({ UserPoolId, GroupName: "nope" }, ctx()),
      () => DeleteGroup({ UserPoolId, GroupName: "nope" }, ctx()),
      () => ListUsersInGroup({ UserPoolId, GroupName: "nope" }, ctx()),
      () => AdminAddUserToGroup({ UserPoolId, GroupName: "nope", Username: "gil" }, ctx()),
      () => AdminRemoveUserFromGroup({ UserPoolId, GroupName: "nope", Username: "gil" }, ctx()),
    ]) {
      expect(run).toThrow(error("ResourceNotFoundException", "Group not found."));
    }
    expect(() => AdminAddUserToGroup({ UserPoolId, GroupName: "twice", Username: "nobody" }, ctx())).toThrow(error("UserNotFoundException", "User does not exist."));
    expect(() => AdminListGroupsForUser({ UserPoolId, Username: "nobody" }, ctx())).toThrow(error("UserNotFoundException", "User does not exist."));
    expect(() => ListGroups({ UserPoolId: "us-east-1_Missing00" }, ctx())).toThrow(error("ResourceNotFoundException", "User pool us-east-1_Missing00 does not exist."));
  });

  it("adds members by username or alias, lists both ways, and removes them", async () => {
    await CreateGroup({ UserPoolId, GroupName: "team" }, ctx());
    const c = ctx();
    expect(await AdminAddUserToGroup({ UserPoolId, GroupName: "team", Username: "gil@example.com" }, c)).toEqual({});
    expect(c.logFields.username).toBe("gil@example.com");
    await AdminAddUserToGroup({ UserPoolId, GroupName: "team", Username: "hal" }, ctx());
    const members = await ListUsersInGroup({ UserPoolId, GroupName: "team" }, ctx());
    expect(members.Users!.map((u) => u.Username)).toEqual(["gil", "hal"]);
    expect(members.Users![0]).toMatchObject({ Enabled: true, UserStatus: "CONFIRMED" });
    expect((await AdminListGroupsForUser({ UserPoolId, Username: "hal" }, ctx())).Groups!.map((g) => g.GroupName)).toEqual(["team"]);

    await AdminRemoveUserFromGroup({ UserPoolId, GroupName: "team", Username: "gil" }, ctx());
    expect((await ListUsersInGroup({ UserPoolId, GroupName: "team" }, ctx())).Users!.map((u) => u.Username)).toEqual(["hal"]);
    expect((await AdminListGroupsForUser({ UserPoolId, Username: "gil" }, ctx())).Groups).toEqual([]);
  });

  it("pages groups, members and a user's groups", async () => {
    const paged = createPool(services, "us-east-1", { PoolName: "paged" });
    const ids = { UserPoolId: paged.Id };
    const names: string[] = [];
    for (let i = 0; i < 7; i++) {
      names.push(`group-${i}`);
      await CreateGroup({ ...ids, GroupName: `group-${i}` }, ctx());
      services.clock.advance(0.001);
    }
    const users: string[] = [];
    for (let i = 0; i < 5; i++) {
      users.push(createUser(services, paged, { Username: `u${i}`, Attributes: {}, UserStatus: "CONFIRMED" }).Username);
      services.clock.advance(0.001);
      await AdminAddUserToGroup({ ...ids, GroupName: "group-0", Username: `u${i}` }, ctx());
    }
    for (const GroupName of names) await AdminAddUserToGroup({ ...ids, GroupName, Username: "u0" }, ctx());

    const collect = async <T>(fetch: (token?: string) => Promise<{ items: T[]; token?: string }>) => {
      const all: T[] = [];
      let token: string | undefined;
      do {
        const page = await fetch(token);
        expect(page.items.length).toBeLessThanOrEqual(3);
        all.push(...page.items);
        token = page.token;
      } while (token);
      return all;
    };
    const groups = await collect(async (NextToken) => {
      const page = await ListGroups({ ...ids, Limit: 3, NextToken }, ctx());
      return { items: page.Groups!.map((g) => g.GroupName), token: page.NextToken };
    });
    expect(groups).toEqual(names);
    const members = await collect(async (NextToken) => {
      const page = await ListUsersInGroup({ ...ids, GroupName: "group-0", Limit: 3, NextToken }, ctx());
      return { items: page.Users!.map((u) => u.Username), token: page.NextToken };
    });
    expect(members).toEqual(users);
    const ofUser = await collect(async (NextToken) => {
      const page = await AdminListGroupsForUser({ ...ids, Username: "u0", Limit: 3, NextToken }, ctx());
      return { items: page.Groups!.map((g) => g.GroupName), token: page.NextToken };
    });
    expect(ofUser).toEqual(names);
  });
});

describe("ListUsers", () => {
  const listed = createPool(services, "us-east-1", { PoolName: "listed" });
  const ids = { UserPoolId: listed.Id };
  for (let i = 0; i < 7; i++) {
    createUser(services, listed, { Username: `user${i}`, Attributes: { email: `user${i}@example.com`, given_name: i % 2 ? "Odd" : "Even" }, UserStatus: "CONFIRMED" });
    services.clock.advance(0.001);
  }

  it("lists, filters and pages the pool's users", async () => {
    const all = await ListUsers(ids, ctx());
    expect(all.Users!.map((u) => u.Username)).toEqual(["user0", "user1", "user2", "user3", "user4", "user5", "user6"]);
    expect(all.PaginationToken).toBeUndefined();

    const first = await ListUsers({ ...ids, Limit: 2, Filter: 'given_name = "Odd"' }, ctx());
    expect(first.Users!.map((u) => u.Username)).toEqual(["user1", "user3"]);
    const second = await ListUsers({ ...ids, Limit: 2, Filter: 'given_name = "Odd"', PaginationToken: first.PaginationToken }, ctx());
    expect(second.Users!.map((u) => u.Username)).toEqual(["user5"]);
    expect(second.PaginationToken).toBeUndefined();

    const one = await ListUsers({ ...ids, Filter: 'email = "USER4@example.com"', AttributesToGet: ["email"] }, ctx());
    expect(one.Users).toEqual([expect.objectContaining({ Username: "user4", Attributes: [{ Name: "email", Value: "user4@example.com" }] })]);
  });

  it("refuses bad filters, attributes and tokens", () => {
    expect(() => ListUsers({ ...ids, Filter: "email = x" }, ctx())).toThrow(error("InvalidParameterException", "Error while parsing filter."));
    expect(() => ListUsers({ ...ids, Filter: 'custom:plan = "x"' }, ctx())).toThrow(error("InvalidParameterException", "Invalid search attribute: custom:plan"));
    expect(() => ListUsers({ ...ids, AttributesToGet: ["shoe_size"] }, ctx())).toThrow(error("InvalidParameterException", "One or more requested attributes do not exist."));
    expect(() => ListUsers({ ...ids, PaginationToken: "garbage" }, ctx())).toThrow(error("InvalidParameterException"));
    expect(() => ListUsers({ UserPoolId: "us-east-1_Missing00" }, ctx())).toThrow(error("ResourceNotFoundException"));
  });
});

describe("user administration", () => {
  const client = async () => {
    const { UserPoolClient } = await CreateUserPoolClient({ UserPoolId, ClientName: "web" }, ctx());
    return services.tables.clients.get(UserPoolClient!.ClientId!)!;
  };
  const userNamed = (name: string) => services.tables.users.get(services.tables.userKey(UserPoolId, name));
  const signIn = async (name: string) => {
    const user = userNamed(name)!;
    return services.tokens.issue({ pool, client: await client(), user, groups: groupsOfUser(services, user), withRefreshToken: true });
  };

  it("disables a user, revoking their tokens, and enables them again", async () => {
    newUser("ivy");
    const tokens = await signIn("ivy");
    services.clock.advance(1);
    expect(await AdminDisableUser({ UserPoolId, Username: "ivy" }, ctx())).toEqual({});
    expect(userNamed("ivy")!.Enabled).toBe(false);
    expect(() => services.tokens.verifyAccessToken(tokens.AccessToken)).toThrow(error("NotAuthorizedException", "Access Token has been revoked"));
    expect(() => services.tokens.lookupRefreshToken(tokens.RefreshToken!)).toThrow(error("NotAuthorizedException", "Refresh Token has been revoked"));

    expect(await AdminEnableUser({ UserPoolId, Username: "ivy" }, ctx())).toEqual({});
    expect(userNamed("ivy")!.Enabled).toBe(true);
    const fresh = await signIn("ivy");
    expect(services.tokens.verifyAccessToken(fresh.AccessToken).username).toBe("ivy");
  });

  it("signs a user out everywhere", async () => {
    newUser("jay");
    const tokens = await signIn("jay");
    services.clock.advance(1);
    expect(await AdminUserGlobalSignOut({ UserPoolId, Username: "jay" }, ctx())).toEqual({});
    expect(userNamed("jay")!.TokensValidAfter).toBe(services.clock.nowSeconds());
    expect(() => services.tokens.verifyIdToken(tokens.IdToken)).toThrow(error("NotAuthorizedException", "Id Token has been revoked"));
    expect(() => services.tokens.lookupRefreshToken(tokens.RefreshToken!)).toThrow(error("NotAuthorizedException"));
    expect(userNamed("jay")!.Enabled).toBe(true);
  });

  it("deletes a user, with their memberships and sessions", async () => {
    newUser("kim");
    await CreateGroup({ UserPoolId, GroupName: "kims" }, ctx());
    await AdminAddUserToGroup({ UserPoolId, GroupName: "kims", Username: "kim" }, ctx());
    const tokens = await signIn("kim");
    expect(await AdminDeleteUser({ UserPoolId, Username: "kim" }, ctx())).toEqual({});
    expect(userNamed("kim")).toBeUndefined();
    expect((await ListUsersInGroup({ UserPoolId, GroupName: "kims" }, ctx())).Users).toEqual([]);
    expect(() => services.tokens.lookupRefreshToken(tokens.RefreshToken!)).toThrow(error("NotAuthorizedException"));
    expect(() => AdminDeleteUser({ UserPoolId, Username: "kim" }, ctx())).toThrow(error("UserNotFoundException", "User does not exist."));
  });

  it.each([AdminDisableUser, AdminEnableUser, AdminUserGlobalSignOut, AdminDeleteUser])("answers UserNotFoundException for an unknown user", (handler) => {
    expect(() => handler({ UserPoolId, Username: "nobody" }, ctx())).toThrow(error("UserNotFoundException", "User does not exist."));
  });
});

describe("pool tags, CSV header and signing certificate", () => {
  const arn = pool.Arn!;

  it("tags a pool by its ARN", async () => {
    expect(await ListTagsForResource({ ResourceArn: arn }, ctx())).toEqual({ Tags: {} });
    expect(await TagResource({ ResourceArn: arn, Tags: { team: "a", env: "test" } }, ctx())).toEqual({});
    await TagResource({ ResourceArn: arn, Tags: { team: "b" } }, ctx());
    expect(await ListTagsForResource({ ResourceArn: arn }, ctx())).toEqual({ Tags: { team: "b", env: "test" } });
    expect(await UntagResource({ ResourceArn: arn, TagKeys: ["team", "absent"] }, ctx())).toEqual({});
    expect((await ListTagsForResource({ ResourceArn: arn }, ctx())).Tags).toEqual({ env: "test" });
    expect(services.tables.pools.get(pool.Id)!.UserPoolTags).toEqual({ env: "test" });
  });

  it("keeps a pool to 50 tags", async () => {
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
    await TagResource({ ResourceArn: arn, Tags: many }, ctx());
    expect(() => TagResource({ ResourceArn: arn, Tags: { one: "more" } }, ctx())).toThrow(error("InvalidParameterException"));
    await UntagResource({ ResourceArn: arn, TagKeys: Object.keys(many) }, ctx());
  });

  it("answers ResourceNotFoundException for ARNs of no pool", () => {
    for (const ResourceArn of [
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Missing00",
      arn.replace("123456789012", "210987654321"),
      "arn:aws:iam::123456789012:role/Admin",
    ]) {
      expect(() => ListTagsForResource({ ResourceArn }, ctx())).toThrow(error("ResourceNotFoundException"));
      expect(() => TagResource({ ResourceArn, Tags: { a: "b" } }, ctx())).toThrow(error("ResourceNotFoundException"));
      expect(() => UntagResource({ ResourceArn, TagKeys: ["a"] }, ctx())).toThrow(error("ResourceNotFoundException"));
    }
  });

  it("gives the CSV header of the pool's schema", async () => {
    expect(await GetCSVHeader({ UserPoolId }, ctx())).toEqual({
      UserPoolId,
      CSVHeader: [
        "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
        "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
        "address", "updated_at", "custom:plan", "cognito:mfa_enabled", "cognito:username",
      ],
    });
  });

  it("gives the same self-signed certificate over the pool's ID-token key every time", async () => {
    const { Certificate } = await GetSigningCertificate({ UserPoolId }, ctx());
    expect(Certificate).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    const certificate = new X509Certificate(Certificate!);
    expect(certificate.subject).toBe(`CN=${UserPoolId}`);
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    const keys = await services.tokens.keys.ensure(UserPoolId);
    expect(certificate.publicKey.export({ format: "jwk" })).toMatchObject({ n: keys.idToken.jwk.n, e: keys.idToken.jwk.e });
    const years = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365.25 * 86_400_000);
    expect(Math.round(years)).toBe(10);
    expect(Date.parse(certificate.validFrom)).toBe(Math.floor(pool.CreationDate / 1000) * 1000);
    expect((await GetSigningCertificate({ UserPoolId }, ctx())).Certificate).toBe(Certificate);
    await expect(GetSigningCertificate({ UserPoolId: "us-east-1_Missing00" }, ctx())).rejects.toMatchObject({ code: "ResourceNotFoundException" });
  });
});
