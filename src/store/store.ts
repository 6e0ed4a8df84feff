import { AsyncLocalStorage } from "node:async_hooks";
import { Journal, type JournalWrite, type Snapshot } from "./journal";
import { Table, type TableWriter } from "./table";

interface Transaction {
  /** Set once committed or rolled back; async work it started may still write later, and must not be lost. */
  ended: boolean;
  undo: Array<{ table: Table<unknown>; key: string; before: unknown }>;
  writes: JournalWrite[];
  /** Run once the writes are committed; dropped on rollback. */
  committed: Array<() => void>;
}

/**
 * All emulator state: named tables in memory, optionally journaled to disk. A request runs inside
 * `transaction()`: its writes reach the journal together when it succeeds and are undone when it
 * throws, so no operation is ever half-applied.
 */
export class Store implements TableWriter {
  private readonly tables = new Map<string, Table<unknown>>();
  private readonly current = new AsyncLocalStorage<Transaction>();
  private journal: Journal | undefined;
  private loaded: Snapshot | undefined;
  private readonly listeners = new Set<(table: string, key: string) => void>();

  table<T>(name: string): Table<T> {
    let table = this.tables.get(name);
    if (!table) {
      table = new Table<unknown>(name, this);
      this.tables.set(name, table);
      this.restoreInto(name, table);
    }
    return table as Table<T>;
  }

  /** Opens `path` for persistence and loads what it holds into the tables. */
  persistTo(path: string): void {
    const journal = new Journal(path);
    const { snapshot, writes } = journal.load();
    for (const [table, key, value] of writes) {
      const rows = (snapshot.tables[table] ??= {});
      if (value === null) delete rows[key];
      else rows[key] = value;
    }
    this.loaded = snapshot;
    for (const [name, table] of this.tables) this.restoreInto(name, table);
    journal.open();
    this.journal = journal;
  }

  get persistent(): boolean {
    return this.journal !== undefined;
  }

  /** Runs `fn` as one unit: all of its writes are kept and journaled, or none are. */
  async transaction<R>(fn: () => Promise<R> | R): Promise<R> {
    const open = this.current.getStore();
    if (open && !open.ended) return fn();
    const tx: Transaction = { ended: false, undo: [], writes: [], committed: [] };
    let result: R;
    try {
      result = await this.current.run(tx, fn);
      tx.ended = true;
      this.commit(tx.writes);
    } catch (error) {
      tx.ended = true;
      for (let i = tx.undo.length - 1; i >= 0; i--) {
        const { table, key, before } = tx.undo[i];
        table.applyRaw(key, before);
      }
      throw error;
    }
    for (const callback of tx.committed) {
      try {
        callback();
      } catch (error) {
        // The request has committed: its answer stands, whatever a follow-up does.
        process.emitWarning(`when-committed callback failed: ${(error as Error).message}`);
      }
    }
    return result;
  }

  /**
   * Runs `fn` once the current transaction commits, or now when none is open: for what must happen only
   * when a request succeeds (calls to other services, notifications). A rolled-back transaction drops
   * it. Its writes are committed on their own.
   */
  whenCommitted(fn: () => void): void {
    const tx = this.current.getStore();
    if (tx && !tx.ended) tx.committed.push(fn);
    else fn();
  }

  /**
   * Runs `fn` outside the current transaction, so its writes stay even when the request then fails:
   * for the few facts a failure itself must record (failed sign-in counts, wrong-code attempts).
   */
  keepOnFailure<R>(fn: () => R): R {
    return this.current.exit(fn);
  }

  write(table: string, key: string, before: unknown, after: unknown): void {
    const tx = this.current.getStore();
    const entry: JournalWrite = [table, key, after === undefined ? null : after];
    if (tx && !tx.ended) {
      tx.undo.push({ table: this.tables.get(table)!, key, before });
      tx.writes.push(entry);
    } else {
      this.commit([entry]);
    }
  }

  /** Called after each committed write with (table, key); the console and log listen. */
  onChange(listener: (table: string, key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every table's rows, as persisted: tables no code has opened yet in this run keep what was loaded. */
  dump(): Snapshot {
    const tables: Snapshot["tables"] = {};
    for (const [name, rows] of Object.entries(this.loaded?.tables ?? {})) if (!this.tables.has(name)) tables[name] = rows;
    for (const [name, table] of this.tables) tables[name] = Object.fromEntries(table.entries());
    return { version: 1, tables };
  }

  /** Empties every table, journaling the deletions, including those of tables not opened yet. */
  clear(): void {
    const writes: JournalWrite[] = [];
    for (const [name, rows] of Object.entries(this.loaded?.tables ?? {})) {
      if (this.tables.has(name)) continue;
      for (const key of Object.keys(rows)) writes.push([name, key, null]);
    }
    this.loaded = undefined;
    for (const [name, table] of this.tables) {
      for (const [key] of table.entries()) writes.push([name, key, null]);
      table.clearRaw();
    }
    this.commit(writes);
  }

  /** Writes a snapshot and closes the journal (graceful shutdown). */
  close(): void {
    if (!this.journal) return;
    this.journal.snapshot(this.dump());
    this.journal.close();
    this.journal = undefined;
  }

  private commit(writes: JournalWrite[]): void {
    if (writes.length === 0) return;
    if (this.journal) {
      this.journal.append(writes);
      if (this.journal.wantsCompaction) this.journal.snapshot(this.dump());
    }
    for (const listener of this.listeners) for (const [table, key] of writes) listener(table, key);
  }

  private restoreInto(name: string, table: Table<unknown>) {
    const rows = this.loaded?.tables[name];
    if (!rows) return;
    for (const [key, value] of Object.entries(rows)) table.applyRaw(key, value);
  }
}
