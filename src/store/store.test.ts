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

/** Resolves after `ms`, so two transactions interleave as requests awaiting a trigger do. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("isolated transactions", () => {
  function usersStore() {
    const store = new Store();
    const rows = store
      .table<Row>("rows")
      .index("byPool", (r) => r.pool)
      .index("byTag", (r) => r.tags);
    return { store, rows };
  }

  it("show a transaction its own writes, through every read and index, and nobody else until it commits", async () => {
    const { store, rows } = usersStore();
    rows.put("a", { pool: "p", name: "a", tags: ["x"] });
    rows.put("b", { pool: "p", name: "b", tags: ["x"] });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: Record<string, unknown> = {};
    const done = store.transaction(async () => {
      rows.put("c", { pool: "p", name: "c", tags: ["y"] });
      rows.put("a", { pool: "q", name: "a2", tags: ["y"] });
      rows.delete("b");
      seen.get = rows.get("a")?.name;
      seen.hasB = rows.has("b");
      seen.keysP = rows.keysBy("byPool", "p");
      seen.keysQ = rows.keysBy("byPool", "q");
      seen.findY = rows.findBy("byTag", "y").map((r) => r.name);
      seen.oneX = rows.findOneBy("byTag", "x");
      seen.countY = rows.countBy("byTag", "y");
      seen.countX = rows.countBy("byTag", "x");
      seen.entries = [...rows.entries()].map(([k, v]) => `${k}=${v.name}`);
      seen.values = [...rows.values()].map((v) => v.name);
      seen.size = rows.size;
      await gate;
    });
    // Outside the transaction, meanwhile: the committed state only.
    expect(rows.get("a")?.name).toBe("a");
    expect(rows.has("b")).toBe(true);
    expect(rows.has("c")).toBe(false);
    expect(rows.keysBy("byPool", "p")).toEqual(["a", "b"]);
    expect(rows.countBy("byTag", "y")).toBe(0);
    expect(rows.size).toBe(2);
    expect(seen).toEqual({
      get: "a2",
      hasB: false,
      keysP: ["c"],
      keysQ: ["a"],
      findY: ["c", "a2"],
      oneX: undefined,
      countY: 2,
      countX: 0,
      entries: ["a=a2", "c=c"],
      values: ["a2", "c"],
      size: 2,
    });
    release();
    await done;
    // After the commit, everyone sees what the transaction saw, in the same order.
    expect([...rows.entries()].map(([k, v]) => `${k}=${v.name}`)).toEqual(seen.entries);
    expect(rows.findBy("byTag", "y").map((r) => r.name)).toEqual(seen.findY);
    expect(rows.keysBy("byPool", "p")).toEqual(seen.keysP);
    expect(rows.size).toBe(2);
  });

  it("keep index reads right when a transaction writes a row twice or deletes what it added", async () => {
    const { store, rows } = usersStore();
    rows.put("a", { pool: "p", name: "a", tags: [] });
    await store.transaction(() => {
      rows.put("n", { pool: "p", name: "n", tags: [] });
      expect(rows.keysBy("byPool", "p")).toEqual(["a", "n"]);
      rows.put("n", { pool: "q", name: "n", tags: [] });
      expect(rows.keysBy("byPool", "p")).toEqual(["a"]);
      expect(rows.keysBy("byPool", "q")).toEqual(["n"]);
      expect(rows.delete("n")).toBe(true);
      expect(rows.delete("n")).toBe(false);
      expect(rows.keysBy("byPool", "q")).toEqual([]);
      expect(rows.size).toBe(1);
      expect(rows.delete("a")).toBe(true);
      expect(rows.size).toBe(0);
      expect(rows.countBy("byPool", "p")).toBe(0);
    });
    expect(rows.size).toBe(0);
  });

  it("leave no trace of a failed request, even when another request committed meanwhile", async () => {
    const { store, rows } = usersStore();
    rows.put("victim", { pool: "p", name: "old", tags: [] });
    const failing = store.transaction(async () => {
      rows.put("victim", { ...rows.get("victim")!, tags: ["password changed"] });
      await sleep(20);
      throw new Error("trigger failed");
    });
    await sleep(5);
    await store.transaction(() => rows.put("victim", { ...rows.get("victim")!, name: "B-was-here" }));
    await expect(failing).rejects.toThrow("trigger failed");
    expect(rows.get("victim")).toEqual({ pool: "p", name: "B-was-here", tags: [] });
  });

  it("do not hold up other requests while one awaits", async () => {
    const { store, rows } = usersStore();
    const order: string[] = [];
    const slow = store.transaction(async () => {
      rows.put("slow", { pool: "p", name: "slow", tags: [] });
      await sleep(30);
      order.push("slow");
    });
    await store.transaction(async () => {
      rows.put("fast", { pool: "p", name: "fast", tags: [] });
      order.push("fast");
    });
    expect(rows.has("fast")).toBe(true);
    expect(rows.has("slow")).toBe(false);
    await slow;
    expect(order).toEqual(["fast", "slow"]);
    expect(rows.has("slow")).toBe(true);
  });

  it("run the later committer again on fresh state when both wrote the same row, losing neither write", async () => {
    const { store, rows } = usersStore();
    rows.put("u", { pool: "p", name: "u", tags: [] });
    let runs = 0;
    const slow = store.transaction(async () => {
      runs++;
      const user = rows.get("u")!;
      await sleep(20);
      rows.put("u", { ...user, tags: [...user.tags, "password"] });
      return runs;
    });
    await sleep(5);
    await store.transaction(() => rows.put("u", { ...rows.get("u")!, name: "renamed" }));
    await expect(slow).resolves.toBe(2);
    expect(rows.get("u")).toEqual({ pool: "p", name: "renamed", tags: ["password"] });
  });

  it("lets the first of two creations of one key win; the second, run again, sees it", async () => {
    const { store, rows } = usersStore();
    const create = (name: string) =>
      store.transaction(async () => {
        const exists = rows.has("k");
        await sleep(10);
        if (exists) throw new Error(`${name}: exists`);
        rows.put("k", { pool: "p", name, tags: [] });
      });
    const results = await Promise.allSettled([create("first"), create("second")]);
    expect(results[0].status).toBe("fulfilled");
    expect(results[1]).toMatchObject({ status: "rejected", reason: new Error("second: exists") });
    expect(rows.get("k")?.name).toBe("first");
  });

  it("do not conflict over different rows", async () => {
    const { store, rows } = usersStore();
    let runs = 0;
    const slow = store.transaction(async () => {
      runs++;
      rows.put("x", { pool: "p", name: "x", tags: [] });
      await sleep(10);
    });
    await store.transaction(() => rows.put("y", { pool: "p", name: "y", tags: [] }));
    await slow;
    expect(runs).toBe(1);
    expect(rows.size).toBe(2);
  });

  it("fail with ConcurrentModificationException when a conflicting request kept writes it cannot take back", async () => {
    const { store, rows } = usersStore();
    rows.put("u", { pool: "p", name: "u", tags: [] });
    let runs = 0;
    const slow = store.transaction(async () => {
      runs++;
      store.keepOnFailure(() => rows.put("counter", { pool: "p", name: "1", tags: [] }));
      const user = rows.get("u")!;
      await sleep(20);
      rows.put("u", { ...user, tags: ["slow"] });
    });
    await sleep(5);
    await store.transaction(() => rows.put("u", { ...rows.get("u")!, name: "renamed" }));
    await expect(slow).rejects.toMatchObject({ name: "ConcurrentModificationException", statusCode: 400 });
    expect(runs).toBe(1);
    expect(rows.get("u")).toEqual({ pool: "p", name: "renamed", tags: [] });
    expect(rows.has("counter")).toBe(true);
  });

  it("commit writes made outside any transaction at once", () => {
    const { store, rows } = usersStore();
    const changes: string[] = [];
    store.onChange((table, key) => changes.push(`${table}/${key}`));
    rows.put("a", { pool: "p", name: "a", tags: [] });
    expect(changes).toEqual(["rows/a"]);
    expect(rows.keysBy("byPool", "p")).toEqual(["a"]);
  });

  it("tell onChange listeners on commit, and never about a failed request", async () => {
    const { store, rows } = usersStore();
    const changes: string[] = [];
    store.onChange((table, key) => changes.push(`${table}/${key}`));
    const tx = store.transaction(async () => {
      rows.put("a", { pool: "p", name: "a", tags: [] });
      rows.put("b", { pool: "p", name: "b", tags: [] });
      await sleep(1);
      expect(changes).toEqual([]);
    });
    await tx;
    expect(changes).toEqual(["rows/a", "rows/b"]);
    await store
      .transaction(() => {
        rows.put("c", { pool: "p", name: "c", tags: [] });
        throw new Error("no");
      })
      .catch(() => undefined);
    expect(changes).toEqual(["rows/a", "rows/b"]);
  });

  it("join a nested transaction to the open one", async () => {
    const { store, rows } = usersStore();
    await expect(
      store.transaction(async () => {
        await store.transaction(() => rows.put("inner", { pool: "p", name: "inner", tags: [] }));
        expect(rows.has("inner")).toBe(true);
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(rows.has("inner")).toBe(false);
  });

  it("commit a function that does not await before transaction() returns", () => {
    const { store, rows } = usersStore();
    void store.transaction(() => rows.put("now", { pool: "p", name: "now", tags: [] }));
    expect(rows.has("now")).toBe(true);
  });

  it("let keepOnFailure writes stand over the request's own pending write of the same row", async () => {
    const { store, rows } = usersStore();
    rows.put("code", { pool: "p", name: "attempts 0", tags: [] });
    await store.transaction(async () => {
      rows.put("code", { pool: "p", name: "pending", tags: [] });
      store.keepOnFailure(() => rows.put("code", { pool: "p", name: "attempts 1", tags: [] }));
      expect(rows.get("code")?.name).toBe("attempts 1");
      await sleep(1);
    });
    expect(rows.get("code")?.name).toBe("attempts 1");
  });
});

describe("transactions on disk", () => {
  it("journal a commit as one line, and a failed request not at all", async () => {
    const file = tempFile();
    const store = new Store();
    store.persistTo(file);
    const rows = store.table<Row>("rows");
    const slow = store.transaction(async () => {
      rows.put("a", { pool: "p", name: "a", tags: [] });
      await sleep(10);
      throw new Error("fails");
    });
    await store.transaction(() => {
      rows.put("b", { pool: "p", name: "b", tags: [] });
      rows.put("c", { pool: "p", name: "c", tags: [] });
    });
    await expect(slow).rejects.toThrow("fails");
    const lines = fs.readFileSync(`${file}.journal`, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"b"');
    expect(lines[0]).not.toContain('"a"');
    const again = new Store();
    again.persistTo(file);
    expect([...again.table<Row>("rows").entries()].map(([k]) => k)).toEqual(["b", "c"]);
  });

  it("fail the request and change nothing when its journal line cannot be written", async () => {
    const file = tempFile();
    const store = new Store();
    store.persistTo(file);
    const rows = store.table<Row>("rows");
    rows.put("a", { pool: "p", name: "a", tags: [] });
    const size = fs.statSync(`${file}.journal`).size;
    const realWrite = fs.writeSync;
    const write = jest.spyOn(fs, "writeSync").mockImplementationOnce(((fd: number, buffer: Buffer, offset: number) => {
      // A disk filling up: part of the line is written, then the write fails.
      realWrite(fd, buffer, offset, 10);
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    }) as unknown as typeof fs.writeSync);
    try {
      await expect(store.transaction(() => rows.put("b", { pool: "p", name: "b", tags: [] }))).rejects.toThrow("ENOSPC");
    } finally {
      write.mockRestore();
    }
    expect(rows.has("b")).toBe(false);
    expect(fs.statSync(`${file}.journal`).size).toBe(size);
    rows.put("c", { pool: "p", name: "c", tags: [] });
    const again = new Store();
    again.persistTo(file);
    expect([...again.table<Row>("rows").entries()].map(([k]) => k)).toEqual(["a", "c"]);
  });

  it("commit a bulk fill of an empty table with the same rows, order and indexes as row by row", async () => {
    const usersStore = () => {
      const store = new Store();
      const rows = store
        .table<Row>("rows")
        .index("byPool", (r) => r.pool)
        .index("byTag", (r) => r.tags);
      return { store, rows };
    };
    const fill = async (readDuring: boolean) => {
      const file = tempFile();
      const { store, rows } = usersStore();
      store.persistTo(file);
      await store.transaction(() => {
        for (let i = 0; i < 2500; i++) rows.put(`k${i}`, { pool: `p${i % 3}`, name: `n${i}`, tags: i % 2 ? ["odd"] : [] });
        // Rewritten rows move last, as in a committed table.
        rows.put("k7", { pool: "p9", name: "again", tags: ["odd", "late"] });
        if (readDuring) expect(rows.keysBy("byPool", "p9")).toEqual(["k7"]);
      });
      return { store, rows, file };
    };
    const { rows: filled } = await fill(true);
    const { rows: plain, file } = await fill(false);
    // The same commit applied row by row: into a table that is not empty (a row "other", left out below).
    const reference = usersStore();
    const byRow = reference.rows;
    byRow.put("other", { pool: "p0", name: "other", tags: ["odd"] });
    await reference.store.transaction(() => {
      for (let i = 0; i < 2500; i++) byRow.put(`k${i}`, { pool: `p${i % 3}`, name: `n${i}`, tags: i % 2 ? ["odd"] : [] });
      byRow.put("k7", { pool: "p9", name: "again", tags: ["odd", "late"] });
    });
    const without = (keys: string[]) => keys.filter((key) => key !== "other");
    for (const rows of [filled, plain]) {
      expect([...rows.entries()].map(([key]) => key)).toEqual(without([...byRow.entries()].map(([key]) => key)));
      expect([...rows.entries()].at(-1)).toEqual(["k7", { pool: "p9", name: "again", tags: ["odd", "late"] }]);
      for (const [pool, tag] of [["p0", "odd"], ["p1", "late"], ["p9", "none"]]) {
        expect(rows.keysBy("byPool", pool)).toEqual(without(byRow.keysBy("byPool", pool)));
        expect(rows.keysBy("byTag", tag)).toEqual(without(byRow.keysBy("byTag", tag)));
      }
      // Later writes keep the adopted indexes in step.
      rows.put("k7", { pool: "p0", name: "moved", tags: [] });
      expect(rows.keysBy("byPool", "p9")).toEqual([]);
      expect(rows.keysBy("byPool", "p0").at(-1)).toBe("k7");
      expect(rows.countBy("byTag", "late")).toBe(0);
    }
    // And the fill was journaled like any commit.
    const again = new Store();
    again.persistTo(file);
    expect(again.table<Row>("rows").size).toBe(2500);
    expect(again.table<Row>("rows").get("k7")).toEqual({ pool: "p0", name: "moved", tags: [] });
  });

  it("put back what changed since the baseline, in one journaled commit, touching nothing else", async () => {
    const file = tempFile();
    const store = new Store();
    store.persistTo(file);
    const rows = store.table<Row>("rows").index("byPool", (r) => r.pool);
    const other = store.table<Row>("other");
    for (let i = 0; i < 1500; i++) rows.put(`k${i}`, { pool: "p", name: `n${i}`, tags: [] });
    other.put("kept", { pool: "p", name: "kept", tags: [] });
    expect(store.empty).toBe(false);
    store.markBaseline();
    expect(store.hasBaseline).toBe(true);

    rows.put("k1", { pool: "q", name: "changed", tags: [] });
    rows.delete("k2");
    rows.put("new", { pool: "p", name: "new", tags: [] });
    rows.delete("new");
    await store.transaction(() => {
      rows.put("k3", { pool: "q", name: "in a transaction", tags: [] });
      rows.put("added", { pool: "q", name: "added", tags: [] });
    });
    await expect(store.transaction(() => {
      rows.put("k4", { pool: "q", name: "rolled back", tags: [] });
      throw new Error("boom");
    })).rejects.toThrow("boom");
    other.put("kept", { pool: "p", name: "kept, changed", tags: [] });

    const changed: string[] = [];
    store.onChange((table, key) => changed.push(`${table}/${key}`));
    store.restoreBaseline((table, key) => table === "other" && key === "kept");
    // Only rows that differ from the baseline are written back; the kept one stays as it is.
    expect(changed.sort()).toEqual(["rows/added", "rows/k1", "rows/k2", "rows/k3"]);
    expect(rows.get("k1")).toEqual({ pool: "p", name: "n1", tags: [] });
    expect(rows.get("k2")).toEqual({ pool: "p", name: "n2", tags: [] });
    expect(rows.get("k3")).toEqual({ pool: "p", name: "n3", tags: [] });
    expect(rows.has("added")).toBe(false);
    expect(rows.has("new")).toBe(false);
    expect(rows.keysBy("byPool", "q")).toEqual([]);
    expect(rows.countBy("byPool", "p")).toBe(1500);
    expect(other.get("kept")!.name).toBe("kept, changed");

    // The restored state is the new baseline.
    rows.delete("k5");
    store.restoreBaseline();
    expect(rows.get("k5")).toEqual({ pool: "p", name: "n5", tags: [] });
    expect(other.get("kept")!.name).toBe("kept, changed");

    const again = new Store();
    again.persistTo(file);
    const reloaded = again.table<Row>("rows");
    expect(reloaded.size).toBe(1500);
    expect(reloaded.get("k1")).toEqual({ pool: "p", name: "n1", tags: [] });
    expect(reloaded.has("added")).toBe(false);
  });

  it("make an open transaction that wrote a restored row run again, and lose the baseline on clear()", async () => {
    const store = new Store();
    const rows = store.table<Row>("rows");
    rows.put("a", { pool: "p", name: "a", tags: [] });
    store.markBaseline();
    rows.put("a", { pool: "p", name: "changed", tags: [] });
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = store.transaction(async () => {
      runs++;
      const seen = rows.get("a")!.name;
      if (runs === 1) await gate;
      rows.put("a", { pool: "p", name: `${seen}+1`, tags: [] });
    });
    await sleep(5);
    store.restoreBaseline();
    release();
    await writer;
    // It ran again on the restored row, as a client's retry would.
    expect(runs).toBe(2);
    expect(rows.get("a")!.name).toBe("a+1");
    store.clear();
    expect(store.hasBaseline).toBe(false);
    expect(store.empty).toBe(true);
    expect(() => store.restoreBaseline()).toThrow("no baseline");
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

describe("Store.whenCommitted with conflicts", () => {
  it("runs only the committed attempt's callbacks when a conflict makes the request run again", async () => {
    const store = new Store();
    const rows = store.table<Row>("rows");
    const seen: number[] = [];
    let attempts = 0;
    const slow = store.transaction(async () => {
      const attempt = ++attempts;
      rows.put("x", { pool: "p", name: `slow ${attempt}`, tags: [] });
      store.whenCommitted(() => seen.push(attempt));
      await sleep(20);
    });
    await store.transaction(() => rows.put("x", { pool: "p", name: "fast", tags: [] }));
    await slow;
    expect(attempts).toBe(2);
    expect(seen).toEqual([2]);
  });
});
