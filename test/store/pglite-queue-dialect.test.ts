/** PGlite's one connection is handed on in arrival order, lets the event loop turn between holders, and a wait is bounded. */
import { setImmediate as nextTurn } from "node:timers/promises";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { connectPGlite } from "../../src/store/connect.js";
import { DatabaseBusyError, YieldingFifoLock } from "../../src/store/pglite-queue-dialect.js";

describe("YieldingFifoLock", () => {
  it("grants the lock in arrival order", async () => {
    const lock = new YieldingFifoLock(1000);
    const order: number[] = [];
    await lock.acquire();
    const waiters = [1, 2, 3].map(async (index) => {
      await lock.acquire();
      order.push(index);
      lock.release();
    });
    expect(lock.waiting).toBe(3);
    lock.release();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
  });

  it("lets timers and I/O callbacks run between two holders (the hand-over goes through setImmediate)", async () => {
    const lock = new YieldingFifoLock(1000);
    const events: string[] = [];
    await lock.acquire();
    const next = lock.acquire().then(() => events.push("next holder"));
    // Queued before the release: a hand-over by promise alone would run the next holder first.
    setImmediate(() => events.push("event loop turned"));
    lock.release();
    await next;
    expect(events).toEqual(["event loop turned", "next holder"]);
    lock.release();
  });

  it("a newcomer does not jump ahead of a waiter during the hand-over", async () => {
    const lock = new YieldingFifoLock(1000);
    const order: string[] = [];
    await lock.acquire();
    const waiter = lock.acquire().then(() => order.push("waiter"));
    lock.release();
    const newcomer = lock.acquire().then(() => order.push("newcomer"));
    await waiter;
    lock.release();
    await newcomer;
    lock.release();
    expect(order).toEqual(["waiter", "newcomer"]);
  });

  it("fails a waiter with DatabaseBusyError after the wait limit, and the queue goes on without it", async () => {
    const lock = new YieldingFifoLock(50);
    await lock.acquire();
    await expect(lock.acquire()).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(lock.waiting).toBe(0);
    lock.release();
    await lock.acquire();
    lock.release();
  });
});

describe("the PGlite connection under the queue", () => {
  it("a statement outside an open transaction fails with DatabaseBusyError instead of hanging", async () => {
    const handle = await connectPGlite(null, { acquireTimeoutMilliseconds: 200 });
    try {
      const attempt = handle.db.transaction().execute(async () => {
        // The transaction holds the only connection; this second statement can never get it.
        await sql`select 1`.execute(handle.db);
      });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseBusyError);
      const after = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });

  it("runs many concurrent transactions one at a time, each seeing the previous one's write", async () => {
    const handle = await connectPGlite(null);
    try {
      await sql`create table counter (n integer not null)`.execute(handle.db);
      await sql`insert into counter values (0)`.execute(handle.db);
      const increments = Array.from({ length: 50 }, () =>
        handle.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select n from counter`.execute(trx);
          await nextTurn();
          await sql`update counter set n = ${(rows[0]?.n ?? 0) + 1}`.execute(trx);
        }),
      );
      await Promise.all(increments);
      const { rows } = await sql<{ n: number }>`select n from counter`.execute(handle.db);
      expect(rows[0]?.n).toBe(50);
    } finally {
      await handle.close();
    }
  });
});
