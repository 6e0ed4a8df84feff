import { AsyncLocalStorage } from "node:async_hooks";
import { ServiceError } from "../errors";
import { Journal, type JournalOptions, type JournalWrite, type Snapshot } from "./journal";
import { PendingWrites, Table, type TableHost } from "./table";

/** How many times a transaction that lost a conflict runs again before the request fails. */
const MAX_ATTEMPTS = 5;

/** One request's view of the store: its own writes, held back until it commits. */
class Transaction {
  /** Set once its function has settled; async work it started may still write later, and commits at once. */
  ended = false;
  readonly pending = new Map<Table<unknown>, PendingWrites<unknown>>();
  /** Keys the request committed itself through keepOnFailure, with the sequence number of that commit. */
  readonly kept = new Map<Table<unknown>, Map<string, number>>();
  /** Run once the writes are committed; dropped with an attempt that fails or loses a conflict. */
  readonly committed: Array<() => void> = [];

  constructor(readonly startedAt: number) {}
}

/** The context keepOnFailure runs its function in: outside the request's transaction, but knowing it. */
class Kept {
  constructor(readonly outer: Transaction) {}
}

type Change = [table: Table<unknown>, key: string, value: unknown];

export type PersistOptions = Omit<JournalOptions, "compactAfterLines">;

/**
 * All emulator state: named tables in memory, optionally journaled to disk.
 *
 * A request runs inside `transaction()`, isolated from the others: it reads the committed rows overlaid
 * with its own writes, and nobody else sees those writes until it commits, when they reach memory and
 * the journal together. A request that fails leaves nothing behind. Nothing is locked, so a request
 * awaiting a Lambda trigger holds up no other. Instead, a request that writes a row another request
 * committed after it began conflicts (it may have read the row before that change), and its function
 * runs again from the start on the fresh state, as a client's retry would: a transaction's function must
 * confine its effects to the store or be safe to repeat (a trigger may be invoked again). After
 * MAX_ATTEMPTS, or when it kept writes through keepOnFailure, it fails with ConcurrentModificationException
 * instead. Only rows both wrote are compared: two requests that each check an index and then create
 * different rows (two users claiming one email alias) are not detected. Writes made outside any
 * transaction commit at once.
 */
export class Store implements TableHost {
  private readonly tables = new Map<string, Table<unknown>>();
  private readonly current = new AsyncLocalStorage<Transaction | Kept>();
  private journal: Journal | undefined;
  private loaded: Snapshot | undefined;
  private readonly listeners = new Set<(table: string, key: string) => void>();
  /** Transactions whose function has not settled: while there are none, reads skip the context lookup. */
  private open = 0;
  /** Sequence number of the last commit. */
  private sequence = 0;
  /** Tables whose `changedAt` has entries, cleared once no transaction is open. */
  private readonly stamped = new Set<Table<unknown>>();
  /**
   * While a baseline is kept: for every row committed since it was marked, the row's value at the
   * baseline (undefined: it had none). restoreBaseline() puts them back in one commit.
   */
  private undo: Map<Table<unknown>, Map<string, unknown>> | undefined;

  table<T>(name: string): Table<T> {
    let table = this.tables.get(name);
    if (!table) {
      table = new Table<unknown>(name, this);
      this.tables.set(name, table);
      this.restoreInto(name, table);
    }
    return table as Table<T>;
  }

  /**
   * Opens `path` for persistence and loads what it holds into the tables. Throws, with a message naming the
   * file, when the snapshot is not one or the journal is damaged before its end (see JournalOptions.recover).
   */
  /** Whether no table holds a row, opened or only loaded from disk. */
  get empty(): boolean {
    for (const table of this.tables.values()) if (table.committedSize > 0) return false;
    for (const [name, rows] of Object.entries(this.loaded?.tables ?? {})) if (!this.tables.has(name) && Object.keys(rows).length > 0) return false;
    return true;
  }

  persistTo(path: string, options: PersistOptions = {}): void {
    const journal = new Journal(path, options);
    const { snapshot, writes, recovered } = journal.load();
    for (const [table, key, value] of writes) {
      const rows = (snapshot.tables[table] ??= {});
      if (value === null) delete rows[key];
      else rows[key] = value;
    }
    this.loaded = snapshot;
    for (const [name, table] of this.tables) this.restoreInto(name, table);
    journal.open();
    this.journal = journal;
    // A recovered state starts over from a snapshot of what was kept, with an empty journal.
    if (recovered) journal.snapshot(this.dump());
  }

  get persistent(): boolean {
    return this.journal !== undefined;
  }

  /**
   * Runs `fn` as one isolated unit: all of its writes are committed, or none are. Called inside an open
   * transaction, `fn` joins it. The promise settles after the commit (and, with `sync`, once it is on disk).
   */
  transaction<R>(fn: () => Promise<R> | R): Promise<R> {
    const context = this.current.getStore();
    if (context instanceof Transaction && !context.ended) {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.attempt(fn, 1);
  }
  /**
   * Runs `fn` once the current transaction commits, or now when none is open: for what must happen only
   * when a request succeeds (calls to other services, notifications). A transaction that fails, or an
   * attempt that loses a conflict and runs again, drops it. Its own writes are committed on their own.
   */
  whenCommitted(fn: () => void): void {
    const tx = this.active();
    if (tx) tx.committed.push(fn);
    else runCommitted([fn]);
  }


  /**
   * Runs `fn` outside the current transaction: its writes commit at once and stay even when the request
   * then fails, for the few facts a failure itself must record (failed sign-in counts, wrong-code attempts).
   * It reads committed state, not the request's pending writes. A request that kept writes this way is
   * not run again on a conflict (they cannot be taken back): it fails with ConcurrentModificationException.
   */
  keepOnFailure<R>(fn: () => R): R {
    const outer = this.active();
    return outer ? this.current.run(new Kept(outer), fn) : this.current.exit(fn);
  }

  /** Called after each committed write with (table, key); the console and log listen. */
  onChange(listener: (table: string, key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every table's committed rows, as persisted: tables no code has opened yet in this run keep what was loaded. */
  dump(): Snapshot {
    const tables: Snapshot["tables"] = {};
    for (const [name, rows] of Object.entries(this.loaded?.tables ?? {})) if (!this.tables.has(name)) tables[name] = rows;
    for (const [name, table] of this.tables) tables[name] = Object.fromEntries(table.committedEntries());
    return { version: 1, tables };
  }

  /**
   * Marks the committed state as the baseline restoreBaseline() returns to: from now on, the value each row
   * had here is kept when a commit first changes it. Costs nothing until something changes.
   */
  markBaseline(): void {
    this.undo = new Map();
  }

  /** Whether a baseline is marked (and was not lost to clear()). */
  get hasBaseline(): boolean {
    return this.undo !== undefined;
  }

  /**
   * Puts back every row committed since the baseline, as one commit (journaled, and a conflict for open
   * transactions that wrote those rows), except those `keep` names; the result is the new baseline. Its
   * work is proportional to what changed since, not to what the store holds.
   */
  restoreBaseline(keep?: (table: string, key: string) => boolean): void {
    const undo = this.undo;
    if (!undo) throw new Error("no baseline to restore");
    const changes: Change[] = [];
    for (const [table, rows] of undo) {
      for (const [key, value] of rows) {
        if (keep?.(table.name, key)) continue;
        if (table.committedGet(key) !== value) changes.push([table, key, value]);
      }
    }
    this.undo = undefined;
    try {
      this.commit(changes, 0);
    } catch (error) {
      // Nothing was changed (the journal refused the line): the baseline still stands.
      this.undo = undo;
      throw error;
    }
    this.undo = new Map();
  }

  /** Empties every table at once, journaling the deletions, including those of tables not opened yet; the baseline goes too. */
  clear(): void {
    this.undo = undefined;
    const writes: JournalWrite[] = [];
    for (const [name, rows] of Object.entries(this.loaded?.tables ?? {})) {
      if (this.tables.has(name)) continue;
      for (const key of Object.keys(rows)) writes.push([name, key, null]);
    }
    for (const [name, table] of this.tables) for (const [key] of table.committedEntries()) writes.push([name, key, null]);
    if (writes.length === 0) return;
    this.journal?.append(writes);
    this.loaded = undefined;
    const sequence = ++this.sequence;
    for (const table of this.tables.values()) {
      if (this.open > 0) for (const [key] of table.committedEntries()) this.stamp(table, key, sequence);
      table.clearRaw();
    }
    this.afterCommit(writes);
    if (this.journal?.syncing) this.journal.durable().catch(() => undefined);
  }

  /** Writes a snapshot and closes the journal (graceful shutdown). */
  close(): void {
    if (!this.journal) return;
    this.journal.snapshot(this.dump());
    this.journal.close();
    this.journal = undefined;
  }

  /** TableHost: the pending writes of the open transaction this code runs in. */
  pendingOf<T>(table: Table<T>, create: boolean): PendingWrites<T> | undefined {
    const tx = this.active();
    if (!tx) return undefined;
    let pending = tx.pending.get(table as Table<unknown>);
    if (!pending && create) tx.pending.set(table as Table<unknown>, (pending = new PendingWrites<unknown>()));
    return pending as PendingWrites<T> | undefined;
  }

  /** TableHost: a write outside any transaction commits at once. */
  commitOne<T>(table: Table<T>, key: string, value: T | undefined): void {
    this.commit([[table as Table<unknown>, key, value]], 0);
    const context = this.current.getStore();
    if (context instanceof Kept && !context.outer.ended) {
      // The request's own kept write is not a conflict for it, and supersedes what it had pending there.
      const outer = context.outer;
      let keys = outer.kept.get(table as Table<unknown>);
      if (!keys) outer.kept.set(table as Table<unknown>, (keys = new Map()));
      keys.set(key, this.sequence);
      const pending = outer.pending.get(table as Table<unknown>) as PendingWrites<T> | undefined;
      if (pending) table.unstage(pending, key);
    }
  }

  /** The open transaction of the calling context, if any. */
  private active(): Transaction | undefined {
    if (this.open === 0) return undefined;
    const context = this.current.getStore();
    return context instanceof Transaction && !context.ended ? context : undefined;
  }

  private attempt<R>(fn: () => Promise<R> | R, attempt: number): Promise<R> {
    const tx = new Transaction(this.sequence);
    this.open++;
    let result: Promise<R> | R;
    try {
      result = this.current.run(tx, fn);
    } catch (error) {
      return this.fail(tx, error);
    }
    // A function that returns without awaiting commits before transaction() returns, as callers expect.
    if (!isPromiseLike(result)) return this.finish(tx, result, fn, attempt);
    return Promise.resolve(result).then(
      (value) => this.finish(tx, value, fn, attempt),
      (error: unknown) => this.fail(tx, error),
    );
  }

  private finish<R>(tx: Transaction, value: R, fn: () => Promise<R> | R, attempt: number): Promise<R> {
    tx.ended = true;
    let conflict: string | undefined;
    try {
      conflict = this.commitTransaction(tx);
    } catch (error) {
      this.release(tx);
      return Promise.reject(error);
    }
    this.release(tx);
    if (conflict === undefined) {
      runCommitted(tx.committed);
      return this.journal?.syncing ? this.journal.durable().then(() => value) : Promise.resolve(value);
    }
    if (tx.kept.size === 0 && attempt < MAX_ATTEMPTS) return this.attempt(fn, attempt + 1);
    return Promise.reject(
      new ServiceError("ConcurrentModificationException", `Another request changed the same data concurrently (${conflict}); retry the request.`),
    );
  }

  private fail<R>(tx: Transaction, error: unknown): Promise<R> {
    tx.ended = true;
    this.release(tx);
    // Writes it kept on purpose are acknowledged with the failure: with sync, wait for them too.
    if (tx.kept.size > 0 && this.journal?.syncing) return this.journal.durable().then(() => Promise.reject(error));
    return Promise.reject(error);
  }

  /**
   * A transaction no longer open: its pending writes are dropped (async work it started, such as a key
   * generation, keeps its context alive), and once none is open, nothing needs the change stamps.
   */
  private release(tx: Transaction): void {
    tx.pending.clear();
    this.open--;
    if (this.open === 0 && this.stamped.size > 0) {
      for (const table of this.stamped) table.changedAt.clear();
      this.stamped.clear();
    }
  }

  /** Commits the transaction's writes, or names the first row another commit changed after it began. */
  private commitTransaction(tx: Transaction): string | undefined {
    for (const [table, pending] of tx.pending) {
      if (table.changedAt.size === 0) continue;
      const kept = tx.kept.get(table);
      for (const key of pending.rows.keys()) {
        const changedAt = table.changedAt.get(key);
        if (changedAt !== undefined && changedAt > tx.startedAt && kept?.get(key) !== changedAt) return `${table.name} ${key}`;
      }
    }
    let size = 0;
    for (const pending of tx.pending.values()) size += pending.rows.size;
    if (size === 0) return undefined;
    // Journal lines and change events are built only for whoever reads them.
    const writes: JournalWrite[] | undefined = this.journal || this.listeners.size ? [] : undefined;
    if (writes) for (const [table, pending] of tx.pending) for (const [key, value] of pending.rows) writes.push([table.name, key, value === undefined ? null : value]);
    if (writes) this.journal?.append(writes);
    const sequence = ++this.sequence;
    const stamp = this.open > 1;
    for (const [table, pending] of tx.pending) {
      if (this.undo) for (const key of pending.rows.keys()) this.remember(table, key);
      // A table filled from empty (a large fixture's first load) takes the transaction's rows and indexes as they are.
      if (!stamp && table.adopt(pending)) continue;
      for (const [key, value] of pending.rows) {
        table.applyRaw(key, value);
        if (stamp) this.stamp(table, key, sequence);
      }
    }
    if (writes) this.afterCommit(writes);
    else if (this.journal?.wantsCompaction) this.journal.snapshot(this.dump());
    return undefined;
  }

  /**
   * Journals then applies committed changes: a failed journal write throws before memory changes.
   * `committing` is how many of the open transactions are this commit's own.
   */
  private commit(changes: Change[], committing: number): void {
    if (changes.length === 0) return;
    const writes = changes.map(toJournalWrite);
    this.journal?.append(writes);
    const sequence = ++this.sequence;
    const stamp = this.open > committing;
    for (const [table, key, value] of changes) {
      if (this.undo) this.remember(table, key);
      table.applyRaw(key, value);
      if (stamp) this.stamp(table, key, sequence);
    }
    this.afterCommit(writes);
    // Outside a transaction nobody awaits durability: the sync is started, not waited for.
    if (committing === 0 && this.journal?.syncing) this.journal.durable().catch(() => undefined);
  }

  private afterCommit(changed: JournalWrite[]): void {
    for (const listener of this.listeners) for (const [table, key] of changed) listener(table, key);
    if (this.journal?.wantsCompaction) this.journal.snapshot(this.dump());
  }

  /** Keeps the row's committed value for restoreBaseline(), the first time it changes after the baseline. */
  private remember(table: Table<unknown>, key: string): void {
    let rows = this.undo!.get(table);
    if (!rows) this.undo!.set(table, (rows = new Map()));
    if (!rows.has(key)) rows.set(key, table.committedGet(key));
  }

  private stamp(table: Table<unknown>, key: string, sequence: number): void {
    table.changedAt.set(key, sequence);
    this.stamped.add(table);
  }

  private restoreInto(name: string, table: Table<unknown>) {
    const rows = this.loaded?.tables[name];
    if (!rows) return;
    for (const [key, value] of Object.entries(rows)) table.applyRaw(key, value);
  }
}

function toJournalWrite([table, key, value]: Change): JournalWrite {
  return [table.name, key, value === undefined ? null : value];
}

function isPromiseLike<R>(value: Promise<R> | R): value is Promise<R> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function runCommitted(callbacks: Array<() => void>): void {
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      // The request has committed: its answer stands, whatever a follow-up does.
      process.emitWarning(`when-committed callback failed: ${(error as Error).message}`);
    }
  }
}
