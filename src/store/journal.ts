import fs from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";

/** One journaled write: table, key, and the new value (null = deleted). */
export type JournalWrite = [table: string, key: string, value: unknown];

export interface Snapshot {
  version: 1;
  tables: Record<string, Record<string, unknown>>;
}

export interface JournalOptions {
  /** fsync (fdatasync) the journal before a commit is acknowledged, and the snapshot before it replaces the old one. */
  sync?: boolean;
  /** Load what is readable from a journal with damaged lines instead of refusing it. */
  recover?: boolean;
  /** Lines a person should read: a dropped torn tail, what recovery kept. */
  log?: (line: string) => void;
  /** Journal lines after which the store writes a snapshot and empties the journal. */
  compactAfterLines?: number;
}

export interface Loaded {
  snapshot: Snapshot;
  writes: JournalWrite[];
  /** Recovery set damaged lines aside: the caller writes a snapshot so the journal starts clean. */
  recovered: boolean;
}

const NEWLINE = 0x0a;
const HEADER = /^(\d{1,10}) ([0-9a-f]{8}) /;

/**
 * Persistence in two files: a snapshot `<file>` replaced atomically (temporary file, flush, rename), and an
 * append-only journal `<file>.journal` with one line per commit since the snapshot. Each line is
 * `<byte length> <crc32 hex> <JSON array of writes>`, so a line cut short or damaged is recognised rather
 * than misread. A commit is acknowledged once its line is handed to the kernel (survives the process being
 * killed) or, with `sync`, once it is on the disk (survives power loss too). Replaying full-value writes is
 * idempotent, so a crash between writing a snapshot and emptying the journal loses nothing.
 */
export class Journal {
  readonly journalPath: string;
  private fd: number | undefined;
  /** Bytes in the journal file: where a failed append is cut back to. */
  private size = 0;
  private linesSinceSnapshot = 0;
  private readonly sync: boolean;
  private readonly compactAfterLines: number;
  private flushing = false;
  private waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  constructor(
    readonly path: string,
    private readonly options: JournalOptions = {},
  ) {
    this.journalPath = `${path}.journal`;
    this.sync = options.sync ?? false;
    this.compactAfterLines = options.compactAfterLines ?? 20000;
  }

  /**
   * Reads the snapshot and the journal's writes. A torn last line (the process stopped while writing it,
   * so it was never acknowledged) is cut off and logged. A damaged line with intact lines after it means
   * the file was changed or the disk lost data: that refuses to load, unless `recover` is set.
   */
  load(): Loaded {
    const snapshot = this.readSnapshot();
    if (!fs.existsSync(this.journalPath)) return { snapshot, writes: [], recovered: false };
    const data = fs.readFileSync(this.journalPath);
    const lines = splitLines(data);
    const firstBad = lines.findIndex((line) => !line.writes);
    if (firstBad === -1) {
      this.linesSinceSnapshot = lines.length;
      return { snapshot, writes: lines.flatMap((line) => line.writes!), recovered: false };
    }
    const laterGood = lines.slice(firstBad).some((line) => line.writes && line.length > 0);
    if (!laterGood) {
      const keep = lines[firstBad].start;
      fs.truncateSync(this.journalPath, keep);
      this.options.log?.(
        `${this.journalPath}: dropped ${data.length - keep} bytes at its end, a change cut short when the process stopped (it had not been acknowledged)`,
      );
      const good = lines.slice(0, firstBad);
      this.linesSinceSnapshot = good.length;
      return { snapshot, writes: good.flatMap((line) => line.writes!), recovered: false };
    }
    if (!this.options.recover) {
      throw new Error(
        `${this.journalPath} is damaged at line ${firstBad + 1} (${lines[firstBad].problem}) and has intact lines after it; ` +
          `start once with --persist-recover to keep every readable change and set the damaged file aside`,
      );
    }
    return { snapshot, writes: this.recover(data, lines), recovered: true };
  }

  open(): void {
    const existed = fs.existsSync(this.journalPath);
    this.fd = fs.openSync(this.journalPath, "a");
    this.size = fs.fstatSync(this.fd).size;
    if (this.sync && !existed) syncDirectory(this.journalPath);
  }

  /** Appends one commit's line; on failure the file is cut back so no partial line is left before later ones. */
  append(writes: JournalWrite[]): void {
    if (this.fd === undefined || writes.length === 0) return;
    const line = encodeLine(writes);
    try {
      writeFully(this.fd, line);
    } catch (error) {
      try {
        fs.ftruncateSync(this.fd, this.size);
      } catch {
        // The write error is the one to report.
      }
      throw error;
    }
    this.size += line.length;
    this.linesSinceSnapshot++;
  }

  /** Resolves once every line appended so far is on the disk; concurrent callers share one fdatasync. */
  durable(): Promise<void> {
    if (!this.sync || this.fd === undefined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.flushing) this.flush();
    });
  }

  get syncing(): boolean {
    return this.sync;
  }

  get wantsCompaction(): boolean {
    return this.linesSinceSnapshot >= this.compactAfterLines;
  }

  /** Replaces the snapshot (always flushed: it is rare, and the journal it supersedes is emptied next). */
  snapshot(data: Snapshot): void {
    writeFileAtomically(this.path, JSON.stringify(data));
    if (this.fd !== undefined) {
      fs.ftruncateSync(this.fd, 0);
      if (this.sync) fs.fdatasyncSync(this.fd);
    } else fs.rmSync(this.journalPath, { force: true });
    this.size = 0;
    this.linesSinceSnapshot = 0;
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    if (this.sync) fs.fdatasyncSync(fd);
    fs.closeSync(fd);
    this.settle();
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.flushing = true;
    fs.fdatasync(this.fd!, (error) => {
      this.flushing = false;
      // After close() the fd was synced synchronously: the batch is durable whatever this call says.
      if (error && this.fd !== undefined) for (const waiter of batch) waiter.reject(error);
      else for (const waiter of batch) waiter.resolve();
      if (this.waiting.length > 0 && this.fd !== undefined) this.flush();
    });
  }

  private settle(): void {
    const batch = this.waiting;
    this.waiting = [];
    for (const waiter of batch) waiter.resolve();
  }

  private readSnapshot(): Snapshot {
    if (!fs.existsSync(this.path)) return { version: 1, tables: {} };
    const text = fs.readFileSync(this.path, "utf8");
    if (text.trim() === "") return { version: 1, tables: {} };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(`${this.path} is not valid JSON (${(error as Error).message})`);
    }
    if (!isSnapshot(data)) {
      // /_emu/state answers in fixture format; its output is easily mistaken for a persist file.
      const fixture = isPlainObject(data) && ("UserPools" in data || "IdentityPools" in data) ? "; it looks like a fixture file, which --fixtures loads" : "";
      throw new Error(`${this.path} is not a cognito-emu state file (expected {"version": 1, "tables": {...}})${fixture}`);
    }
    return data;
  }

  /** Keeps every readable change, moves the damaged journal aside, and says what was dropped. */
  private recover(data: Buffer, lines: Line[]): JournalWrite[] {
    const writes: JournalWrite[] = [];
    const damaged: number[] = [];
    let salvaged = 0;
    lines.forEach((line, i) => {
      if (line.writes) {
        writes.push(...line.writes);
        return;
      }
      const tail = salvage(data.subarray(line.start, line.start + line.length));
      if (tail) {
        writes.push(...tail);
        salvaged++;
      }
      damaged.push(i + 1);
    });
    const aside = `${this.journalPath}.damaged-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(this.journalPath, aside);
    this.options.log?.(
      `${this.journalPath}: recovered ${writes.length} changes; damaged line${damaged.length === 1 ? "" : "s"} ${damaged.join(", ")} dropped` +
        `${salvaged ? ` (${salvaged} of them ended with an intact change, kept)` : ""}; the damaged journal is kept as ${aside}`,
    );
    return writes;
  }
}

interface Line {
  start: number;
  /** Bytes, without the newline. */
  length: number;
  writes?: JournalWrite[];
  problem?: string;
}

function splitLines(data: Buffer): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < data.length) {
    const end = data.indexOf(NEWLINE, start);
    if (end === -1) {
      // Never finished: a commit is acknowledged only after its newline is written.
      lines.push({ start, length: data.length - start, problem: "incomplete line" });
      break;
    }
    const parsed = parseLine(data.subarray(start, end));
    lines.push({ start, length: end - start, ...parsed });
    start = end + 1;
  }
  return lines;
}

function parseLine(bytes: Buffer): { writes?: JournalWrite[]; problem?: string } {
  if (bytes.length === 0) return { writes: [] };
  // Journals written before lines carried a length and checksum: plain JSON.
  if (bytes[0] === 0x5b) return parseWrites(bytes.toString("utf8"));
  const header = HEADER.exec(bytes.subarray(0, 24).toString("latin1"));
  if (!header) return { problem: "no length and checksum" };
  const body = bytes.subarray(header[0].length);
  if (body.length !== Number(header[1])) return { problem: `length ${body.length}, expected ${header[1]}` };
  if (crc32(body) !== Number.parseInt(header[2], 16)) return { problem: "checksum mismatch" };
  return parseWrites(body.toString("utf8"));
}

function parseWrites(text: string): { writes?: JournalWrite[]; problem?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "not valid JSON" };
  }
  const valid =
    Array.isArray(value) &&
    value.every((write) => Array.isArray(write) && write.length === 3 && typeof write[0] === "string" && typeof write[1] === "string");
  return valid ? { writes: value as JournalWrite[] } : { problem: "not a list of writes" };
}

/**
 * The intact change a damaged plain-JSON line may end with: earlier versions appended after a torn line,
 * gluing the next change to it. (Checksummed lines are never glued: a torn tail is cut off at start.)
 */
function salvage(bytes: Buffer): JournalWrite[] | undefined {
  if (bytes[0] !== 0x5b) return undefined;
  for (let i = bytes.indexOf("[[", 1); i !== -1; i = bytes.indexOf("[[", i + 1)) {
    const parsed = parseWrites(bytes.subarray(i).toString("utf8"));
    if (parsed.writes && parsed.writes.length > 0) return parsed.writes;
  }
  return undefined;
}

function encodeLine(writes: JournalWrite[]): Buffer {
  const body = Buffer.from(JSON.stringify(writes), "utf8");
  const header = `${body.length} ${crc32(body).toString(16).padStart(8, "0")} `;
  const line = Buffer.allocUnsafe(header.length + body.length + 1);
  line.write(header, 0, "latin1");
  body.copy(line, header.length);
  line[line.length - 1] = NEWLINE;
  return line;
}

/** write(2) may write less than asked (a full disk, a signal): loop until every byte is written. */
function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw new Error(`could not write the journal (${written} bytes written)`);
    offset += written;
  }
}

function writeFileAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  const fd = fs.openSync(temporary, "w");
  try {
    writeFully(fd, Buffer.from(text, "utf8"));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncDirectory(file);
}

/** Makes a file's creation or rename durable; some platforms cannot open a directory, which is then skipped. */
function syncDirectory(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.dirname(file), "r");
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; its rename is durable with the file.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isSnapshot(data: unknown): data is Snapshot {
  if (!isPlainObject(data) || data.version !== 1 || !isPlainObject(data.tables)) return false;
  return Object.values(data.tables).every(isPlainObject);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
