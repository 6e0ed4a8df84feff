import type { Store } from "./store";
import type { Table } from "./table";

/**
 * Tables declared once: name, key, secondary indexes, expiry and owners. The declaration is what every
 * module opens (`users.open(services)`), what the sweeper walks for expired rows, and what deleting a
 * row follows to remove everything it owns. Adding state is adding a declaration to a `tables.ts`.
 */

/** What an index files a row under: one key, several, or none. */
export type IndexKeys = Iterable<string> | string | undefined;

/** Whatever reaches a store: Services, a test bed, or the store itself. */
export type StoreHolder = { store: Store } | Store;

/** The members of T that hold a time. */
type TimeField<T> = { [K in keyof T]-?: T[K] extends number | undefined ? K : never }[keyof T] & string;

/**
 * Rows of a table that belong to a row of `parent` and go when it goes: found through an index of this
 * table (`index`, under the key `by` gives for the parent), or by their primary keys (`keys`).
 */
export type Owner<P> = { parent: TableDeclaration<P, any> } & ({ index: string; by: (parent: P) => string } | { keys: (parent: P) => Iterable<string> });

export interface TableSpec<T, C> {
  /** The table's name in the store and in persisted state; never renamed once shipped. */
  name: string;
  /** The primary key of a row, for tables whose rows carry it (some are keyed by a secret's hash). */
  key?: (row: T, store: Store) => string;
  /** Secondary indexes: name -> the index keys a row is filed under. Lookups by them never scan. */
  indexes?: Record<string, (row: T, store: Store) => IndexKeys>;
  /** A row is useless once `row[field]` (epoch ms or seconds) has passed: the sweeper drops it. */
  expiry?: { field: TimeField<T>; unit: "ms" | "seconds" };
  /** Rows whose deletion takes this table's rows with them (built with `ownedBy`). */
  owners?: ReadonlyArray<Owner<any>>;
  /**
   * What deleting a row must do beyond removing rows (revoking, updating others): called once the rows
   * it owns are gone, before the row itself goes. Expiry never calls it.
   */
  onDelete?: (ctx: C, row: T, key: string) => void;
}

/** Declares that the table's rows belong to rows of `parent` (see Owner). */
export function ownedBy<P>(parent: TableDeclaration<P, any>, how: { index: string; by: (parent: P) => string } | { keys: (parent: P) => Iterable<string> }): Owner<P> {
  return { parent, ...how };
}

const registry: TableDeclaration<any, any>[] = [];
const byName = new Map<string, TableDeclaration<any, any>>();
let childrenCache: Map<TableDeclaration<any, any>, Array<{ child: TableDeclaration<any, any>; owner: Owner<any> }>> | undefined;

export class TableDeclaration<T, C = unknown> {
  readonly name: string;
  private readonly opened = new WeakSet<Table<T>>();

  constructor(readonly spec: TableSpec<T, C>) {
    this.name = spec.name;
  }

  /** The table in this store, with its indexes; opening is cheap and the first open restores persisted rows. */
  open(holder: StoreHolder): Table<T> {
    const store = storeOf(holder);
    const table = store.table<T>(this.name);
    if (!this.opened.has(table)) {
      for (const [name, keysOf] of Object.entries(this.spec.indexes ?? {})) table.index(name, (row) => keysOf(row, store));
      this.opened.add(table);
    }
    return table;
  }

  /** The row's primary key, as the declaration computes it. */
  keyOf(row: T, holder: StoreHolder): string {
    if (!this.spec.key) throw new Error(`table ${this.name} declares no key`);
    return this.spec.key(row, storeOf(holder));
  }

  /** Writes the row under its own key. */
  save(holder: StoreHolder, row: T): T {
    this.open(holder).put(this.keyOf(row, holder), row);
    return row;
  }

  /** Deletes the row and, first, every row it owns, transitively; false when there was no such row. */
  remove(ctx: C & { store: Store }, key: string): boolean {
    return removeRow(ctx, this, key);
  }
}

/** Declares a table; each name is declared once, in the `tables.ts` of the module that owns it. */
export function declareTable<T, C = unknown>(spec: TableSpec<T, C>): TableDeclaration<T, C> {
  if (byName.has(spec.name)) throw new Error(`table ${spec.name} is declared twice`);
  const declaration = new TableDeclaration<T, C>(spec);
  registry.push(declaration);
  byName.set(spec.name, declaration);
  childrenCache = undefined;
  return declaration;
}

/** Every declaration loaded so far; services load them all (src/tables.ts). */
export function allDeclarations(): readonly TableDeclaration<any, any>[] {
  return registry;
}

function removeRow(ctx: { store: Store }, declaration: TableDeclaration<any, any>, key: string): boolean {
  const table = declaration.open(ctx);
  const row = table.get(key);
  if (row === undefined) return false;
  for (const { child, owner } of childrenOf(declaration)) {
    const rows = child.open(ctx);
    const keys = "index" in owner ? rows.keysBy(owner.index, owner.by(row)) : [...owner.keys(row)];
    for (const childKey of keys) removeRow(ctx, child, childKey);
  }
  declaration.spec.onDelete?.(ctx, row, key);
  table.delete(key);
  return true;
}

function childrenOf(declaration: TableDeclaration<any, any>) {
  if (!childrenCache) {
    childrenCache = new Map();
    for (const child of registry) {
      for (const owner of child.spec.owners ?? []) {
        let list = childrenCache.get(owner.parent);
        if (!list) childrenCache.set(owner.parent, (list = []));
        list.push({ child, owner });
      }
    }
  }
  return childrenCache.get(declaration) ?? [];
}

/** Drops the table's expired rows (a scan: for a timer, never a request); returns how many. */
export function sweepTable<T>(holder: StoreHolder, declaration: TableDeclaration<T, any>, nowMs: number): number {
  const expiry = declaration.spec.expiry;
  if (!expiry) return 0;
  const now = expiry.unit === "ms" ? nowMs : Math.floor(nowMs / 1000);
  const table = declaration.open(holder);
  let dropped = 0;
  for (const [key, row] of [...table.entries()]) {
    const at = row[expiry.field as keyof T];
    if (typeof at === "number" && at <= now && table.delete(key)) dropped++;
  }
  return dropped;
}

/** Drops the expired rows of every table that declares an expiry; returns how many. */
export function sweepExpired(holder: StoreHolder, nowMs: number): number {
  let dropped = 0;
  for (const declaration of registry) dropped += sweepTable(holder, declaration, nowMs);
  return dropped;
}

function storeOf(holder: StoreHolder): Store {
  return "store" in holder ? holder.store : holder;
}
