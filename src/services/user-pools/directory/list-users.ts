import type { AttributeType, UserType } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameter } from "../../../errors";
import type { Services } from "../../services";
import { attributeList, schemaOf } from "./attributes";
import type { PoolRecord, UserRecord } from "./records";
import { toUserType } from "./users";

/** What Cognito answers for a Limit left out (or 0): the most a page may hold. */
export const DEFAULT_PAGE_SIZE = 60;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** A total order for paging: a number (a creation time) first, then a string that never repeats. */
export interface Ordering<T> {
  rank(item: T): number;
  tieBreak(item: T): string;
}

interface Position {
  rank: number;
  tie: string;
}

/**
 * One page of `items` in the given order. The token names the last position returned, so items added or
 * removed between pages neither repeat nor go missing. Only the `limit + 1` first items past the token are
 * kept while walking, and nothing is allocated for the others: a page of a large pool costs one cheap pass.
 */
export function pageInOrder<T>(items: Iterable<T>, order: Ordering<T>, limit: number | undefined, token?: string): Page<T> {
  const size = limit || DEFAULT_PAGE_SIZE;
  const after = token === undefined ? undefined : decodePageToken(token);
  const best: Array<Position & { item: T }> = [];
  for (const item of items) {
    const rank = order.rank(item);
    const tie = order.tieBreak(item);
    if (after && compare(rank, tie, after) <= 0) continue;
    if (best.length > size && compare(rank, tie, best[best.length - 1]) >= 0) continue;
    best.splice(insertionPoint(best, rank, tie), 0, { rank, tie, item });
    if (best.length > size + 1) best.pop();
  }
  const page = best.slice(0, size);
  const more = best.length > size;
  return { items: page.map((entry) => entry.item), nextToken: more ? encodePageToken(page[page.length - 1]) : undefined };
}

function compare(rank: number, tie: string, position: Position): number {
  if (rank !== position.rank) return rank < position.rank ? -1 : 1;
  return tie < position.tie ? -1 : tie > position.tie ? 1 : 0;
}

function insertionPoint(sorted: readonly Position[], rank: number, tie: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(rank, tie, sorted[middle]) > 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function encodePageToken({ rank, tie }: Position): string {
  return Buffer.from(JSON.stringify({ after: [rank, tie] })).toString("base64url");
}

function decodePageToken(token: string): Position {
  try {
    const { after } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { after?: unknown };
    if (Array.isArray(after) && typeof after[0] === "number" && typeof after[1] === "string") return { rank: after[0], tie: after[1] };
  } catch {
    // reported below
  }
  throw InvalidParameter("Invalid pagination token.");
}

/** Users are listed oldest first; the sub breaks ties and never changes, so the order is stable. */
export const USER_ORDER: Ordering<UserRecord> = { rank: (user) => user.UserCreateDate, tieBreak: (user) => user.Sub };

// ---- Filter -------------------------------------------------------------------------------------

export type FilterOperator = "=" | "^=";

export interface UserFilter {
  attribute: string;
  operator: FilterOperator;
  value: string;
}

/** How one searchable attribute is read from a user and compared. */
interface Searchable {
  read(user: UserRecord): string | undefined;
  /** The form both sides are compared in (case folding where Cognito ignores case). */
  fold(value: string, services: Services, pool: PoolRecord): string;
  /** Users holding exactly `value`, from an index; absent for attributes only a walk can search. */
  lookup?(services: Services, pool: PoolRecord, value: string): UserRecord[];
}

const asIs = (value: string) => value;
const lower = (value: string) => value.toLowerCase();
/** Usernames, preferred_username and aliases compare as the pool signs users in: without case when it is case-insensitive. */
const poolCase = (value: string, services: Services, pool: PoolRecord) => (services.tables.isCaseInsensitive(pool.Id) ? value.toLowerCase() : value);

function aliasSearch(attribute: "email" | "phone_number" | "preferred_username"): Searchable {
  return {
    read: (user) => user.Attributes[attribute],
    // Mirrors the alias index key (tables.aliasKey): email never minds case, the others follow the pool.
    fold: attribute === "email" ? lower : poolCase,
    lookup: (services, pool, value) => services.tables.usersByAlias(pool.Id, attribute, value),
  };
}

function nameSearch(attribute: string): Searchable {
  return { read: (user) => user.Attributes[attribute], fold: lower };
}

/** The attributes ListUsers can search, per the API reference; custom attributes are not searchable. */
const SEARCHABLE: ReadonlyMap<string, Searchable> = new Map<string, Searchable>([
  [
    "username",
    {
      read: (user) => user.Username,
      fold: poolCase,
      lookup: (services, pool, value) => {
        const user = services.tables.users.get(services.tables.userKey(pool.Id, value));
        return user ? [user] : [];
      },
    },
  ],
  ["email", aliasSearch("email")],
  ["phone_number", aliasSearch("phone_number")],
  ["preferred_username", aliasSearch("preferred_username")],
  ["name", nameSearch("name")],
  ["given_name", nameSearch("given_name")],
  ["family_name", nameSearch("family_name")],
  ["cognito:user_status", { read: (user) => user.UserStatus, fold: (value) => value.toUpperCase() }],
  ["status", { read: (user) => (user.Enabled ? "Enabled" : "Disabled"), fold: asIs }],
  [
    "sub",
    {
      read: (user) => user.Sub,
      fold: asIs,
      lookup: (services, pool, value) => {
        const user = services.tables.userBySub(pool.Id, value);
        return user ? [user] : [];
      },
    },
  ],
]);

/** `name = "value"` or `name ^= "value"`; the name may be quoted, `\"` escapes a quote in the value. */
const FILTER_SYNTAX = /^\s*(?:"([^"]*)"|([^\s"=^]+))\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/** Parses ListUsers' Filter; an empty filter means every user. */
export function parseUserFilter(filter: string | undefined): UserFilter | undefined {
  if (filter === undefined || filter.trim() === "") return undefined;
  const match = FILTER_SYNTAX.exec(filter);
  if (!match) throw InvalidParameter("Error while parsing filter.");
  const attribute = match[1] ?? match[2];
  if (!SEARCHABLE.has(attribute)) throw InvalidParameter(`Invalid search attribute: ${attribute}`);
  return { attribute, operator: match[3] as FilterOperator, value: match[4].replace(/\\(.)/g, "$1") };
}

/**
 * The pool's users the filter selects. Exact matches on username, sub, email, phone_number and
 * preferred_username are index lookups; the other attributes and prefix matches walk the pool.
 */
export function findUsers(services: Services, pool: PoolRecord, filter: UserFilter | undefined): Iterable<UserRecord> {
  if (!filter) return services.tables.users.findBy("byPool", pool.Id);
  const searchable = SEARCHABLE.get(filter.attribute)!;
  const wanted = searchable.fold(filter.value, services, pool);
  const matches = (user: UserRecord) => {
    const value = searchable.read(user);
    if (value === undefined) return false;
    const folded = searchable.fold(value, services, pool);
    return filter.operator === "=" ? folded === wanted : folded.startsWith(wanted);
  };
  const candidates =
    filter.operator === "=" && searchable.lookup ? searchable.lookup(services, pool, filter.value) : services.tables.users.findBy("byPool", pool.Id);
  return candidates.filter(matches);
}

// ---- Attributes to get --------------------------------------------------------------------------

const MISSING_ATTRIBUTES = "One or more requested attributes do not exist.";

/**
 * The users as ListUsers shows them. With AttributesToGet, each user carries only those attributes,
 * and Cognito refuses the request when an attribute is not in the schema or a listed user has no value for it.
 */
export function listedUsers(pool: PoolRecord, users: readonly UserRecord[], attributesToGet: readonly string[] | undefined): UserType[] {
  if (attributesToGet === undefined) return users.map(toUserType);
  const schema = schemaOf(pool);
  if (attributesToGet.some((name) => !schema.has(name))) throw InvalidParameter(MISSING_ATTRIBUTES);
  return users.map((user) => ({ ...toUserType(user), Attributes: selectedAttributes(user, attributesToGet) }));
}

function selectedAttributes(user: UserRecord, names: readonly string[]): AttributeType[] {
  const wanted = new Set(names);
  const selected = attributeList(user).filter((attribute) => wanted.has(attribute.Name!));
  if (selected.length < wanted.size) throw InvalidParameter(MISSING_ATTRIBUTES);
  return selected;
}
