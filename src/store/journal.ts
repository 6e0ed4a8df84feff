import fs from "node:fs";
import type { LowSync as LowSyncType } from "lowdb";

/** One journaled write: table, key, and the new value (null = deleted). */
export type JournalWrite = [table: string, key: string, value: unknown];

export interface Snapshot {
  version: 1;
  tables: Record<string, Record<string, unknown>>;
}

const EMPTY: Snapshot = { version: 1, tables: {} };

/**
 * Crash-safe persistence: a snapshot file written atomically through lowdb (temp file + rename), and
 * an append-only journal `<file>.journal` holding one JSON line per committed change. A change is
 * acknowledged only after its line is handed to the kernel with a single write(2), so it survives
 * `kill -9` of the process. Replaying full-value writes is idempotent, so a crash between snapshot
 * and journal truncation loses nothing.
 */
export class Journal {
  private readonly snapshotFile: LowSyncType<Snapshot>;
  private readonly journalPath: string;
  private fd: number | undefined;
  private linesSinceSnapshot = 0;

  constructor(
    readonly path: string,
    private readonly compactAfterLines = 20000,
  ) {
    // lowdb ships only ES modules; loading it here, when --persist is used, keeps the package requirable
    // from jest test files (jest's module system cannot require ES modules).
    const { LowSync } = require("lowdb") as typeof import("lowdb");
    const { JSONFileSync } = require("lowdb/node") as typeof import("lowdb/node");
    this.snapshotFile = new LowSync<Snapshot>(new JSONFileSync<Snapshot>(path), structuredClone(EMPTY));
    this.journalPath = `${path}.journal`;
  }

  /** Reads the snapshot and every complete journal line after it. */
  load(): { snapshot: Snapshot; writes: JournalWrite[] } {
    this.snapshotFile.read();
    const snapshot = this.snapshotFile.data ?? structuredClone(EMPTY);
    const writes: JournalWrite[] = [];
    if (fs.existsSync(this.journalPath)) {
      const text = fs.readFileSync(this.journalPath, "utf8");
      for (const line of text.split("\n")) {
        if (!line) continue;
        try {
          writes.push(...(JSON.parse(line) as JournalWrite[]));
          this.linesSinceSnapshot++;
        } catch {
          // A line cut short by a crash was never acknowledged: stop there.
          break;
        }
      }
    }
    return { snapshot, writes };
  }

  open(): void {
    this.fd = fs.openSync(this.journalPath, "a");
  }

  append(writes: JournalWrite[]): void {
    if (this.fd === undefined || writes.length === 0) return;
    fs.writeSync(this.fd, JSON.stringify(writes) + "\n");
    this.linesSinceSnapshot++;
  }

  get wantsCompaction(): boolean {
    return this.linesSinceSnapshot >= this.compactAfterLines;
  }

  /** Writes a full snapshot atomically, then empties the journal it supersedes. */
  snapshot(data: Snapshot): void {
    this.snapshotFile.data = data;
    this.snapshotFile.write();
    if (this.fd !== undefined) fs.ftruncateSync(this.fd, 0);
    else fs.rmSync(this.journalPath, { force: true });
    this.linesSinceSnapshot = 0;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
