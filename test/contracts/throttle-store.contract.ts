/** The ThrottleStore contract: rolling-window hits, blocks that only grow, and clearing per counter and key. */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createKyselyThrottleStore } from "../../src/store/repos/kysely-throttle-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, unique, useSharedDatabase } from "./store-fixtures.js";

/** Registers the ThrottleStore contract for `database`. */
export function describeThrottleStoreContract(database: TestDatabase): void {
  describe("ThrottleStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyThrottleStore(shared.db);

    it("counts the hits of one counter and key since a time, that time included", async () => {
      const key = unique("user");
      for (const second of [0, 100, 200, 300]) await store().hit("A1", key, at(second));
      await store().hit("A2", key, at(300));
      await store().hit("A1", unique("other"), at(300));
      expect(await store().count("A1", key, at(100))).toBe(3);
      expect(await store().count("A1", key, at(301))).toBe(0);
      expect(await store().count("A2", key, at(0))).toBe(1);
    });

    // Threat: parallel requests on PostgreSQL each count before any sees the others' hits, and all slip past a limit.
    it("serialise: parallel transactions that count then hit under one key's lock each see all earlier hits", async () => {
      const key = unique("mailbox");
      // Open the pool's connections first, so the transactions below truly overlap instead of queueing for one.
      await Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(0.05)`.execute(shared.db)));
      const counts = await Promise.all(
        Array.from({ length: 10 }, () =>
          shared.db.transaction().execute(async (trx) => {
            const throttles = createKyselyThrottleStore(trx);
            await throttles.serialise("R1", key);
            const seen = await throttles.count("R1", key, at(0));
            await throttles.hit("R1", key, at(1));
            return seen;
          }),
        ),
      );
      expect(counts.toSorted((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it("serialise holds only its own counter and key: another key goes on while one is held", async () => {
      const held = unique("held");
      const other = unique("other");
      await shared.db.transaction().execute(async (trx) => {
        await createKyselyThrottleStore(trx).serialise("A1", held);
        // On PostgreSQL this runs on another connection; it would wait for ever if the lock were table-wide.
        if (database.name === "postgres") {
          await shared.db.transaction().execute(async (inner) => {
            await createKyselyThrottleStore(inner).serialise("A1", other);
            await createKyselyThrottleStore(inner).serialise("A3", held);
          });
        }
      });
      expect(await store().count("A1", held, at(0))).toBe(0);
    });

    it("stops counting at atMost, so asking whether a busy key is over a limit reads a bounded number of rows", async () => {
      const key = unique("organisation");
      for (const second of [0, 1, 2, 3, 4]) await store().hit("I1-org", key, at(second));
      expect(await store().count("I1-org", key, at(0), 3)).toBe(3);
      expect(await store().count("I1-org", key, at(0), 10)).toBe(5);
      expect(await store().count("I1-org", key, at(2), 10)).toBe(3);
    });

    it("hitAndCount records every hit and counts the named counter's window with the new hit included", async () => {
      const [key, organisation] = [unique("ip"), unique("organisation")];
      for (const second of [0, 10, 20]) await store().hit("I1", key, at(second));
      const result = await store().hitAndCount({
        hits: [
          { counter: "I1", key },
          { counter: "I1-org", key: organisation },
        ],
        now: at(30),
        blockKeys: [key],
        skipHitsWhenBlocked: false,
        counted: { counter: "I1", key, since: at(10), atMost: 100 },
      });
      expect(result).toEqual({ block: null, count: 3 });
      expect(await store().count("I1", key, at(0))).toBe(4);
      expect(await store().count("I1-org", organisation, at(0))).toBe(1);
    });

    it("hitAndCount reads the longest active block and, when asked, records nothing while one holds", async () => {
      const [typed, account] = [unique("typed"), unique("account")];
      await store().block("A1", typed, at(600));
      await store().block("A3", account, at(900));
      const input = {
        hits: [{ counter: "A1" as const, key: account }],
        now: at(0),
        blockKeys: [typed, account],
        counted: { counter: "A1" as const, key: account, since: at(0), atMost: 10 },
      };
      const skipped = await store().hitAndCount({ ...input, skipHitsWhenBlocked: true });
      expect(skipped).toEqual({ block: { counter: "A3", until: at(900) }, count: 0 });
      const recorded = await store().hitAndCount({ ...input, skipHitsWhenBlocked: false });
      expect(recorded).toEqual({ block: { counter: "A3", until: at(900) }, count: 1 });
      const after = await store().hitAndCount({ ...input, now: at(900), skipHitsWhenBlocked: true });
      expect(after).toEqual({ block: null, count: 2 });
    });

    it("hitAndCount stops reading earlier hits at atMost", async () => {
      const key = unique("user");
      for (const second of [0, 1, 2, 3, 4]) await store().hit("A2", key, at(second));
      const input = { hits: [{ counter: "A2" as const, key }], now: at(5), blockKeys: [], skipHitsWhenBlocked: false };
      const result = await store().hitAndCount({ ...input, counted: { counter: "A2", key, since: at(0), atMost: 3 } });
      expect(result.count).toBe(4);
    });

    // Threat: parallel identify submissions or code guesses each count before any sees the others' hits.
    it("hitAndCount under serialise: parallel transactions each see every earlier hit", async () => {
      const key = unique("ip");
      await Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(0.05)`.execute(shared.db)));
      const counts = await Promise.all(
        Array.from({ length: 10 }, () =>
          shared.db.transaction().execute(async (trx) => {
            const throttles = createKyselyThrottleStore(trx);
            await throttles.serialise("I1", key);
            const counted = { counter: "I1" as const, key, since: at(0), atMost: 100 };
            const input = { hits: [{ counter: "I1" as const, key }], now: at(1), blockKeys: [key], counted };
            return (await throttles.hitAndCount({ ...input, skipHitsWhenBlocked: false })).count;
          }),
        ),
      );
      expect(counts.toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    // Threat: parallel code guesses, each one statement outside any transaction, all slip past A1's limit.
    it("serialisedHitAndCount outside a transaction: parallel calls each see every earlier hit", async () => {
      const key = unique("account");
      await Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(0.05)`.execute(shared.db)));
      const counted = { counter: "A1" as const, key, since: at(0), atMost: 100 };
      const input = { hits: [{ counter: "A1" as const, key }], now: at(1), blockKeys: [key], counted };
      const counts = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const result = await store().serialisedHitAndCount(
            { counter: "A1", key },
            {
              ...input,
              skipHitsWhenBlocked: true,
            },
          );
          return result.count;
        }),
      );
      expect(counts.toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it("serialisedHitAndCount reads the longest active block and records nothing while one holds, when asked", async () => {
      const key = unique("account");
      const other = unique("typed");
      await store().hit("A1", key, at(0));
      await store().block("A1", other, at(500));
      const counted = { counter: "A1" as const, key, since: at(0), atMost: 2 };
      const input = { hits: [{ counter: "A1" as const, key }], now: at(10), blockKeys: [key, other], counted };
      const skipped = await store().serialisedHitAndCount(
        { counter: "A1", key },
        {
          ...input,
          skipHitsWhenBlocked: true,
        },
      );
      expect(skipped).toEqual({ block: { counter: "A1", until: at(500) }, count: 1 });
      const recorded = await store().serialisedHitAndCount(
        { counter: "A1", key },
        {
          ...input,
          skipHitsWhenBlocked: false,
        },
      );
      expect(recorded.count).toBe(2);
      expect(await store().count("A1", key, at(0))).toBe(2);
    });

    it("counts hits recorded in parallel", async () => {
      const key = unique("ip");
      await Promise.all(Array.from({ length: 10 }, () => store().hit("I1", key, at(5))));
      expect(await store().count("I1", key, at(0))).toBe(10);
    });

    it("tells the newest hit", async () => {
      const key = unique("user");
      expect(await store().lastHit("A1", key)).toBeNull();
      await store().hit("A1", key, at(200));
      await store().hit("A1", key, at(100));
      expect(await store().lastHit("A1", key)).toEqual(at(200));
    });

    it("takes back the newest hits of one counter and key, as many as asked, and no others", async () => {
      const key = unique("user");
      for (const second of [0, 100, 200, 300]) await store().hit("A1", key, at(second));
      await store().hit("A2", key, at(400));
      await store().hit("A1", unique("other"), at(400));
      await store().removeNewestHit("A1", key, 2);
      expect(await store().lastHit("A1", key)).toEqual(at(100));
      await store().removeNewestHit("A1", key);
      expect(await store().count("A1", key, at(0))).toBe(1);
      expect(await store().count("A2", key, at(0))).toBe(1);
    });

    it("returns the longest active block across keys", async () => {
      const [user, ip, idle] = [unique("user"), unique("ip"), unique("idle")];
      await store().block("A1", user, at(600));
      await store().block("A3", user, at(900));
      await store().block("I1", ip, at(3600));
      await store().block("A2", idle, at(99_999));
      expect(await store().activeBlock([user], at(0))).toEqual({ counter: "A3", until: at(900) });
      expect(await store().activeBlock([user, ip], at(0))).toEqual({ counter: "I1", until: at(3600) });
      expect(await store().activeBlock([user], at(900))).toBeNull();
      expect(await store().activeBlock([], at(0))).toBeNull();
    });

    it("reads back blocks of the identify step's own counters", async () => {
      const key = unique("pow");
      await store().block("I1-pow", key, at(3600));
      expect(await store().activeBlock([key], at(0))).toEqual({ counter: "I1-pow", until: at(3600) });
    });

    it("keeps the later end when a block is set again", async () => {
      const key = unique("user");
      await store().block("A1", key, at(1000));
      await store().block("A1", key, at(500));
      expect(await store().activeBlock([key], at(0))).toEqual({ counter: "A1", until: at(1000) });
      await store().block("A1", key, at(2000));
      expect(await store().activeBlock([key], at(0))).toEqual({ counter: "A1", until: at(2000) });
    });

    it("clears the hits and blocks of the named counters for one key only", async () => {
      const [key, other] = [unique("user"), unique("user")];
      for (const counter of ["A1", "A2", "A4"] as const) {
        await store().hit(counter, key, at(0));
        await store().block(counter, key, at(1000 + Number(counter.slice(1))));
      }
      await store().hit("A1", other, at(0));
      await store().block("A1", other, at(1000));
      await store().clear(["A1", "A2"], key);
      expect(await store().count("A1", key, at(0))).toBe(0);
      expect(await store().count("A2", key, at(0))).toBe(0);
      expect(await store().count("A4", key, at(0))).toBe(1);
      expect(await store().activeBlock([key], at(0))).toEqual({ counter: "A4", until: at(1004) });
      expect(await store().count("A1", other, at(0))).toBe(1);
      expect(await store().activeBlock([other], at(0))).toEqual({ counter: "A1", until: at(1000) });
    });
  });
}
