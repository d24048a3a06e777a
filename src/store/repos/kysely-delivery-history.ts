/**
 * The messages to one user for "Diagnose this user" (SPEC §13.1 check 12): the outbox rows queued for the account
 * (`outbox_message_user`) and the codes a send limit dropped, which only the audit log knows (`message.suppressed`,
 * found by the target's user ID through `audit_event_target`). Recipients leave here masked, never whole.
 */
import type { Kysely } from "kysely";
import { MESSAGE_CHANNELS, type MessageChannel, maskRecipient } from "../../domain/messages.js";
import type { DeliveryHistory, DeliveryRecord } from "../../domain/troubleshoot/diagnosis-facts.js";
import type { Database } from "../database.js";

function channelOf(value: string | null): MessageChannel | null {
  return MESSAGE_CHANNELS.find((channel) => channel === value) ?? null;
}

function statusOf(status: string, lastError: string | null): DeliveryRecord["status"] {
  if (status === "sent") return "sent";
  if (status === "abandoned") return "abandoned";
  return lastError === null ? "waiting" : "retrying";
}

async function queued(db: Kysely<Database>, ref: string, limit: number): Promise<DeliveryRecord[]> {
  const rows = await db
    .selectFrom("outbox_message")
    .select(["channel", "template", "recipient", "status", "last_error", "created_at", "finished_at"])
    .where("user_ref", "=", ref)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row): DeliveryRecord => {
    const channel = channelOf(row.channel);
    return {
      time: row.finished_at ?? row.created_at,
      channel,
      about: row.template,
      maskedRecipient: channel === null ? "" : maskRecipient(channel, row.recipient),
      status: statusOf(row.status, row.last_error),
      reason: row.status === "sent" ? null : row.last_error,
    };
  });
}

async function suppressed(db: Kysely<Database>, userId: string, limit: number): Promise<DeliveryRecord[]> {
  const rows = await db
    .selectFrom("audit_event")
    .select(["time", "reason", "masked_target", "method"])
    .where("target_user_id", "=", userId)
    .where("activity", "=", "message.suppressed")
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map(
    (row): DeliveryRecord => ({
      time: row.time,
      channel: null,
      about: row.method ?? "",
      maskedRecipient: row.masked_target ?? "",
      status: "suppressed",
      reason: row.reason,
    }),
  );
}

/** The DeliveryHistory port over `db`. */
export function createKyselyDeliveryHistory(db: Kysely<Database>): DeliveryHistory {
  return {
    async recentOfUser(user, limit) {
      const [sent, dropped] = await Promise.all([queued(db, user.ref, limit), suppressed(db, user.userId, limit)]);
      return [...sent, ...dropped].sort((a, b) => b.time.getTime() - a.time.getTime()).slice(0, limit);
    },
  };
}
