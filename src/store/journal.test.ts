import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Store } from "./store";

interface Row {
  name: string;
}

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-journal-")), "state.json");
}

/** A store persisted to `file`, with what it logged. */
function open(file: string, options: { recover?: boolean; sync?: boolean } = {}) {
  const logged: string[] = [];
  const store = new Store();
  store.persistTo(file, { ...options, log: (line) => logged.push(line) });
  const rows = store.table<Row>("rows");
  return { store, rows, logged, keys: () => [...rows.entries()].map(([k]) => k) };
}

function journalLines(file: string): string[] {
  return fs.readFileSync(`${file}.journal`, "utf8").split("\n").filter(Boolean);
}

describe("journal lines", () => {
  it("carry their byte length and CRC-32, and load back", async () => {
    const file = tempFile();
    const first = open(file);
    await first.store.transaction(() => first.rows.put("é", { name: "naïve ✓" }));
    const [line] = journalLines(file);
    const [length, crc, ...rest] = line.split(" ");
    const body = rest.join(" ");
    expect(Number(length)).toBe(Buffer.byteLength(body));
    expect(Number.parseInt(crc, 16)).toBe(require("node:zlib").crc32(Buffer.from(body)));
    expect(JSON.parse(body)).toEqual([["rows", "é", { name: "naïve ✓" }]]);
    expect(open(file).rows.get("é")).toEqual({ name: "naïve ✓" });
  });

  it("of earlier versions (plain JSON) still load, and new lines follow them", () => {
    const file = tempFile();
    fs.writeFileSync(`${file}.journal`, '[["rows","old",{"name":"old"}]]\n[["rows","gone",{"name":"x"}]]\n[["rows","gone",null]]\n');
    const first = open(file);
    expect(first.keys()).toEqual(["old"]);
    first.rows.put("new", { name: "new" });
    expect(open(file).keys()).toEqual(["old", "new"]);
  });

  it("are written whole even when write(2) writes less than asked", () => {
    const file = tempFile();
    const { rows } = open(file);
    const realWrite = fs.writeSync;
    const write = jest
      .spyOn(fs, "writeSync")
      .mockImplementation(((fd: number, buffer: Buffer, offset: number, length: number) => realWrite(fd, buffer, offset, Math.min(length, 7))) as typeof fs.writeSync);
    try {
      rows.put("a", { name: "a".repeat(100) });
      expect(write.mock.calls.length).toBeGreaterThan(10);
    } finally {
      write.mockRestore();
    }
    expect(open(file).rows.get("a")?.name).toHaveLength(100);
  });
});

describe("a torn last line", () => {
  it.each([
    ["a line of an earlier version", '[["users","x",{"Userna'],
    ["a checksummed line", '57 0a1b2c3d [["rows","x",{"na'],
    ["zeros a power loss left", "\0".repeat(4096)],
    ["a complete line without its newline", '[["rows","x",{"name":"x"}]]'],
  ])("(%s) is cut off with a logged line, and writes after it survive a restart", (_, tail) => {
    const file = tempFile();
    const first = open(file);
    first.rows.put("before", { name: "before" });
    fs.appendFileSync(`${file}.journal`, tail);

    const second = open(file);
    expect(second.keys()).toEqual(["before"]);
    expect(second.logged).toEqual([expect.stringContaining(`dropped ${Buffer.byteLength(tail)} bytes at its end`)]);
    expect(second.logged[0]).toContain(`${file}.journal`);
    for (let i = 0; i < 20; i++) second.rows.put(`u${i}`, { name: `u${i}` });
    // No close(): the process is killed.
    const third = open(file);
    expect(third.keys()).toHaveLength(21);
    expect(third.logged).toEqual([]);
  });

  it("followed only by blank lines is a torn tail too", () => {
    const file = tempFile();
    open(file).rows.put("a", { name: "a" });
    const tail = '[["rows","b",{"na\n\n';
    fs.appendFileSync(`${file}.journal`, tail);
    const again = open(file);
    expect(again.keys()).toEqual(["a"]);
    expect(again.logged[0]).toContain(`dropped ${tail.length} bytes`);
  });
});

describe("a damaged line before intact ones", () => {
  function damaged() {
    const file = tempFile();
    const { rows } = open(file);
    rows.put("a", { name: "a" });
    rows.put("b", { name: "b" });
    rows.put("c", { name: "c" });
    const lines = journalLines(file);
    lines[1] = lines[1].replace('"name":"b"', '"name":"B"');
    fs.writeFileSync(`${file}.journal`, `${lines.join("\n")}\n`);
    return file;
  }

  it("refuses to load, naming the file and line, and leaves the file as it was", () => {
    const file = damaged();
    const before = fs.readFileSync(`${file}.journal`);
    expect(() => open(file)).toThrow(`${file}.journal is damaged at line 2 (checksum mismatch) and has intact lines after it; start once with --persist-recover`);
    expect(fs.readFileSync(`${file}.journal`)).toEqual(before);
  });

  it("is set aside by recovery, which keeps every readable change and starts a clean journal", () => {
    const file = damaged();
    const recovered = open(file, { recover: true });
    expect(recovered.keys()).toEqual(["a", "c"]);
    expect(recovered.logged).toHaveLength(1);
    expect(recovered.logged[0]).toMatch(/recovered 2 changes; damaged line 2 dropped; the damaged journal is kept as .*state\.json\.journal\.damaged-/);
    const aside = fs.readdirSync(path.dirname(file)).find((name) => name.startsWith("state.json.journal.damaged-"))!;
    expect(fs.readFileSync(path.join(path.dirname(file), aside), "utf8")).toContain('"name":"B"');
    expect(fs.readFileSync(`${file}.journal`, "utf8")).toBe("");
    recovered.rows.put("d", { name: "d" });
    expect(open(file).keys()).toEqual(["a", "c", "d"]);
  });

  it("glued to the next change by an earlier version is salvaged by recovery", () => {
    const file = tempFile();
    // Earlier versions appended after a torn line, so the next change shared its line.
    fs.writeFileSync(
      `${file}.journal`,
      '[["rows","a",{"name":"a"}]]\n[["users","x",{"Userna[["rows","b",{"name":"b"}]]\n[["rows","c",{"name":"c"}]]\n',
    );
    expect(() => open(file)).toThrow("is damaged at line 2 (not valid JSON)");
    const recovered = open(file, { recover: true });
    expect(recovered.keys()).toEqual(["a", "b", "c"]);
    expect(recovered.logged[0]).toContain("(1 of them ended with an intact change, kept)");
  });
});

describe("a persist file", () => {
  it.each([
    ["[]", "is not a cognito-emu state file"],
    ['{"tables": 5}', "is not a cognito-emu state file"],
    ['{"version": 1, "tables": {"users": []}}', "is not a cognito-emu state file"],
    ["{oops", "is not valid JSON"],
    ['{"UserPools": []}', 'is not a cognito-emu state file (expected {"version": 1, "tables": {...}}); it looks like a fixture file, which --fixtures loads'],
  ])("holding %s is refused with a message naming it", (content, message) => {
    const file = tempFile();
    fs.writeFileSync(file, content);
    expect(() => open(file)).toThrow(`${file} ${message}`);
  });

  it("that is empty starts an empty state", () => {
    const file = tempFile();
    fs.writeFileSync(file, "");
    expect(open(file).keys()).toEqual([]);
  });
});

describe("--persist-sync", () => {
  it("acknowledges a commit only once fdatasync has returned, sharing one between concurrent commits", async () => {
    const file = tempFile();
    const { store, rows } = open(file, { sync: true });
    const calls: Array<() => void> = [];
    const realSync = fs.fdatasync;
    const sync = jest.spyOn(fs, "fdatasync").mockImplementation(((fd: number, callback: (error: Error | null) => void) => {
      calls.push(() => realSync(fd, callback));
    }) as typeof fs.fdatasync);
    try {
      let acknowledged = 0;
      const commits = [1, 2, 3].map((i) => store.transaction(() => rows.put(`k${i}`, { name: "x" })).then(() => acknowledged++));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Written and visible, but not acknowledged before the disk says so.
      expect(rows.size).toBe(3);
      expect(acknowledged).toBe(0);
      expect(calls).toHaveLength(1);
      calls.shift()!();
      // A real fdatasync takes as long as the disk does: wait for its acknowledgement, not a fixed time.
      for (const deadline = Date.now() + 5000; acknowledged === 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // The first commit's sync was under way when the others were written: one more covers both.
      expect(acknowledged).toBe(1);
      expect(calls).toHaveLength(1);
      calls.shift()!();
      await Promise.all(commits);
      expect(acknowledged).toBe(3);
    } finally {
      sync.mockRestore();
    }
  });

  it("does not wait for the disk without it", async () => {
    const file = tempFile();
    const { store, rows } = open(file);
    const sync = jest.spyOn(fs, "fdatasync");
    try {
      await store.transaction(() => rows.put("a", { name: "a" }));
      expect(sync).not.toHaveBeenCalled();
    } finally {
      sync.mockRestore();
    }
  });

  it("flushes snapshots to disk before they replace the old one", () => {
    const file = tempFile();
    const { store, rows } = open(file);
    rows.put("a", { name: "a" });
    const fsync = jest.spyOn(fs, "fsyncSync");
    const rename = jest.spyOn(fs, "renameSync");
    try {
      store.close();
      expect(fsync).toHaveBeenCalled();
      expect(fsync.mock.invocationCallOrder[0]).toBeLessThan(rename.mock.invocationCallOrder[0]);
    } finally {
      fsync.mockRestore();
      rename.mockRestore();
    }
    expect(JSON.parse(fs.readFileSync(file, "utf8")).tables.rows.a).toEqual({ name: "a" });
  });
});
