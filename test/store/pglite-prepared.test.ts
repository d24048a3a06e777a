/**
 * Named prepared statements on PGlite (ADR 0024): parsed once per instance, bounded, prepared again after a schema
 * change, values and results as PGlite's own `query` gives them, errors with their codes, and durable on disk.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPGlite, type DatabaseHandle } from "../../src/store/connect.js";
import { preparingPGlite } from "../../src/store/pglite-prepared.js";

type Untyped = Kysely<Record<string, Record<string, unknown>>>;

function untyped(handle: DatabaseHandle): Untyped {
  return handle.db as unknown as Untyped;
}

/** The statements prepared in the instance's session (this read has no parameters: it is not one of them). */
async function preparedOn(db: Untyped): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db);
  return rows.map((row) => row.name);
}

describe("prepared statements on PGlite", () => {
  let handle: DatabaseHandle;
  let db: Untyped;
  beforeAll(async () => {
    handle = await connectPGlite(null);
    db = untyped(handle);
    await sql`create table item (id integer primary key, label text not null, tags text[], seen timestamptz, data jsonb, big bigint)`.execute(
      db,
    );
    await sql`insert into item (id, label) values (1, 'one'), (2, 'two')`.execute(db);
  });
  afterAll(async () => handle.close());

  it("a statement with parameters is prepared once and reused", async () => {
    const before = await preparedOn(db);
    const find = (id: number) => db.selectFrom("item").select(["id", "label"]).where("id", "=", id).execute();
    expect(await find(1)).toEqual([{ id: 1, label: "one" }]);
    expect(await find(2)).toEqual([{ id: 2, label: "two" }]);
    expect((await preparedOn(db)).length - before.length).toBe(1);
  });

  it("a transaction's statements are named too, and it commits", async () => {
    const before = (await preparedOn(db)).length;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("item").set({ label: "uno" }).where("id", "=", 1).execute();
      await trx.selectFrom("item").select("label").where("id", "=", 2).execute();
    });
    expect(await db.selectFrom("item").select("label").where("id", "=", 1).execute()).toEqual([{ label: "uno" }]);
    expect((await preparedOn(db)).length - before).toBeGreaterThanOrEqual(2);
  });

  it("values go in and come back as through PGlite's own query: dates, arrays, JSON, bigint, null", async () => {
    const seen = new Date("2026-12-07T08:00:00.123Z");
    const row = {
      id: 3,
      label: "tiga",
      tags: ["a", "b,c", 'd"e'],
      seen,
      data: { n: 1, s: "x" },
      big: "9007199254740993",
    };
    await db.insertInto("item").values(row).execute();
    const [read] = await db.selectFrom("item").selectAll().where("id", "=", 3).where("seen", "=", seen).execute();
    expect(read).toEqual({ ...row, big: 9007199254740993n });
    const nulls = await db.selectFrom("item").select("tags").where("id", "=", 2).where("label", "=", "two").execute();
    expect(nulls).toEqual([{ tags: null }]);
  });

  it("an error keeps its code and leaves the instance usable, in and out of a transaction", async () => {
    const duplicate = (on: Untyped) => on.insertInto("item").values({ id: 1, label: "again" }).execute();
    await expect(duplicate(db)).rejects.toMatchObject({ code: "23505" });
    await expect(db.transaction().execute(duplicate)).rejects.toMatchObject({ code: "23505" });
    expect(await db.selectFrom("item").select("id").where("id", "=", 2).execute()).toEqual([{ id: 2 }]);
  });

  // Threat: a prepared `select *` whose table changed answers "cached plan must not change result type" until restart.
  it("a statement prepared before its table changed is prepared again, not failed", async () => {
    const all = () => db.selectFrom("item").selectAll().where("id", "=", 2).execute();
    await all();
    await sql`alter table item add column note text`.execute(db);
    try {
      expect((await all())[0]).toMatchObject({ id: 2, label: "two", note: null });
    } finally {
      await sql`alter table item drop column note`.execute(db);
    }
  });

  it("inside a transaction the stale statement fails that transaction only; the next one prepares afresh", async () => {
    const all = (trx: Untyped) => trx.selectFrom("item").selectAll().where("id", "=", 1).execute();
    await all(db);
    await sql`alter table item add column note text`.execute(db);
    try {
      await expect(db.transaction().execute(all)).rejects.toThrow(/cached plan/);
      expect((await db.transaction().execute(all))[0]).toMatchObject({ id: 1, note: null });
    } finally {
      await sql`alter table item drop column note`.execute(db);
    }
  });
});

describe("prepared statements on PGlite: bounds and durability", () => {
  // Threat: queries built with a varying number of values (`in (...)` lists) grow the memory without end.
  it("an instance keeps at most its limit of prepared texts; the rest run through PGlite's own query", async () => {
    const raw = new PGlite();
    try {
      const pglite = preparingPGlite(raw, 5);
      await pglite.exec("create table n (id integer primary key); insert into n select generate_series(1, 20)");
      for (let size = 1; size <= 8; size++) {
        const ids = Array.from({ length: size }, (_, index) => index + 1);
        const text = `select count(*)::int as c from n where id in (${ids.map((_, i) => `$${String(i + 1)}`).join(", ")})`;
        expect((await pglite.query<{ c: number }>(text, ids)).rows).toEqual([{ c: size }]);
      }
      expect((await raw.query("select count(*)::int as c from pg_prepared_statements")).rows).toEqual([{ c: 5 }]);
    } finally {
      await raw.close();
    }
  });

  it("a change made by a named statement outside a transaction is on disk when the instance reopens", async () => {
    const directory = mkdtempSync(join(tmpdir(), "sandi-pglite-prepared-"));
    try {
      const first = await connectPGlite(directory);
      await sql`create table kept (id integer primary key, label text)`.execute(first.db);
      await untyped(first).insertInto("kept").values({ id: 7, label: "tujuh" }).execute();
      await first.close();
      const again = await connectPGlite(directory);
      try {
        expect(await untyped(again).selectFrom("kept").selectAll().where("id", "=", 7).execute()).toEqual([
          { id: 7, label: "tujuh" },
        ]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
