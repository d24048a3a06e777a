/**
 * Named prepared statements on PostgreSQL (ADR 0023): parsed once per connection, bounded per connection, prepared
 * again when another instance's migration changed the table under them, and off when the pooler cannot keep them.
 */
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres, type DatabaseHandle } from "../../src/store/connect.js";
import { openPostgresDatabase, testDatabases } from "../support/test-databases.js";

/** An untyped view of the database: the tests make their own table. */
function untyped(handle: DatabaseHandle): Kysely<Record<string, Record<string, unknown>>> {
  return handle.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
}

/** The statements prepared on the handle's one connection. */
async function preparedOn(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(handle.db);
  return rows.map((row) => row.name);
}

describe.runIf(testDatabases().some((database) => database.name === "postgres"))("prepared statements", () => {
  let database: { url: string; drop(): Promise<void> };
  const handles: DatabaseHandle[] = [];
  const open = (options: { preparedStatements?: boolean } = {}): DatabaseHandle => {
    const handle = connectPostgres(database.url, { maxConnections: 1, ...options });
    handles.push(handle);
    return handle;
  };

  beforeAll(async () => {
    database = await openPostgresDatabase({ schema: "empty" });
    const setup = open();
    await sql`create table item (id integer primary key, label text not null)`.execute(setup.db);
    await sql`insert into item values (1, 'one'), (2, 'two')`.execute(setup.db);
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await database.drop();
  });

  it("a statement with parameters is prepared once on a connection and reused", async () => {
    const handle = open();
    const find = (id: number) => untyped(handle).selectFrom("item").selectAll().where("id", "=", id).execute();
    expect(await find(1)).toEqual([{ id: 1, label: "one" }]);
    expect(await find(2)).toEqual([{ id: 2, label: "two" }]);
    const named = (await preparedOn(handle)).filter((name) => name.startsWith("k0_"));
    expect(named).toHaveLength(1);
  });

  it("a transaction's statements are prepared too, and it commits", async () => {
    const handle = open();
    await untyped(handle)
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("item").set({ label: "uno" }).where("id", "=", 1).execute();
      });
    const rows = await untyped(handle).selectFrom("item").select("label").where("id", "=", 1).execute();
    expect(rows).toEqual([{ label: "uno" }]);
    expect((await preparedOn(handle)).length).toBeGreaterThanOrEqual(2);
    await untyped(handle).updateTable("item").set({ label: "one" }).where("id", "=", 1).execute();
  });

  // Threat: queries built with a varying number of values (`in (...)` lists) grow the server's memory without end.
  it("a connection keeps at most its limit of prepared texts; the rest run unnamed", async () => {
    const handle = open();
    for (let size = 1; size <= 260; size++) {
      const ids = Array.from({ length: size }, (_, index) => index + 1);
      await untyped(handle).selectFrom("item").select("id").where("id", "in", ids).execute();
    }
    expect((await preparedOn(handle)).length).toBe(200);
  });

  // Threat: during a rolling upgrade another instance's migration adds a column, and every prepared `select *`
  // on this instance fails ("cached plan must not change result type") until it restarts.
  it("a statement prepared before another instance altered its table is prepared again, not failed", async () => {
    const handle = open();
    const all = () => untyped(handle).selectFrom("item").selectAll().where("id", "=", 2).execute();
    expect(await all()).toEqual([{ id: 2, label: "two" }]);
    const migrator = open();
    await sql`alter table item add column note text`.execute(migrator.db);
    try {
      expect(await all()).toEqual([{ id: 2, label: "two", note: null }]);
    } finally {
      await sql`alter table item drop column note`.execute(migrator.db);
    }
  });

  it("only the stale statement is prepared again: the connection's others keep their names", async () => {
    const handle = open();
    const all = () => untyped(handle).selectFrom("item").selectAll().where("id", "=", 2).execute();
    const labels = () => untyped(handle).selectFrom("item").select("label").where("id", "=", 1).execute();
    await all();
    await labels();
    const before = await preparedOn(handle);
    const migrator = open();
    await sql`alter table item add column note text`.execute(migrator.db);
    try {
      await all();
      await labels();
      const added = (await preparedOn(handle)).filter((name) => !before.includes(name));
      // The stale `select *` under a fresh name; the label query (its result unchanged) and the catalogue read as before.
      expect(added).toHaveLength(1);
      expect(added[0]).toMatch(/^k1_/);
    } finally {
      await sql`alter table item drop column note`.execute(migrator.db);
    }
  });

  it("inside a transaction the stale statement fails that transaction only; the next one prepares afresh", async () => {
    const handle = open();
    const all = (db: Kysely<Record<string, Record<string, unknown>>>) =>
      db.selectFrom("item").selectAll().where("id", "=", 2).execute();
    await all(untyped(handle));
    const migrator = open();
    await sql`alter table item add column note text`.execute(migrator.db);
    try {
      await expect(untyped(handle).transaction().execute(all)).rejects.toThrow(/cached plan/);
      expect(await untyped(handle).transaction().execute(all)).toEqual([{ id: 2, label: "two", note: null }]);
    } finally {
      await sql`alter table item drop column note`.execute(migrator.db);
    }
  });

  it("with preparedStatements off (a pooler that cannot keep them) nothing is prepared", async () => {
    const handle = open({ preparedStatements: false });
    await untyped(handle).selectFrom("item").selectAll().where("id", "=", 1).execute();
    expect(await preparedOn(handle)).toEqual([]);
  });
});
