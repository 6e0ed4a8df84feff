import type { Services } from "../../services";
import { findUsers, listedUsers, type Ordering, pageInOrder, parseUserFilter, USER_ORDER } from "./list-users";
import { createPool } from "./pools";
import type { UserRecord } from "./records";
import { createUser, saveUser } from "./users";
import { servicesTestbed } from "../../testing";

function testServices(): Services {
  return servicesTestbed().services;
}

const invalid = (message: string) => expect.objectContaining({ code: "InvalidParameterException", message });

describe("parseUserFilter", () => {
  it("reads exact and prefix filters, with or without spaces, quoted names and escaped quotes", () => {
    expect(parseUserFilter('email = "a@example.com"')).toEqual({ attribute: "email", operator: "=", value: "a@example.com" });
    expect(parseUserFilter('phone_number^="+44"')).toEqual({ attribute: "phone_number", operator: "^=", value: "+44" });
    expect(parseUserFilter('"cognito:user_status" = "CONFIRMED"')).toEqual({ attribute: "cognito:user_status", operator: "=", value: "CONFIRMED" });
    expect(parseUserFilter('family_name = "O\\"Neil"')).toEqual({ attribute: "family_name", operator: "=", value: 'O"Neil' });
    expect(parseUserFilter('given_name = ""')).toEqual({ attribute: "given_name", operator: "=", value: "" });
  });

  it("treats an empty filter as none", () => {
    expect(parseUserFilter(undefined)).toBeUndefined();
    expect(parseUserFilter("")).toBeUndefined();
    expect(parseUserFilter("   ")).toBeUndefined();
  });

  it.each(["username = foo", "username=", 'username != "x"', 'email = "a" and name = "b"', "foo", '= "x"', 'email = "unterminated'])(
    "refuses the malformed filter %s",
    (filter) => expect(() => parseUserFilter(filter)).toThrow(invalid("Error while parsing filter.")),
  );

  it("refuses attributes Cognito cannot search", () => {
    expect(() => parseUserFilter('custom:plan = "gold"')).toThrow(invalid("Invalid search attribute: custom:plan"));
    expect(() => parseUserFilter('locale ^= "en"')).toThrow(invalid("Invalid search attribute: locale"));
  });
});

describe("pageInOrder", () => {
  type Item = { at: number; name: string };
  const order: Ordering<Item> = { rank: (item) => item.at, tieBreak: (item) => item.name };
  // 500 items, shuffled, many sharing a rank so the tie-break matters.
  const items: Item[] = Array.from({ length: 500 }, (_, i) => (i * 7919) % 500).map((n) => ({ at: Math.floor(n / 7), name: `n${String(n).padStart(3, "0")}` }));
  const sorted = [...items].sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1)).map((item) => item.name);
  const names = (page: { items: Item[] }) => page.items.map((item) => item.name);

  it("pages in order without repeats or gaps", () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = pageInOrder(items, order, 60, token);
      expect(page.items.length).toBeLessThanOrEqual(60);
      seen.push(...names(page));
      token = page.nextToken;
    } while (token);
    expect(seen).toEqual(sorted);
  });

  it("keeps its place when items come and go between pages", () => {
    const item = (at: number, name = "x") => ({ at, name });
    const first = pageInOrder([item(1), item(3), item(5), item(7)], order, 2);
    expect(first.items).toEqual([item(1), item(3)]);
    const second = pageInOrder([item(2), item(3, "y"), item(5), item(6), item(7)], order, 2, first.nextToken);
    expect(second.items).toEqual([item(3, "y"), item(5)]);
    expect(pageInOrder([item(1)], order, 1).nextToken).toBeUndefined();
  });

  it("defaults to 60 and refuses tokens it did not issue", () => {
    expect(pageInOrder(items, order, undefined).items).toHaveLength(60);
    expect(pageInOrder(items, order, 0).items).toHaveLength(60);
    for (const token of ["not-a-token", Buffer.from(JSON.stringify({ after: "x" })).toString("base64url")]) {
      expect(() => pageInOrder(items, order, 10, token)).toThrow(invalid("Invalid pagination token."));
    }
  });
});

describe("findUsers", () => {
  const services = testServices();
  const pool = createPool(services, "us-east-1", { PoolName: "search" });
  const people: Array<[string, Record<string, string>]> = [
    ["ann", { email: "Ann@Example.com", given_name: "Ann", family_name: "Archer", phone_number: "+15550001", preferred_username: "annie" }],
    ["ben", { email: "ben@example.com", given_name: "Benjamin", family_name: "Baker", phone_number: "+15550002" }],
    ["bea", { email: "bea@other.org", given_name: "Bea", name: "Bea Archer" }],
    ["Cid", {}],
  ];
  const users = new Map<string, UserRecord>();
  for (const [Username, Attributes] of people) {
    users.set(Username, createUser(services, pool, { Username, Attributes, UserStatus: "CONFIRMED" }));
    services.clock.advance(0.001);
  }
  saveUser(services, users.get("ben")!, { Enabled: false });
  saveUser(services, users.get("Cid")!, { UserStatus: "UNCONFIRMED" });

  const names = (filter: string) => [...findUsers(services, pool, parseUserFilter(filter))].map((u) => u.Username).sort();

  it("matches exact values, ignoring case where Cognito does", () => {
    expect(names('email = "ann@example.com"')).toEqual(["ann"]);
    expect(names('username = "ben"')).toEqual(["ben"]);
    expect(names('username = "cid"')).toEqual([]); // usernames are case-sensitive in this pool
    expect(names('phone_number = "+15550002"')).toEqual(["ben"]);
    expect(names('preferred_username = "annie"')).toEqual(["ann"]);
    expect(names(`sub = "${users.get("bea")!.Sub}"`)).toEqual(["bea"]);
    expect(names('given_name = "bea"')).toEqual(["bea"]);
    expect(names('name = "Bea Archer"')).toEqual(["bea"]);
    expect(names('family_name = ""')).toEqual([]);
  });

  it("matches prefixes", () => {
    expect(names('given_name ^= "Be"')).toEqual(["bea", "ben"]);
    expect(names('email ^= "B"')).toEqual(["bea", "ben"]);
    expect(names('username ^= "b"')).toEqual(["bea", "ben"]);
    expect(names('family_name ^= "Arch"')).toEqual(["ann"]);
  });

  it("searches the enabled flag and the user status", () => {
    expect(names('status = "Disabled"')).toEqual(["ben"]);
    expect(names('status = "Enabled"')).toEqual(["Cid", "ann", "bea"]);
    expect(names('status = "disabled"')).toEqual([]);
    expect(names('cognito:user_status = "unconfirmed"')).toEqual(["Cid"]);
  });

  it("answers exact username, sub and alias filters from the indexes, never walking the pool", () => {
    const findBy = jest.spyOn(services.tables.users, "findBy");
    names('email = "ben@example.com"');
    names(`sub = "${users.get("ann")!.Sub}"`);
    names('phone_number = "+15550001"');
    names('preferred_username = "annie"');
    names('username = "bea"');
    expect(findBy.mock.calls.map(([index]) => index)).not.toContain("byPool");
    findBy.mockRestore();
  });

  it("follows a case-insensitive pool", () => {
    const loose = createPool(services, "us-east-1", { PoolName: "loose", UsernameConfiguration: { CaseSensitive: false } });
    createUser(services, loose, { Username: "Dora", Attributes: { preferred_username: "Explorer" }, UserStatus: "CONFIRMED" });
    const found = (filter: string) => [...findUsers(services, loose, parseUserFilter(filter))].map((u) => u.Username);
    expect(found('username = "dora"')).toEqual(["Dora"]);
    expect(found('preferred_username = "EXPLORER"')).toEqual(["Dora"]);
    expect(found('username ^= "DO"')).toEqual(["Dora"]);
  });

  it("orders users by creation, which no update changes", () => {
    const ordered = pageInOrder(findUsers(services, pool, undefined), USER_ORDER, 10).items;
    expect(ordered.map((u) => u.Username)).toEqual(["ann", "ben", "bea", "Cid"]);
  });
});

describe("listedUsers", () => {
  const services = testServices();
  const pool = createPool(services, "us-east-1", { PoolName: "attributes", Schema: [{ Name: "plan", AttributeDataType: "String" }] });
  const ann = createUser(services, pool, { Username: "ann", Attributes: { email: "ann@example.com", given_name: "Ann", "custom:plan": "gold" }, UserStatus: "CONFIRMED" });
  const ben = createUser(services, pool, { Username: "ben", Attributes: { email: "ben@example.com" }, UserStatus: "CONFIRMED" });

  it("shows every attribute unless told which", () => {
    const [listed] = listedUsers(pool, [ann], undefined);
    expect(listed).toMatchObject({ Username: "ann", Enabled: true, UserStatus: "CONFIRMED" });
    expect(listed.Attributes).toEqual([
      { Name: "sub", Value: ann.Sub },
      { Name: "email", Value: "ann@example.com" },
      { Name: "given_name", Value: "Ann" },
      { Name: "custom:plan", Value: "gold" },
    ]);
  });

  it("shows only the attributes asked for", () => {
    expect(listedUsers(pool, [ann, ben], ["email"]).map((u) => u.Attributes)).toEqual([
      [{ Name: "email", Value: "ann@example.com" }],
      [{ Name: "email", Value: "ben@example.com" }],
    ]);
    expect(listedUsers(pool, [ann], ["custom:plan", "sub"])[0].Attributes).toEqual([
      { Name: "sub", Value: ann.Sub },
      { Name: "custom:plan", Value: "gold" },
    ]);
    expect(listedUsers(pool, [ann], [])[0].Attributes).toEqual([]);
  });

  it("refuses attributes outside the schema, or missing from a listed user", () => {
    const missing = invalid("One or more requested attributes do not exist.");
    expect(() => listedUsers(pool, [ann], ["custom:nope"])).toThrow(missing);
    expect(() => listedUsers(pool, [ann, ben], ["given_name"])).toThrow(missing);
    expect(listedUsers(pool, [], ["given_name"])).toEqual([]);
  });
});

describe("finding users by sub and alias across pools", () => {
  it("keeps each pool's users apart when two pools hold the same sub, email or preferred_username", () => {
    const services = testServices();
    const one = createPool(services, "us-east-1", { PoolName: "one", AliasAttributes: ["email", "preferred_username"] });
    const two = createPool(services, "us-east-1", { PoolName: "two", AliasAttributes: ["email", "preferred_username"] });
    const sub = "0b7c6e2e-6f5d-4c35-9a0e-58b1d8f3e001";
    const attributes = { email: "Same@Example.com", email_verified: "true", preferred_username: "same@example.com" };
    const first = createUser(services, one, { Username: "a", Attributes: attributes, UserStatus: "CONFIRMED", Sub: sub });
    const second = createUser(services, two, { Username: "b", Attributes: attributes, UserStatus: "CONFIRMED", Sub: sub });
    const { tables } = services;
    expect(tables.userBySub(one.Id, sub)).toBe(first);
    expect(tables.userBySub(two.Id, sub)).toBe(second);
    expect(tables.userBySub(two.Id, "0b7c6e2e-6f5d-4c35-9a0e-58b1d8f3e002")).toBeUndefined();
    // Email is searched without case; another pool's holder, or another attribute with the same text, is no match.
    expect(tables.usersByAlias(one.Id, "email", "same@example.com")).toEqual([first]);
    expect(tables.usersByAlias(two.Id, "email", "SAME@example.com")).toEqual([second]);
    expect(tables.usersByAlias(one.Id, "preferred_username", "same@example.com")).toEqual([first]);
    expect(tables.usersByAlias(one.Id, "preferred_username", "Same@Example.com")).toEqual([]);
    expect(tables.usersByAlias(one.Id, "phone_number", "same@example.com")).toEqual([]);
    expect([...findUsers(services, two, parseUserFilter(`sub = "${sub}"`))]).toEqual([second]);
    expect([...findUsers(services, one, parseUserFilter('email = "SAME@EXAMPLE.COM"'))]).toEqual([first]);
  });
});
