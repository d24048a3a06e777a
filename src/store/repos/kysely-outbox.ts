/** The outbox in `outbox_message` (flows enqueue, the worker leases and records) and the dev mailbox in `dev_mailbox`. */
import type { Kysely, Selectable } from "kysely";
import { MESSAGE_CHANNELS } from "../../domain/messages.js";
import type {
  ClaimedMessage,
  DevMailbox,
  DevMailboxEmail,
  Outbox,
  OutboxDraft,
  OutboxWorkerStore,
  UndeliveredMessage,
} from "../../domain/ports.js";
import type { Random } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import type { Database, DevMailboxTable, OutboxMessageTable } from "../database.js";
import { asLanguage, asOneOf } from "./row-values.js";

const CHANNELS: readonly OutboxDraft["channel"][] = MESSAGE_CHANNELS;
const WAITING_STATUSES = ["pending", "sending"];

/**
 * Maps a claimed `outbox_message` row to a ClaimedMessage. The row's `attempts` counts claims, this one
 * included; the message's `attempts` counts the deliveries begun before it (a crashed worker's included).
 */
export function outboxRowToClaimedMessage(row: Selectable<OutboxMessageTable>): ClaimedMessage {
  return {
    id: row.id,
    channel: asOneOf(CHANNELS, row.channel, "outbox_message.channel"),
    template: row.template,
    recipient: row.recipient,
    lang: asLanguage(row.lang, "outbox_message.lang"),
    data: row.data ?? {},
    attempts: Math.max(0, row.attempts - 1),
    notAfter: row.not_after,
    userRef: row.user_ref,
    flowId: row.flow_id,
    createdAt: row.created_at,
  };
}

function createOutboxWorkerStore(db: Kysely<Database>): OutboxWorkerStore {
  return {
    /**
     * One statement: locks due rows with FOR UPDATE SKIP LOCKED and leases them, so two workers never hold
     * the same message. Due means pending and scheduled by `now`, or sending with a lapsed lease.
     */
    async claimDueMessages({ limit, leaseSeconds, now }) {
      const rows = await db
        .with("due", (qb) =>
          qb
            .selectFrom("outbox_message")
            .select("id")
            .where((eb) =>
              eb.or([
                eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]),
                eb.and([eb("status", "=", "sending"), eb("lease_until", "<", now)]),
              ]),
            )
            .orderBy("next_attempt_at")
            .orderBy("id")
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .updateTable("outbox_message")
        .from("due")
        .set((eb) => ({
          status: "sending",
          lease_until: secondsAfter(now, leaseSeconds),
          attempts: eb("outbox_message.attempts", "+", 1),
        }))
        .whereRef("outbox_message.id", "=", "due.id")
        .returningAll("outbox_message")
        .execute();
      rows.sort((a, b) => a.next_attempt_at.getTime() - b.next_attempt_at.getTime() || a.id.localeCompare(b.id));
      return rows.map(outboxRowToClaimedMessage);
    },

    /** Sent and abandoned messages lose their data (codes included) for good; a failure is rescheduled. */
    async recordDispatch(messageId, result, now) {
      const update = db.updateTable("outbox_message").where("id", "=", messageId);
      if (result.status === "sent")
        await update.set({ status: "sent", data: null, lease_until: null, finished_at: now }).execute();
      else if (result.status === "failed")
        await update
          .set({ status: "pending", next_attempt_at: result.retryAt, lease_until: null, last_error: result.error })
          .execute();
      else
        await update
          .set({ status: "abandoned", data: null, lease_until: null, last_error: result.reason, finished_at: now })
          .execute();
    },

    /** Pending and leased messages, and the oldest one's creation time. */
    async pendingStats() {
      const row = await db
        .selectFrom("outbox_message")
        .select((eb) => [eb.fn.countAll<string>().as("depth"), eb.fn.min<Date | null>("created_at").as("oldest")])
        .where("status", "in", WAITING_STATUSES)
        .executeTakeFirstOrThrow();
      return { depth: Number(row.depth), oldestCreatedAt: row.oldest };
    },

    /** Upserts this instance's heartbeat. */
    async heartbeat(instance, now) {
      await db
        .insertInto("worker_heartbeat")
        .values({ instance, beat_at: now })
        .onConflict((conflict) => conflict.column("instance").doUpdateSet({ beat_at: now }))
        .execute();
    },

    /** The newest heartbeat of any instance, or null. */
    async lastHeartbeat() {
      const row = await db
        .selectFrom("worker_heartbeat")
        .select((eb) => eb.fn.max<Date | null>("beat_at").as("last"))
        .executeTakeFirstOrThrow();
      return row.last;
    },
  };
}

function toDevMailboxEmail(row: Selectable<DevMailboxTable>): DevMailboxEmail {
  return {
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    createdAt: row.created_at,
  };
}

/** Codes a send limit dropped (SPEC §8.2): only the audit log knows them, with the recipient masked. */
async function suppressedMessages(db: Kysely<Database>, limit: number): Promise<UndeliveredMessage[]> {
  const rows = await db
    .selectFrom("audit_event")
    .select(["time", "reason", "masked_target", "method"])
    .where("activity", "=", "message.suppressed")
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    status: "suppressed",
    recipient: row.masked_target ?? "",
    about: row.method ?? "",
    reason: row.reason ?? "",
    time: row.time,
  }));
}

/** Messages the worker abandoned, or is retrying after a failure. */
async function failedMessages(db: Kysely<Database>, limit: number): Promise<UndeliveredMessage[]> {
  const rows = await db
    .selectFrom("outbox_message")
    .select(["status", "recipient", "template", "last_error", "created_at", "finished_at"])
    .where((eb) =>
      eb.or([eb("status", "=", "abandoned"), eb.and([eb("status", "=", "pending"), eb("last_error", "is not", null)])]),
    )
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    status: row.status === "abandoned" ? "abandoned" : "retrying",
    recipient: row.recipient,
    about: row.template,
    reason: row.last_error ?? "",
    time: row.finished_at ?? row.created_at,
  }));
}

function createDevMailbox(db: Kysely<Database>): DevMailbox {
  return {
    /** Stores one rendered email. */
    async deliver(recipient, email, now) {
      await db
        .insertInto("dev_mailbox")
        .values({ recipient, subject: email.subject, text_body: email.text, html_body: email.html, created_at: now })
        .execute();
    },

    /** The newest `limit` emails, newest first. */
    async list(limit) {
      const rows = await db.selectFrom("dev_mailbox").selectAll().orderBy("id", "desc").limit(limit).execute();
      return rows.map(toDevMailboxEmail);
    },

    /** One email; an id that is not a number finds nothing (the column is a bigint). */
    async find(id) {
      if (!/^\d{1,18}$/.test(id)) return null;
      const row = await db.selectFrom("dev_mailbox").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : toDevMailboxEmail(row);
    },

    /** Suppressed, abandoned and retrying messages together, newest first. */
    async undelivered(limit) {
      const [suppressed, failed] = await Promise.all([suppressedMessages(db, limit), failedMessages(db, limit)]);
      return [...suppressed, ...failed].sort((a, b) => b.time.getTime() - a.time.getTime()).slice(0, limit);
    },
  };
}

/** The outbox over `db`: `enqueue` for flows (inside their transaction), the worker's store, and the dev mailbox. */
export function createKyselyOutbox(db: Kysely<Database>, random: Random): Outbox & OutboxWorkerStore & DevMailbox {
  const outbox: Outbox = {
    /** Inserts the drafts as pending, due at `now`; they become visible when the caller's transaction commits. */
    async enqueue(drafts, now) {
      if (drafts.length === 0) return;
      const rows = drafts.map((draft) => ({
        id: uuidv7(now, random),
        channel: draft.channel,
        template: draft.template,
        recipient: draft.recipient,
        lang: draft.lang,
        data: JSON.stringify(draft.data),
        status: "pending",
        next_attempt_at: now,
        not_after: draft.notAfter,
        user_ref: draft.userRef,
        flow_id: draft.flowId,
        created_at: now,
      }));
      await db.insertInto("outbox_message").values(rows).execute();
    },
  };
  return { ...outbox, ...createOutboxWorkerStore(db), ...createDevMailbox(db) };
}
