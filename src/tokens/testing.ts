import { Clock } from "../clock";
import { Logger } from "../log";
import { createServices, type Services } from "../services/services";
import type { ClientRecord, GroupRecord, PoolRecord, UserRecord } from "../services/user-pools/directory/records";
import type { UserPoolTables } from "../services/user-pools/directory/tables";
import type { Store } from "../store/store";
import type { TokenService } from "./service";

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
  /** Services over the testbed's store, clock and tokens (silent log, emulator base URL). */
  services: Services;
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
  const services = createServices({
    options: { region: REGION },
    store: options.store,
    clock: options.clock ?? new Clock(),
    log: new Logger("text", true, () => {}),
    issuerFor: options.issuerFor ?? emulatorIssuer,
    baseUrl: () => "http://127.0.0.1:9229",
  });
  const { store, clock, tables, tokens } = services;
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
  return { services, store, clock, tables, tokens, pool, client, user, groups };
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")));
  return { header, payload };
}
