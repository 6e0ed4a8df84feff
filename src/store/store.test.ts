import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Store } from "./store";

interface Row {
  pool: string;
  name: string;
  tags: string[];
}

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cognito-emu-store-")), "state.json");
}

describe("Store", () => {
  it("keeps secondary indexes in step with writes", () => {
    const store = new Store();
    const rows = store
      .table<Row>("rows")
      .index("byPool", (r) => r.pool)
      .index("byTag", (r) => r.tags);
    rows.put("a", { pool: "p1", name: "a", tags: ["x", "y"] });
    rows.put("b", { pool: "p1", name: "b", tags: ["y"] });
    rows.put("a", { pool: "p2", name: "a", tags: ["z"] });
    expect(rows.keysBy("byPool", "p1")).toEqual(["b"]);
    expect(rows.keysBy("byPool", "p2")).toEqual(["a"]);
    expect(rows.keysBy("byTag", "y")).toEqual(["b"]);
    expect(rows.countBy("byTag", "x")).toBe(0);
    rows.delete("b");
    expect(rows.findBy("byPool", "p1")).toEqual([]);
  });

  it("undoes every write of a failed transaction", async () => {
    const store = new Store();
    const rows = store.table<Row>("rows").index("byPool", (r) => r.pool);
    rows.put("keep", { pool: "p", name: "keep", tags: [] });
    await expect(
      store.transaction(async () => {
        rows.put("new", { pool: "p", name: "new", tags: [] });
        rows.put("keep", { pool: "q", name: "changed", tags: [] });
        await Promise.resolve();
        rows.delete("keep");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(rows.get("new")).toBeUndefined();
    expect(rows.get("keep")).toEqual({ pool: "p", name: "keep", tags: [] });
    expect(rows.keysBy("byPool", "p")).toEqual(["keep"]);
    expect(rows.keysBy("byPool", "q")).toEqual([]);
  });

  it("persists committed writes through the journal and not rolled-back ones", async () => {
    const file = tempFile();
    const first = new Store();
    first.persistTo(file);
    const rows = first.table<Row>("rows");
    rows.put("a", { pool: "p", name: "a", tags: [] });
    await first.transaction(() => rows.put("b", { pool: "p", name: "b", tags: [] }));
    await first.transaction(() => {
      rows.put("c", { pool: "p", name: "c", tags: [] });
      throw new Error("no");
    }).catch(() => undefined);
    rows.delete("a");
    // No close(): the process "dies" here; only the journal has the writes.
    expect(fs.readFileSync(`${file}.journal`, "utf8").trim().split("\n")).toHaveLength(3);

    const second = new Store();
    second.persistTo(file);
    const restored = second.table<Row>("rows").index("byPool", (r) => r.pool);
    expect([...restored.entries()].map(([k]) => k)).toEqual(["b"]);
    expect(restored.keysBy("byPool", "p")).toEqual(["b"]);
  });

  it("snapshots on close and ignores a torn last journal line", () => {
    const file = tempFile();
    const store = new Store();
    store.persistTo(file);
    store.table<Row>("rows").put("a", { pool: "p", name: "a", tags: [] });
    store.close();
    expect(JSON.parse(fs.readFileSync(file, "utf8")).tables.rows.a.name).toBe("a");
    expect(fs.existsSync(`${file}.journal`) ? fs.readFileSync(`${file}.journal`, "utf8") : "").toBe("");
    fs.appendFileSync(`${file}.journal`, '[["rows","b",{"pool":"p","name":"b","tags":[]}]]\n[["rows","c",{"po');
    const again = new Store();
    again.persistTo(file);
    expect([...again.table<Row>("rows").entries()].map(([k]) => k).sort()).toEqual(["a", "b"]);
  });

  it("clear() empties every table durably", () => {
    const file = tempFile();
    const store = new Store();
    store.persistTo(file);
    store.table<Row>("rows").put("a", { pool: "p", name: "a", tags: [] });
    store.clear();
    const again = new Store();
    again.persistTo(file);
    expect(again.table<Row>("rows").size).toBe(0);
  });
});

describe("Store transactions and background work", () => {
  it("journals a write made by async work that outlives its transaction", async () => {
    const file = tempFile();
    const store = new Store();
    store.persistTo(file);
    const rows = store.table<Row>("rows");
    let background: Promise<void> = Promise.resolve();
    await store.transaction(() => {
      rows.put("now", { pool: "p", name: "now", tags: [] });
      background = new Promise<void>((resolve) => setTimeout(resolve, 10)).then(() => rows.put("later", { pool: "p", name: "later", tags: [] }));
    });
    await background;
    const again = new Store();
    again.persistTo(file);
    expect([...again.table<Row>("rows").entries()].map(([k]) => k).sort()).toEqual(["later", "now"]);
  });
});

describe("Store.keepOnFailure", () => {
  it("keeps writes a failing transaction makes on purpose", async () => {
    const store = new Store();
    const rows = store.table<Row>("rows");
    await expect(
      store.transaction(() => {
        rows.put("undone", { pool: "p", name: "undone", tags: [] });
        store.keepOnFailure(() => rows.put("kept", { pool: "p", name: "kept", tags: [] }));
        throw new Error("wrong password");
      }),
    ).rejects.toThrow("wrong password");
    expect(rows.has("undone")).toBe(false);
    expect(rows.has("kept")).toBe(true);
  });
});

describe("tables opened after loading", () => {
  it("keep their persisted rows through snapshots until opened, and are emptied by clear()", () => {
    const file = tempFile();
    const first = new Store();
    first.persistTo(file);
    first.table<Row>("late").put("a", { pool: "p", name: "a", tags: [] });
    first.close();

    const second = new Store();
    second.persistTo(file);
    second.table<Row>("other").put("x", { pool: "p", name: "x", tags: [] });
    second.close(); // snapshot written while "late" was never opened
    const third = new Store();
    third.persistTo(file);
    expect(third.table<Row>("late").get("a")?.name).toBe("a");

    const fourth = new Store();
    fourth.persistTo(file);
    fourth.clear();
    expect(fourth.table<Row>("late").size).toBe(0);
    fourth.close();
    const fifth = new Store();
    fifth.persistTo(file);
    expect(fifth.table<Row>("late").size).toBe(0);
  });
});

describe("Store.whenCommitted", () => {
  it("runs when-committed callbacks once the transaction commits, never for a rolled-back one", async () => {
    const store = new Store();
    const rows = store.table<Row>("rows");
    const seen: string[] = [];
    await store.transaction(async () => {
      store.whenCommitted(() => seen.push(`committed: ${rows.has("a")}`));
      rows.put("a", { pool: "p", name: "a", tags: [] });
      // A nested transaction joins the outer one: its callbacks wait for the outer commit.
      await store.transaction(() => store.whenCommitted(() => seen.push("nested")));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(["committed: true", "nested"]);

    await expect(
      store.transaction(() => {
        store.whenCommitted(() => seen.push("rolled back"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    store.whenCommitted(() => seen.push("no transaction"));
    expect(seen).toEqual(["committed: true", "nested", "no transaction"]);

    // A callback's writes commit on their own, outside the finished transaction.
    await store.transaction(() => store.whenCommitted(() => rows.put("b", { pool: "p", name: "b", tags: [] })));
    expect(rows.has("b")).toBe(true);
  });
});
