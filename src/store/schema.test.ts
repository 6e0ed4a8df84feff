import { declareTable, ownedBy, sweepTable } from "./schema";
import { Store } from "./store";

interface Shelf {
  id: string;
  room: string;
}
interface Book {
  shelf: string;
  title: string;
  tags: string[];
  dueAt?: number;
}
const keysOf = (table: { entries(): Iterable<[string, unknown]> }) => [...table.entries()].map(([key]) => key);

interface Note {
  book: string;
  text: string;
}

const shelves = declareTable<Shelf, { store: Store; log: string[] }>({
  name: "schemaTestShelves",
  key: (shelf) => shelf.id,
  onDelete: (ctx, shelf) => ctx.log.push(`shelf ${shelf.id}`),
});
const books = declareTable<Book, { store: Store; log: string[] }>({
  name: "schemaTestBooks",
  key: (book) => `${book.shelf}/${book.title}`,
  indexes: { byShelf: (book) => book.shelf, byTag: (book) => book.tags },
  expiry: { field: "dueAt", unit: "seconds" },
  owners: [ownedBy(shelves, { index: "byShelf", by: (shelf) => shelf.id })],
  onDelete: (ctx, book) => ctx.log.push(`book ${book.title}`),
});
/** Notes are keyed by their book's key and found by it: an owner by keys, not by index. */
const notes = declareTable<Note>({
  name: "schemaTestNotes",
  owners: [ownedBy(books, { keys: (book) => [`${book.shelf}/${book.title}`] })],
});

function library() {
  const ctx = { store: new Store(), log: [] as string[] };
  shelves.save(ctx, { id: "s1", room: "hall" });
  shelves.save(ctx, { id: "s2", room: "attic" });
  books.save(ctx, { shelf: "s1", title: "Dune", tags: ["sf"], dueAt: 100 });
  books.save(ctx, { shelf: "s1", title: "Emma", tags: ["classic"] });
  books.save(ctx, { shelf: "s2", title: "Solaris", tags: ["sf"], dueAt: 200 });
  notes.open(ctx).put("s1/Dune", { book: "Dune", text: "spice" });
  notes.open(ctx).put("s2/Solaris", { book: "Solaris", text: "ocean" });
  return ctx;
}

describe("declared tables", () => {
  it("open with their indexes, and save rows under the declared key", () => {
    const ctx = library();
    expect(books.open(ctx).keysBy("byShelf", "s1")).toEqual(["s1/Dune", "s1/Emma"]);
    expect(books.open(ctx).findBy("byTag", "sf").map((book) => book.title)).toEqual(["Dune", "Solaris"]);
    expect(books.keyOf({ shelf: "s9", title: "X", tags: [] }, ctx)).toBe("s9/X");
    expect(books.open(ctx)).toBe(ctx.store.table("schemaTestBooks"));
  });

  it("index rows a table held before it was opened by its declaration", () => {
    const store = new Store();
    store.table<Book>("schemaTestBooks").put("s1/Dune", { shelf: "s1", title: "Dune", tags: [] });
    expect(books.open(store).keysBy("byShelf", "s1")).toEqual(["s1/Dune"]);
  });

  it("delete what a row owns, transitively, calling each deletion's hook once its own rows are gone", () => {
    const ctx = library();
    expect(shelves.remove(ctx, "s1")).toBe(true);
    expect(keysOf(books.open(ctx))).toEqual(["s2/Solaris"]);
    expect(keysOf(notes.open(ctx))).toEqual(["s2/Solaris"]);
    expect(shelves.open(ctx).has("s1")).toBe(false);
    expect(ctx.log).toEqual(["book Dune", "book Emma", "shelf s1"]);
    expect(shelves.remove(ctx, "s1")).toBe(false);
  });

  it("delete a child without touching its parent or siblings", () => {
    const ctx = library();
    books.remove(ctx, "s1/Dune");
    expect(notes.open(ctx).has("s1/Dune")).toBe(false);
    expect(books.open(ctx).keysBy("byShelf", "s1")).toEqual(["s1/Emma"]);
    expect(ctx.log).toEqual(["book Dune"]);
  });

  it("undo a cascade with the transaction that failed", async () => {
    const ctx = library();
    await expect(
      ctx.store.transaction(() => {
        shelves.remove(ctx, "s1");
        throw new Error("the request fails");
      }),
    ).rejects.toThrow("the request fails");
    expect(books.open(ctx).keysBy("byShelf", "s1").sort()).toEqual(["s1/Dune", "s1/Emma"]);
    expect(shelves.open(ctx).has("s1")).toBe(true);
    expect(notes.open(ctx).has("s1/Dune")).toBe(true);
  });

  it("sweep rows past their declared expiry, in the declared unit, and leave rows without one", () => {
    const ctx = library();
    expect(sweepTable(ctx, books, 99_999)).toBe(0);
    expect(sweepTable(ctx, books, 100_000)).toBe(1);
    expect(keysOf(books.open(ctx))).toEqual(["s1/Emma", "s2/Solaris"]);
    expect(sweepTable(ctx, books, 10_000_000)).toBe(1);
    expect(keysOf(books.open(ctx))).toEqual(["s1/Emma"]);
    expect(sweepTable(ctx, notes, 10_000_000)).toBe(0);
    // Expiry is not a deletion: no hook runs, and what the row owns is left to its own expiry.
    expect(ctx.log).toEqual([]);
    expect(keysOf(notes.open(ctx))).toEqual(["s1/Dune", "s2/Solaris"]);
  });

  it("are declared once", () => {
    expect(() => declareTable<Shelf>({ name: "schemaTestShelves" })).toThrow("table schemaTestShelves is declared twice");
  });
});
