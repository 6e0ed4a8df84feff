import { X509Certificate } from "node:crypto";
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  DeleteGroupCommand,
  DescribeUserPoolCommand,
  GetCSVHeaderCommand,
  GetGroupCommand,
  GetSigningCertificateCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListTagsForResourceCommand,
  ListUsersCommand,
  paginateAdminListGroupsForUser,
  paginateListGroups,
  paginateListUsers,
  paginateListUsersInGroup,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import type { RunningEmulator } from "../../src/server/emulator";
import { useEmulator } from "../support/emulator";

const POOL = "us-east-1_Groups0001";
const WEB = "groupswebclient0000000001";
const ADMIN_ROLE = "arn:aws:iam::123456789012:role/Admin";
const EDITOR_ROLE = "arn:aws:iam::123456789012:role/Editor";
const READER_ROLE = "arn:aws:iam::123456789012:role/Reader";
const user = (Username: string, Attributes: Record<string, string> = {}, Groups: string[] = []) => ({ Username, Password: "Passw0rd!", Attributes, Groups });

const fixture = {
  UserPools: [
    {
      Id: POOL,
      PoolName: "groups-and-users",
      AliasAttributes: ["email"],
      UserPoolTags: { env: "test" },
      Schema: [{ Name: "plan", AttributeDataType: "String", Mutable: true }],
      Clients: [{ ClientId: WEB, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
      // Listed so that neither name nor creation order matches precedence order.
      Groups: [
        { GroupName: "readers", Precedence: 20, RoleArn: READER_ROLE },
        { GroupName: "everyone" },
        { GroupName: "admins", Precedence: 1, RoleArn: ADMIN_ROLE, Description: "Administrators" },
        { GroupName: "editors", Precedence: 5, RoleArn: EDITOR_ROLE },
      ],
      Users: [
        user("alice", { email: "alice@example.com", email_verified: "true", given_name: "Alice", family_name: "Archer", "custom:plan": "gold" }, ["readers", "everyone", "admins", "editors"]),
        user("bob", { email: "bob@example.com", email_verified: "true", given_name: "Bob", family_name: "Baker", phone_number: "+15550100" }),
        user("carol", { email: "Carol@Example.com", given_name: "Carol", preferred_username: "caz" }),
        user("dan", { email: "dan@example.org", given_name: "Dan" }),
      ],
    },
  ],
};

let emu: RunningEmulator;
let idp: CognitoIdentityProviderClient;

useEmulator(fixture, (started) => ({ emu, idp } = started));

const signIn = async (USERNAME: string) => {
  const { AuthenticationResult } = await idp.send(
    new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD: "Passw0rd!" } }),
  );
  return AuthenticationResult!;
};
const refresh = (REFRESH_TOKEN: string) => idp.send(new InitiateAuthCommand({ ClientId: WEB, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN } }));
const addToGroup = (Username: string, GroupName: string) => idp.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL, Username, GroupName }));

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe("groups in tokens", () => {
  it("puts a user's groups in both tokens by precedence, and the roles in the ID token", async () => {
    const { IdToken, AccessToken } = await signIn("alice");
    const id = decodeJwt(IdToken!);
    const access = decodeJwt(AccessToken!);
    expect(id["cognito:groups"]).toEqual(["admins", "editors", "readers", "everyone"]);
    expect(access["cognito:groups"]).toEqual(["admins", "editors", "readers", "everyone"]);
    expect(id["cognito:roles"]).toEqual([ADMIN_ROLE, EDITOR_ROLE, READER_ROLE]);
    expect(id["cognito:preferred_role"]).toBe(ADMIN_ROLE);
    expect(access["cognito:roles"]).toBeUndefined();
    expect(access["cognito:preferred_role"]).toBeUndefined();
  });

  it("leaves the group claims out for a user in no group", async () => {
    const { IdToken, AccessToken } = await signIn("bob");
    expect(decodeJwt(IdToken!)).not.toHaveProperty("cognito:groups");
    expect(decodeJwt(AccessToken!)).not.toHaveProperty("cognito:groups");
    expect(decodeJwt(IdToken!)).not.toHaveProperty("cognito:preferred_role");
  });

  it("follows membership and precedence changes in the next tokens, refreshed ones included", async () => {
    await addToGroup("bob@example.com", "editors");
    await addToGroup("bob", "readers");
    const first = await signIn("bob");
    expect(decodeJwt(first.IdToken!)).toMatchObject({ "cognito:groups": ["editors", "readers"], "cognito:preferred_role": EDITOR_ROLE });

    await idp.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: "readers", Precedence: 2 }));
    await idp.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL, Username: "bob", GroupName: "editors" }));
    const renewed = await refresh(first.RefreshToken!);
    expect(decodeJwt(renewed.AuthenticationResult!.AccessToken!)["cognito:groups"]).toEqual(["readers"]);
    expect(decodeJwt(renewed.AuthenticationResult!.IdToken!)).toMatchObject({ "cognito:roles": [READER_ROLE], "cognito:preferred_role": READER_ROLE });
  });

  it("leaves out the preferred role when groups of equal precedence carry different roles", async () => {
    await idp.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: "rivals", Precedence: 1, RoleArn: READER_ROLE }));
    await addToGroup("alice", "rivals");
    const id = decodeJwt((await signIn("alice")).IdToken!);
    expect(id["cognito:roles"]).toEqual(expect.arrayContaining([ADMIN_ROLE, READER_ROLE]));
    expect(id).not.toHaveProperty("cognito:preferred_role");
  });

  it("drops a deleted group from its members' tokens", async () => {
    await idp.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: "admins" }));
    const id = decodeJwt((await signIn("alice")).IdToken!);
    expect(id["cognito:groups"]).toEqual(["editors", "readers", "everyone"]);
    expect(id["cognito:preferred_role"]).toBe(EDITOR_ROLE);
  });
});

describe("group administration", () => {
  it("creates, reads, updates and deletes groups with Cognito's shapes and errors", async () => {
    const { Group } = await idp.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: "ops", Description: "Operations", Precedence: 3 }));
    expect(Group).toMatchObject({ GroupName: "ops", UserPoolId: POOL, Description: "Operations", Precedence: 3 });
    expect(Group!.CreationDate).toBeInstanceOf(Date);
    await expect(idp.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: "ops" }))).rejects.toMatchObject({
      name: "GroupExistsException",
      message: "A group with the name ops already exists.",
    });
    const updated = await idp.send(new UpdateGroupCommand({ UserPoolId: POOL, GroupName: "ops", RoleArn: ADMIN_ROLE }));
    expect(updated.Group).toMatchObject({ Description: "Operations", Precedence: 3, RoleArn: ADMIN_ROLE });
    await idp.send(new DeleteGroupCommand({ UserPoolId: POOL, GroupName: "ops" }));
    for (const command of [
      new GetGroupCommand({ UserPoolId: POOL, GroupName: "ops" }),
      new UpdateGroupCommand({ UserPoolId: POOL, GroupName: "ops", Precedence: 1 }),
      new DeleteGroupCommand({ UserPoolId: POOL, GroupName: "ops" }),
      new AdminAddUserToGroupCommand({ UserPoolId: POOL, GroupName: "ops", Username: "bob" }),
    ]) {
      await expect(idp.send(command as never)).rejects.toMatchObject({ name: "ResourceNotFoundException", message: "Group not found." });
    }
    await expect(addToGroup("nobody", "admins")).rejects.toMatchObject({ name: "UserNotFoundException", message: "User does not exist." });
    await expect(idp.send(new GetGroupCommand({ UserPoolId: "us-east-1_NoPool000", GroupName: "admins" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses inputs the model forbids before any rule runs", async () => {
    await expect(idp.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: "bad", Precedence: -1 }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(idp.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: "bad", RoleArn: "not-an-arn-at-all-really" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    await expect(collect(paginateListGroups({ client: idp, pageSize: 61 }, { UserPoolId: POOL }))).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("pages groups, members and a user's groups through the SDK paginators", async () => {
    for (let i = 0; i < 7; i++) await idp.send(new CreateGroupCommand({ UserPoolId: POOL, GroupName: `extra-${i}` }));
    for (const name of ["bob", "carol", "dan"]) await addToGroup(name, "everyone");

    const groupPages = await collect(paginateListGroups({ client: idp, pageSize: 3 }, { UserPoolId: POOL }));
    const groups = groupPages.flatMap((page) => page.Groups!.map((g) => g.GroupName));
    expect(groupPages.length).toBe(4);
    expect(groups.slice(0, 4).sort()).toEqual(["admins", "editors", "everyone", "readers"]);
    expect(groups.slice(4)).toEqual(Array.from({ length: 7 }, (_, i) => `extra-${i}`));

    const memberPages = await collect(paginateListUsersInGroup({ client: idp, pageSize: 2 }, { UserPoolId: POOL, GroupName: "everyone" }));
    expect(memberPages.flatMap((page) => page.Users!.map((u) => u.Username)).sort()).toEqual(["alice", "bob", "carol", "dan"]);

    const ofAlice = await collect(paginateAdminListGroupsForUser({ client: idp, pageSize: 3 }, { UserPoolId: POOL, Username: "alice@example.com" }));
    expect(ofAlice.flatMap((page) => page.Groups!.map((g) => g.GroupName)).sort()).toEqual(["admins", "editors", "everyone", "readers"]);
    expect(ofAlice[0].Groups![0]).toMatchObject({ UserPoolId: POOL, CreationDate: expect.any(Date) });
  });
});

describe("ListUsers", () => {
  const usernames = async (Filter?: string) => (await idp.send(new ListUsersCommand({ UserPoolId: POOL, Filter }))).Users!.map((u) => u.Username).sort();

  it("filters by exact and prefix matches on the searchable attributes", async () => {
    expect(await usernames()).toEqual(["alice", "bob", "carol", "dan"]);
    expect(await usernames('email = "carol@example.com"')).toEqual(["carol"]);
    expect(await usernames('username = "dan"')).toEqual(["dan"]);
    expect(await usernames('phone_number = "+15550100"')).toEqual(["bob"]);
    expect(await usernames('preferred_username = "caz"')).toEqual(["carol"]);
    expect(await usernames('email ^= "dan@"')).toEqual(["dan"]);
    expect(await usernames('family_name ^= "B"')).toEqual(["bob"]);
    expect(await usernames('given_name = "alice"')).toEqual(["alice"]);
    expect(await usernames('cognito:user_status = "CONFIRMED"')).toEqual(["alice", "bob", "carol", "dan"]);

    const { UserAttributes } = await idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "alice" }));
    const sub = UserAttributes!.find((a) => a.Name === "sub")!.Value;
    expect(await usernames(`sub = "${sub}"`)).toEqual(["alice"]);

    await idp.send(new AdminDisableUserCommand({ UserPoolId: POOL, Username: "dan" }));
    expect(await usernames('status = "Disabled"')).toEqual(["dan"]);
  });

  it("returns only the attributes asked for, and pages with the SDK paginator", async () => {
    const { Users } = await idp.send(new ListUsersCommand({ UserPoolId: POOL, Filter: 'username = "alice"', AttributesToGet: ["email", "custom:plan"] }));
    expect(Users).toEqual([
      expect.objectContaining({
        Username: "alice",
        Enabled: true,
        UserStatus: "CONFIRMED",
        Attributes: [
          { Name: "email", Value: "alice@example.com" },
          { Name: "custom:plan", Value: "gold" },
        ],
      }),
    ]);
    const pages = await collect(paginateListUsers({ client: idp, pageSize: 3 }, { UserPoolId: POOL }));
    expect(pages.map((page) => page.Users!.length)).toEqual([3, 1]);
    expect(pages.flatMap((page) => page.Users!.map((u) => u.Username)).sort()).toEqual(["alice", "bob", "carol", "dan"]);
  });

  it("answers Cognito's errors for wrong inputs", async () => {
    const list = (input: Partial<ConstructorParameters<typeof ListUsersCommand>[0]>) => idp.send(new ListUsersCommand({ UserPoolId: POOL, ...input }));
    await expect(list({ Filter: "email = alice" })).rejects.toMatchObject({ name: "InvalidParameterException", message: "Error while parsing filter." });
    await expect(list({ Filter: 'custom:plan = "gold"' })).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid search attribute: custom:plan" });
    await expect(list({ AttributesToGet: ["shoe_size"] })).rejects.toMatchObject({ name: "InvalidParameterException", message: "One or more requested attributes do not exist." });
    await expect(list({ AttributesToGet: ["phone_number"] })).rejects.toMatchObject({ message: "One or more requested attributes do not exist." });
    await expect(list({ Limit: 61 })).rejects.toMatchObject({ name: "InvalidParameterException", message: expect.stringContaining("less than or equal to 60") });
    await expect(list({ PaginationToken: "bm9wZQ" })).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(idp.send(new ListUsersCommand({ UserPoolId: "us-east-1_NoPool000" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("user administration", () => {
  it("disables a user: no sign-in, no refresh, no access with earlier tokens; enabling lets them sign in again", async () => {
    const tokens = await signIn("carol");
    await emu.clock.advance(1);
    await idp.send(new AdminDisableUserCommand({ UserPoolId: POOL, Username: "carol" }));
    expect((await idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "carol" }))).Enabled).toBe(false);
    await expect(signIn("carol")).rejects.toMatchObject({ name: "NotAuthorizedException", message: "User is disabled." });
    await expect(refresh(tokens.RefreshToken!)).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(idp.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).rejects.toMatchObject({ name: "NotAuthorizedException" });

    await idp.send(new AdminEnableUserCommand({ UserPoolId: POOL, Username: "carol" }));
    const again = await signIn("carol");
    await expect(idp.send(new GetUserCommand({ AccessToken: again.AccessToken! }))).resolves.toMatchObject({ Username: "carol" });
    await expect(refresh(tokens.RefreshToken!)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Refresh Token has been revoked" });
  });

  it("signs a user out of every session", async () => {
    const first = await signIn("bob");
    const second = await signIn("bob");
    await emu.clock.advance(1);
    await idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: POOL, Username: "bob@example.com" }));
    for (const session of [first, second]) {
      await expect(idp.send(new GetUserCommand({ AccessToken: session.AccessToken! }))).rejects.toMatchObject({
        name: "NotAuthorizedException",
        message: "Access Token has been revoked",
      });
      await expect(refresh(session.RefreshToken!)).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Refresh Token has been revoked" });
    }
    const later = await signIn("bob");
    await expect(idp.send(new GetUserCommand({ AccessToken: later.AccessToken! }))).resolves.toMatchObject({ Username: "bob" });
  });

  it("deletes a user, who then exists nowhere", async () => {
    const tokens = await signIn("dan");
    await addToGroup("dan", "readers");
    await idp.send(new AdminDeleteUserCommand({ UserPoolId: POOL, Username: "dan" }));
    await expect(idp.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: "dan" }))).rejects.toMatchObject({ name: "UserNotFoundException", message: "User does not exist." });
    expect((await idp.send(new ListUsersCommand({ UserPoolId: POOL, Filter: 'username = "dan"' }))).Users).toEqual([]);
    const readers = await collect(paginateListUsersInGroup({ client: idp }, { UserPoolId: POOL, GroupName: "readers" }));
    expect(readers.flatMap((page) => page.Users!.map((u) => u.Username))).toEqual(["alice"]);
    await expect(refresh(tokens.RefreshToken!)).rejects.toMatchObject({ name: "NotAuthorizedException" });
    await expect(idp.send(new AdminDeleteUserCommand({ UserPoolId: POOL, Username: "dan" }))).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("answers UserNotFoundException for unknown users", async () => {
    for (const command of [
      new AdminDisableUserCommand({ UserPoolId: POOL, Username: "ghost" }),
      new AdminEnableUserCommand({ UserPoolId: POOL, Username: "ghost" }),
      new AdminUserGlobalSignOutCommand({ UserPoolId: POOL, Username: "ghost" }),
    ]) {
      await expect(idp.send(command as never)).rejects.toMatchObject({ name: "UserNotFoundException", message: "User does not exist." });
    }
  });
});

describe("pool tags, CSV header and signing certificate", () => {
  it("tags the pool by its ARN", async () => {
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: POOL }));
    const ResourceArn = UserPool!.Arn!;
    expect((await idp.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({ env: "test" });
    await idp.send(new TagResourceCommand({ ResourceArn, Tags: { team: "identity" } }));
    await idp.send(new UntagResourceCommand({ ResourceArn, TagKeys: ["env"] }));
    expect((await idp.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({ team: "identity" });
    expect((await idp.send(new DescribeUserPoolCommand({ UserPoolId: POOL }))).UserPool!.UserPoolTags).toEqual({ team: "identity" });
    await expect(
      idp.send(new ListTagsForResourceCommand({ ResourceArn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_NoPool000" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("gives the import CSV header with the custom attributes", async () => {
    const { CSVHeader, UserPoolId } = await idp.send(new GetCSVHeaderCommand({ UserPoolId: POOL }));
    expect(UserPoolId).toBe(POOL);
    expect(CSVHeader!.slice(0, 3)).toEqual(["name", "given_name", "family_name"]);
    expect(CSVHeader!.slice(-3)).toEqual(["custom:plan", "cognito:mfa_enabled", "cognito:username"]);
    expect(CSVHeader).not.toContain("sub");
  });

  it("gives a stable X.509 signing certificate", async () => {
    const { Certificate } = await idp.send(new GetSigningCertificateCommand({ UserPoolId: POOL }));
    const certificate = new X509Certificate(Certificate!);
    expect(certificate.subject).toBe(`CN=${POOL}`);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect((await idp.send(new GetSigningCertificateCommand({ UserPoolId: POOL }))).Certificate).toBe(Certificate);
    await expect(idp.send(new GetSigningCertificateCommand({ UserPoolId: "us-east-1_NoPool000" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});
