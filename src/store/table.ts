/**
 * A keyed collection with secondary indexes, so every lookup the API makes is a map hit, never a scan.
 * Values are treated as immutable: writers put a new object, never change one they read. That is what
 * lets a transaction keep its writes aside and share every row it did not write with the committed maps.
 */
export type IndexKeys<T> = (value: T) => Iterable<string> | string | undefined;

/**
 * One transaction's uncommitted writes to one table. Reads inside the transaction see the committed rows
 * overlaid with these; other transactions do not see them until the store commits them.
 */
export class PendingWrites<T> {
  /** Key -> new value (undefined: deleted), in the order last written, as the committed maps order them. */
  readonly rows = new Map<string, T | undefined>();
  /** Per index name, the index keys of the pending rows; built on the transaction's first read through it. */
  filed: Map<string, Filed> | undefined;
  /** Bumped on every pending write, so `size` can reuse its last count. */
  version = 0;
  sizeCache: { version: number; tableVersion: number; size: number } | undefined;
}

/** What a table needs from its store. */
export interface TableHost {
  /** The pending writes to `table` of the transaction this code runs in; `create` makes them if absent. */
  pendingOf<T>(table: Table<T>, create: boolean): PendingWrites<T> | undefined;
  /** Commits one write made outside any transaction. */
  commitOne<T>(table: Table<T>, key: string, value: T | undefined): void;
}

/**
 * An index: index key -> the primary keys filed under it, in insertion order. Most index keys name one row
 * (a sub, an email), so a lone key is kept as itself and only two or more take a Set.
 */
type Filed = Map<string, string | Set<string>>;

interface Index<T> {
  keysOf: IndexKeys<T>;
  entries: Filed;
}

/** Below this many rows a commit applies them one by one; adopting pays off for bulk loads. */
const ADOPT_FROM = 1000;

export class Table<T> {
  private rows = new Map<string, T>();
  private readonly indexes = new Map<string, Index<T>>();
  /** Bumped on every committed change. */
  private version = 0;
  private deleted = 0;
  /**
   * Sequence number of the last commit that changed each key, kept only while transactions are open:
   * a transaction that writes a key changed after it began conflicts.
   */
  readonly changedAt = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly host: TableHost,
  ) {}

  /**
   * Declares a secondary index; `keysOf` returns the index keys a row is filed under. Declaring an index
   * the table already has is a no-op, so modules can open their table with its indexes wherever they need it.
   */
  index(name: string, keysOf: IndexKeys<T>): this {
    if (this.indexes.has(name)) return this;
    const entries: Filed = new Map();
    this.indexes.set(name, { keysOf, entries });
    for (const [key, row] of this.rows) fileUnder(entries, keysOf(row), key);
    return this;
  }

  get(key: string): T | undefined {
    const pending = this.host.pendingOf(this, false);
    if (pending?.rows.has(key)) return pending.rows.get(key);
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    const pending = this.host.pendingOf(this, false);
    if (!pending || pending.rows.size === 0) return this.rows.size;
    const cache = pending.sizeCache;
    if (cache && cache.version === pending.version && cache.tableVersion === this.version) return cache.size;
    let size = this.rows.size;
    for (const [key, value] of pending.rows) size += (value === undefined ? 0 : 1) - (this.rows.has(key) ? 1 : 0);
    pending.sizeCache = { version: pending.version, tableVersion: this.version, size };
    return size;
  }

  put(key: string, value: T): void {
    const pending = this.host.pendingOf(this, true);
    if (pending) this.stage(pending, key, value);
    else this.host.commitOne(this, key, value);
  }

  delete(key: string): boolean {
    const pending = this.host.pendingOf(this, true);
    if (!pending) {
      if (!this.rows.has(key)) return false;
      this.host.commitOne(this, key, undefined);
      return true;
    }
    if ((pending.rows.has(key) ? pending.rows.get(key) : this.rows.get(key)) === undefined) return false;
    this.stage(pending, key, undefined);
    return true;
  }

  /** Primary keys filed under `indexKey` in index `name`, in insertion order. */
  keysBy(name: string, indexKey: string): string[] {
    const index = this.requireIndex(name);
    const committed = index.entries.get(indexKey);
    const pending = this.host.pendingOf(this, false);
    if (!pending || pending.rows.size === 0) return committed === undefined ? [] : typeof committed === "string" ? [committed] : [...committed];
    const out: string[] = [];
    if (committed !== undefined) for (const key of keysIn(committed)) if (!pending.rows.has(key)) out.push(key);
    const own = this.filedPending(pending, name, index).get(indexKey);
    if (own !== undefined) for (const key of keysIn(own)) out.push(key);
    return out;
  }

  findBy(name: string, indexKey: string): T[] {
    const index = this.requireIndex(name);
    const committed = index.entries.get(indexKey);
    const pending = this.host.pendingOf(this, false);
    const out: T[] = [];
    if (!pending || pending.rows.size === 0) {
      if (committed !== undefined) for (const key of keysIn(committed)) out.push(this.rows.get(key)!);
      return out;
    }
    if (committed !== undefined) for (const key of keysIn(committed)) if (!pending.rows.has(key)) out.push(this.rows.get(key)!);
    const own = this.filedPending(pending, name, index).get(indexKey);
    if (own !== undefined) for (const key of keysIn(own)) out.push(pending.rows.get(key)!);
    return out;
  }

  findOneBy(name: string, indexKey: string): T | undefined {
    const index = this.requireIndex(name);
    const committed = index.entries.get(indexKey);
    const pending = this.host.pendingOf(this, false);
    if (!pending || pending.rows.size === 0) {
      if (committed === undefined) return undefined;
      return this.rows.get(typeof committed === "string" ? committed : committed.values().next().value!);
    }
    if (typeof committed === "string") {
      if (!pending.rows.has(committed)) return this.rows.get(committed);
    } else if (committed !== undefined) {
      for (const key of committed) if (!pending.rows.has(key)) return this.rows.get(key);
    }
    const own = this.filedPending(pending, name, index).get(indexKey);
    if (own === undefined) return undefined;
    return pending.rows.get(typeof own === "string" ? own : own.values().next().value!);
  }

  countBy(name: string, indexKey: string): number {
    const index = this.requireIndex(name);
    const committed = index.entries.get(indexKey);
    const pending = this.host.pendingOf(this, false);
    if (!pending || pending.rows.size === 0) return sizeOf(committed);
    let count = 0;
    if (committed !== undefined) {
      count = sizeOf(committed);
      // Walk the smaller of the two to find committed rows the transaction rewrote or deleted.
      if (typeof committed !== "string" && pending.rows.size < committed.size) {
        for (const key of pending.rows.keys()) if (committed.has(key)) count--;
      } else {
        for (const key of keysIn(committed)) if (pending.rows.has(key)) count--;
      }
    }
    return count + sizeOf(this.filedPending(pending, name, index).get(indexKey));
  }

  entries(): IterableIterator<[string, T]> {
    const pending = this.host.pendingOf(this, false);
    if (!pending || pending.rows.size === 0) return this.rows.entries();
    return this.overlaidEntries(pending);
  }

  values(): IterableIterator<T> {
    const pending = this.host.pendingOf(this, false);
    if (!pending || pending.rows.size === 0) return this.rows.values();
    return mapIterator(this.overlaidEntries(pending), ([, value]) => value);
  }

  /** How many committed rows were deleted so far: unchanged, no row went. */
  get deletions(): number {
    return this.deleted;
  }

  /** Applies a committed write (commit, replay, clearing): the store calls it, never domain code. */
  applyRaw(key: string, value: T | undefined): void {
    this.version++;
    const before = this.rows.get(key);
    if (before !== undefined) {
      for (const { keysOf, entries } of this.indexes.values()) unfile(entries, keysOf(before), key);
    }
    if (value === undefined) {
      if (this.rows.delete(key)) this.deleted++;
      return;
    }
    this.rows.set(key, value);
    for (const { keysOf, entries } of this.indexes.values()) fileUnder(entries, keysOf(value), key);
  }

  /**
   * Takes a committed transaction's rows, and the index overlays it built, as this table's own, when the
   * table is empty and the transaction deleted nothing: a bulk first fill is then not copied row by row.
   * False (nothing done) otherwise.
   */
  adopt(pending: PendingWrites<T>): boolean {
    if (this.rows.size > 0 || pending.rows.size < ADOPT_FROM) return false;
    for (const value of pending.rows.values()) if (value === undefined) return false;
    this.version++;
    this.rows = pending.rows as Map<string, T>;
    for (const [name, index] of this.indexes) {
      const filed = pending.filed?.get(name);
      if (filed) index.entries = filed;
      else for (const [key, row] of this.rows) fileUnder(index.entries, index.keysOf(row), key);
    }
    return true;
  }

  clearRaw(): void {
    this.version++;
    this.deleted += this.rows.size;
    this.rows.clear();
    for (const index of this.indexes.values()) index.entries.clear();
  }

  /** The committed row, whatever transaction the caller runs in. */
  committedGet(key: string): T | undefined {
    return this.rows.get(key);
  }

  get committedSize(): number {
    return this.rows.size;
  }

  /** The committed rows, whatever transaction the caller runs in (snapshots, clearing). */
  committedEntries(): IterableIterator<[string, T]> {
    return this.rows.entries();
  }

  /** Records a write in the transaction's pending set, keeping the index overlays it has built in step. */
  stage(pending: PendingWrites<T>, key: string, value: T | undefined): void {
    if (pending.filed) {
      const had = pending.rows.has(key);
      const before = pending.rows.get(key);
      for (const [name, filed] of pending.filed) {
        const { keysOf } = this.indexes.get(name)!;
        if (had && before !== undefined) unfile(filed, keysOf(before), key);
        if (value !== undefined) fileUnder(filed, keysOf(value), key);
      }
    }
    // Re-writing a key moves it last, as unfiling and refiling moves it in a committed index.
    pending.rows.delete(key);
    pending.rows.set(key, value);
    pending.version++;
  }

  /** Drops a pending write (the same request committed that key itself, through keepOnFailure). */
  unstage(pending: PendingWrites<T>, key: string): void {
    if (!pending.rows.has(key)) return;
    const before = pending.rows.get(key);
    if (pending.filed && before !== undefined) {
      for (const [name, filed] of pending.filed) unfile(filed, this.indexes.get(name)!.keysOf(before), key);
    }
    pending.rows.delete(key);
    pending.version++;
  }

  private filedPending(pending: PendingWrites<T>, name: string, index: Index<T>): Filed {
    pending.filed ??= new Map();
    let filed = pending.filed.get(name);
    if (!filed) {
      filed = new Map();
      for (const [key, value] of pending.rows) if (value !== undefined) fileUnder(filed, index.keysOf(value), key);
      pending.filed.set(name, filed);
    }
    return filed;
  }

  /** Committed rows in their order with the transaction's versions in place, then the rows it added. */
  private *overlaidEntries(pending: PendingWrites<T>): IterableIterator<[string, T]> {
    for (const entry of this.rows) {
      if (!pending.rows.has(entry[0])) yield entry;
      else {
        const value = pending.rows.get(entry[0]);
        if (value !== undefined) yield [entry[0], value];
      }
    }
    for (const [key, value] of pending.rows) if (value !== undefined && !this.rows.has(key)) yield [key, value];
  }

  private requireIndex(name: string): Index<T> {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`table ${this.name} has no index ${name}`);
    return index;
  }
}

function* mapIterator<A, B>(source: Iterable<A>, map: (a: A) => B): IterableIterator<B> {
  for (const item of source) yield map(item);
}

function fileUnder(entries: Filed, indexKeys: string | Iterable<string> | undefined, key: string): void {
  if (indexKeys === undefined) return;
  if (typeof indexKeys === "string") fileOne(entries, indexKeys, key);
  else for (const indexKey of indexKeys) fileOne(entries, indexKey, key);
}

function fileOne(entries: Filed, indexKey: string, key: string): void {
  const filed = entries.get(indexKey);
  if (filed === undefined) entries.set(indexKey, key);
  else if (typeof filed !== "string") filed.add(key);
  else if (filed !== key) entries.set(indexKey, new Set([filed, key]));
}

function unfile(entries: Filed, indexKeys: string | Iterable<string> | undefined, key: string): void {
  if (indexKeys === undefined) return;
  if (typeof indexKeys === "string") unfileOne(entries, indexKeys, key);
  else for (const indexKey of indexKeys) unfileOne(entries, indexKey, key);
}

function unfileOne(entries: Filed, indexKey: string, key: string): void {
  const filed = entries.get(indexKey);
  if (filed === undefined) return;
  if (typeof filed === "string") {
    if (filed === key) entries.delete(indexKey);
    return;
  }
  filed.delete(key);
  if (filed.size === 1) entries.set(indexKey, filed.values().next().value!);
  else if (filed.size === 0) entries.delete(indexKey);
}

function keysIn(filed: string | Set<string>): Iterable<string> {
  return typeof filed === "string" ? [filed] : filed;
}

function sizeOf(filed: string | Set<string> | undefined): number {
  return filed === undefined ? 0 : typeof filed === "string" ? 1 : filed.size;
}
