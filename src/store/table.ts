/**
 * A keyed collection with secondary indexes, so every lookup the API makes is a map hit, never a scan.
 * Values are treated as immutable: writers put a new object (or use Store.update, which clones),
 * which is what lets a failed request be rolled back by restoring the old references.
 */
export type IndexKeys<T> = (value: T) => Iterable<string> | string | undefined;

export interface TableWriter {
  write(table: string, key: string, before: unknown, after: unknown): void;
}

export class Table<T> {
  private readonly rows = new Map<string, T>();
  private readonly indexes = new Map<string, { keysOf: IndexKeys<T>; entries: Map<string, Set<string>> }>();

  constructor(
    readonly name: string,
    private readonly writer: TableWriter,
  ) {}

  /**
   * Declares a secondary index; `keysOf` returns the index keys a row is filed under. Declaring an index
   * the table already has is a no-op, so modules can open their table with its indexes wherever they need it.
   */
  index(name: string, keysOf: IndexKeys<T>): this {
    if (this.indexes.has(name)) return this;
    const entries = new Map<string, Set<string>>();
    this.indexes.set(name, { keysOf, entries });
    for (const [key, row] of this.rows) this.fileUnder(entries, keysOf(row), key);
    return this;
  }

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  get size(): number {
    return this.rows.size;
  }

  put(key: string, value: T): void {
    const before = this.rows.get(key);
    this.applyRaw(key, value);
    this.writer.write(this.name, key, before, value);
  }

  delete(key: string): boolean {
    const before = this.rows.get(key);
    if (before === undefined) return false;
    this.applyRaw(key, undefined);
    this.writer.write(this.name, key, before, undefined);
    return true;
  }

  /** Primary keys filed under `indexKey` in index `name`, in insertion order. */
  keysBy(name: string, indexKey: string): string[] {
    const set = this.requireIndex(name).entries.get(indexKey);
    return set ? [...set] : [];
  }

  findBy(name: string, indexKey: string): T[] {
    const set = this.requireIndex(name).entries.get(indexKey);
    if (!set) return [];
    const out: T[] = [];
    for (const key of set) out.push(this.rows.get(key)!);
    return out;
  }

  findOneBy(name: string, indexKey: string): T | undefined {
    const set = this.requireIndex(name).entries.get(indexKey);
    if (!set) return undefined;
    for (const key of set) return this.rows.get(key);
    return undefined;
  }

  countBy(name: string, indexKey: string): number {
    return this.requireIndex(name).entries.get(indexKey)?.size ?? 0;
  }

  entries(): IterableIterator<[string, T]> {
    return this.rows.entries();
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }

  /** Writes without journaling: replay, rollback and clearing use it. */
  applyRaw(key: string, value: T | undefined): void {
    const before = this.rows.get(key);
    if (before !== undefined) {
      for (const { keysOf, entries } of this.indexes.values()) this.unfile(entries, keysOf(before), key);
    }
    if (value === undefined) {
      this.rows.delete(key);
      return;
    }
    this.rows.set(key, value);
    for (const { keysOf, entries } of this.indexes.values()) this.fileUnder(entries, keysOf(value), key);
  }

  clearRaw(): void {
    this.rows.clear();
    for (const index of this.indexes.values()) index.entries.clear();
  }

  private requireIndex(name: string) {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`table ${this.name} has no index ${name}`);
    return index;
  }

  private fileUnder(entries: Map<string, Set<string>>, indexKeys: ReturnType<IndexKeys<T>>, key: string) {
    if (indexKeys === undefined) return;
    for (const indexKey of typeof indexKeys === "string" ? [indexKeys] : indexKeys) {
      let set = entries.get(indexKey);
      if (!set) entries.set(indexKey, (set = new Set()));
      set.add(key);
    }
  }

  private unfile(entries: Map<string, Set<string>>, indexKeys: ReturnType<IndexKeys<T>>, key: string) {
    if (indexKeys === undefined) return;
    for (const indexKey of typeof indexKeys === "string" ? [indexKeys] : indexKeys) {
      const set = entries.get(indexKey);
      if (!set) continue;
      set.delete(key);
      if (set.size === 0) entries.delete(indexKey);
    }
  }
}
