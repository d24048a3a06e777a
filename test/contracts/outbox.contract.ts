/** The Outbox contract: enqueue, claims under a lease that no two workers share, dispatch records, dev mailbox. */
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { OutboxDraft } from "../../src/domain/ports.js";
import type { Database } from "../../src/store/database.js";
import { createKyselyOutbox } from "../../src/store/repos/kysely-outbox.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, random, T0, useSharedDatabase } from "./store-fixtures.js";

function sampleDraft(overrides: Partial<OutboxDraft> = {}): OutboxDraft {
  return {
    channel: "email",
    template: "reset-code",
    recipient: "alice@mail.example.com",
    lang: "en",
    data: { code: "12345678", expiresInMinutes: 5 },
    notAfter: at(300),
    userRef: "user-1",
    flowId: "flow-1",
    ...overrides,
  };
}

const claimOptions = (seconds: number, limit = 20) => ({ limit, leaseSeconds: 60, now: at(seconds) });

async function rowOf(db: Kysely<Database>, id: string) {
  return db.selectFrom("outbox_message").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** Registers the Outbox contract for `database`. */
export function describeOutboxContract(database: TestDatabase): void {
  describe("Outbox", () => {
    const shared = useSharedDatabase(database, {
      emptiedBeforeEach: ["outbox_message", "dev_mailbox", "worker_heartbeat"],
    });

    it("hands out an enqueued message once while its lease runs, and again after it lapses", async () => {
      const { db } = shared;
      const outbox = createKyselyOutbox(db, random);
      await outbox.enqueue([sampleDraft()], T0);
      const [claimed] = await outbox.claimDueMessages(claimOptions(0));
      expect(claimed).toMatchObject({ ...sampleDraft(), attempts: 0, createdAt: T0 });
      expect(await outbox.claimDueMessages(claimOptions(59))).toEqual([]);
      const [reclaimed] = await outbox.claimDueMessages(claimOptions(61));
      expect(reclaimed).toMatchObject({ id: claimed?.id, attempts: 1 });
      expect(await rowOf(db, claimed?.id ?? "")).toMatchObject({
        status: "sending",
        attempts: 2,
        lease_until: at(121),
      });
    });

    it("claims due messages oldest first, up to the limit, and none scheduled later", async () => {
      const { db } = shared;
      const outbox = createKyselyOutbox(db, random);
      // Template ids are typed now, so the recipient marks each message.
      await outbox.enqueue([sampleDraft({ recipient: "b" })], at(20));
      await outbox.enqueue([sampleDraft({ recipient: "a" })], at(10));
      await outbox.enqueue([sampleDraft({ recipient: "later" })], at(100));
      const claimed = await outbox.claimDueMessages(claimOptions(50, 1));
      expect(claimed.map((message) => message.recipient)).toEqual(["a"]);
      expect((await outbox.claimDueMessages(claimOptions(50))).map((message) => message.recipient)).toEqual(["b"]);
    });

    it("records a sent message and clears its data", async () => {
      const { db } = shared;
      const outbox = createKyselyOutbox(db, random);
      await outbox.enqueue([sampleDraft()], T0);
      const [claimed] = await outbox.claimDueMessages(claimOptions(0));
      await outbox.recordDispatch(claimed?.id ?? "", { status: "sent" }, at(1));
      expect(await rowOf(db, claimed?.id ?? "")).toMatchObject({
        status: "sent",
        data: null,
        finished_at: at(1),
        lease_until: null,
      });
      expect(await outbox.claimDueMessages(claimOptions(1000))).toEqual([]);
    });

    it("reschedules a failed message and hands it out again at its retry time", async () => {
      const { db } = shared;
      const outbox = createKyselyOutbox(db, random);
      await outbox.enqueue([sampleDraft()], T0);
      const [claimed] = await outbox.claimDueMessages(claimOptions(0));
      await outbox.recordDispatch(
        claimed?.id ?? "",
        { status: "failed", error: "421 try later", retryAt: at(30) },
        at(1),
      );
      expect(await rowOf(db, claimed?.id ?? "")).toMatchObject({
        status: "pending",
        last_error: "421 try later",
        next_attempt_at: at(30),
      });
      expect(await outbox.claimDueMessages(claimOptions(29))).toEqual([]);
      const [retried] = await outbox.claimDueMessages(claimOptions(30));
      expect(retried).toMatchObject({ id: claimed?.id, attempts: 1, data: sampleDraft().data });
    });

    it("records an abandoned message, clears its data and keeps the reason", async () => {
      const { db } = shared;
      const outbox = createKyselyOutbox(db, random);
      await outbox.enqueue([sampleDraft()], T0);
      const [claimed] = await outbox.claimDueMessages(claimOptions(0));
      await outbox.recordDispatch(claimed?.id ?? "", { status: "abandoned", reason: "expired" }, at(2));
      expect(await rowOf(db, claimed?.id ?? "")).toMatchObject({
        status: "abandoned",
        data: null,
        last_error: "expired",
        finished_at: at(2),
      });
    });

    it("reports the waiting messages and the oldest one's age", async () => {
      const { db } = shared;
      const outbox = createKyselyOutbox(db, random);
      expect(await outbox.pendingStats()).toEqual({ depth: 0, oldestCreatedAt: null });
      await outbox.enqueue([sampleDraft(), sampleDraft()], at(10));
      await outbox.enqueue([sampleDraft()], at(20));
      const [first] = await outbox.claimDueMessages(claimOptions(20, 1));
      expect(await outbox.pendingStats()).toEqual({ depth: 3, oldestCreatedAt: at(10) });
      await outbox.recordDispatch(first?.id ?? "", { status: "sent" }, at(21));
      expect(await outbox.pendingStats()).toEqual({ depth: 2, oldestCreatedAt: at(10) });
    });

    it("keeps one heartbeat per instance and reports the newest", async () => {
      const { db } = shared;
      const outbox = createKyselyOutbox(db, random);
      expect(await outbox.lastHeartbeat()).toBeNull();
      await outbox.heartbeat("host-a", at(10));
      await outbox.heartbeat("host-b", at(20));
      await outbox.heartbeat("host-a", at(30));
      expect(await outbox.lastHeartbeat()).toEqual(at(30));
      expect(await db.selectFrom("worker_heartbeat").selectAll().execute()).toHaveLength(2);
    });

    it("lists the dev mailbox newest first", async () => {
      const { db } = shared;
      const mailbox = createKyselyOutbox(db, random);
      for (const subject of ["one", "two", "three"])
        await mailbox.deliver(
          "alice@mail.example.com",
          { subject, text: `${subject} text`, html: `<p>${subject}</p>` },
          T0,
        );
      const listed = await mailbox.list(2);
      expect(listed).toMatchObject([
        {
          recipient: "alice@mail.example.com",
          subject: "three",
          text: "three text",
          html: "<p>three</p>",
          createdAt: T0,
        },
        { recipient: "alice@mail.example.com", subject: "two", text: "two text", html: "<p>two</p>", createdAt: T0 },
      ]);
      // Each email has its own id, which `find` reads it back by (the mailbox links to the HTML part with it).
      const [newest, older] = listed;
      expect(newest?.id).not.toBe(older?.id);
      expect((await mailbox.find(String(newest?.id)))?.subject).toBe("three");
    });

    // Threat: two workers send the same code email twice, or one worker's retry races another's first try.
    it("claim under lease: two concurrent claims never get the same row", async () => {
      const { db } = shared;
      const outbox = createKyselyOutbox(db, random);
      await outbox.enqueue(
        Array.from({ length: 40 }, (_, index) => sampleDraft({ recipient: `t${index}` })),
        T0,
      );
      const seen: string[] = [];
      for (let round = 0; round < 10 && seen.length < 40; round++) {
        const batches = await Promise.all([
          outbox.claimDueMessages(claimOptions(1, 7)),
          outbox.claimDueMessages(claimOptions(1, 7)),
        ]);
        seen.push(...batches.flat().map((message) => message.id));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(40);
    });

    if (database.name === "postgres")
      it("skips rows another transaction has locked instead of waiting for them (SKIP LOCKED)", async () => {
        const { db } = shared;
        const outbox = createKyselyOutbox(db, random);
        await outbox.enqueue([sampleDraft({ recipient: "held" }), sampleDraft({ recipient: "free" })], T0);
        await db.transaction().execute(async (transaction) => {
          await transaction
            .selectFrom("outbox_message")
            .select("id")
            .where("recipient", "=", "held")
            .forUpdate()
            .execute();
          const claimed = await outbox.claimDueMessages(claimOptions(1));
          expect(claimed.map((message) => message.recipient)).toEqual(["free"]);
        });
      });
  });
}
