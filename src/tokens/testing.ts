import { Clock } from "../clock";
import type { ClientRecord, GroupRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import { UserPoolTables } from "../services/user-pools/directory/tables";
import { Store } from "../store/store";
import { TokenService } from "./service";
import type { TokenSubjects } from "./subjects";

/**
 * Test support: a store holding one pool, client, user and groups, and a TokenService over it. Tests of
 * other parts build their services on it, so it keeps the user pools' own tables and records.
 */

export const REGION = "us-east-1";
export const POOL_ID = "us-east-1_Tokens001";
export const CLIENT_ID = "tokensclient00000000000001";
export const USER_SUB = "5b1c7f4e-2f0a-4b8e-9d3c-0a1b2c3d4e5f";

/** A clock stopped at a known instant (still movable with advance()), for exact claims. */
export class StoppedClock extends Clock {
  constructor(private readonly startMs = 1_700_000_000_000) {
    super();
  }

  override now(): number {
    return this.startMs + this.offsetSeconds * 1000;
  }
}

export const emulatorIssuer = (poolId: string) => `http://127.0.0.1:9229/${poolId}`;
export const awsIssuer = (poolId: string) => `https://cognito-idp.${poolId.split("_")[0]}.amazonaws.com/${poolId}`;

type UserPoolRecords = { pool: PoolRecord; client: ClientRecord; user: UserRecord; group: GroupRecord };

export interface TokenTestbed {
  store: Store;
  clock: Clock;
  tables: UserPoolTables;
  tokens: TokenService<UserPoolRecords>;
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  groups: GroupRecord[];
}

export function tokenTestbed(options: { clock?: Clock; issuerFor?: (poolId: string) => string; client?: Partial<ClientRecord>; store?: Store } = {}): TokenTestbed {
  const store = options.store ?? new Store();
  const clock = options.clock ?? new Clock();
  const tables = new UserPoolTables(store);
  const pool: PoolRecord = { Id: POOL_ID, Name: "tokens", Region: REGION, CreationDate: 0, LastModifiedDate: 0 };
  const client: ClientRecord = { UserPoolId: POOL_ID, ClientId: CLIENT_ID, ClientName: "web", CreationDate: 0, LastModifiedDate: 0, ...options.client };
  const groups: GroupRecord[] = [
    { UserPoolId: POOL_ID, GroupName: "readers", CreationDate: 0, LastModifiedDate: 0 },
    { UserPoolId: POOL_ID, GroupName: "admins", Precedence: 1, RoleArn: "arn:aws:iam::123456789012:role/Admin", CreationDate: 0, LastModifiedDate: 0 },
    { UserPoolId: POOL_ID, GroupName: "editors", Precedence: 5, RoleArn: "arn:aws:iam::123456789012:role/Editor", CreationDate: 0, LastModifiedDate: 0 },
  ];
  const user: UserRecord = {
    UserPoolId: POOL_ID,
    Username: "alice",
    Sub: USER_SUB,
    Attributes: {
      email: "alice@example.com",
      email_verified: "true",
      phone_number: "+15555550100",
      phone_number_verified: "false",
      name: "Alice",
      "custom:tier": "gold",
    },
    Enabled: true,
    UserStatus: "CONFIRMED",
    UserCreateDate: 0,
    UserLastModifiedDate: 0,
    Groups: groups.map((g) => g.GroupName),
  };
  tables.pools.put(pool.Id, pool);
  tables.clients.put(client.ClientId, client);
  for (const group of groups) tables.groups.put(tables.groupKey(POOL_ID, group.GroupName), group);
  tables.users.put(tables.userKey(POOL_ID, user.Username), user);
  const tokens = new TokenService(store, clock, tables, options.issuerFor ?? emulatorIssuer, tableSubjects(tables));
  return { store, clock, tables, tokens, pool, client, user, groups };
}

/** Pools, users and groups as the tables hold them; the testbed's pool has no pre token generation trigger. */
function tableSubjects(tables: UserPoolTables): TokenSubjects<UserPoolRecords> {
  return {
    hasPool: (poolId) => tables.pools.has(poolId),
    userBySub: (poolId, sub) => tables.users.findOneBy("bySub", `${poolId}/${sub}`),
    groupsOf: (user) => user.Groups.flatMap((name) => tables.groups.get(tables.groupKey(user.UserPoolId, name)) ?? []),
    preTokenGeneration: async () => ({}),
  };
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")));
  return { header, payload };
}
