/** The append-only audit log in `audit_event` (SPEC §11.3): UUIDv7 ids, a `seq` for tailing, never a secret. */
import type { Insertable, Kysely, Selectable } from "kysely";
import type { AuditEvent, StoredAuditEvent } from "../../domain/audit-events.js";
import type { AuditLog, AuditReader } from "../../domain/ports.js";
import type { Random } from "../../lib/random.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import type { AuditEventTable, Database } from "../database.js";

const CLIENT_MAX_LENGTH = 256;

/** Maps an event to its row: `category` is the activity's first segment (`sspr.flow.progress` → `sspr`). */
function auditEventToRow(event: AuditEvent, id: string, instance: string): Insertable<AuditEventTable> {
  return {
    id,
    time: event.time,
    activity: event.activity,
    category: event.activity.split(".")[0] ?? event.activity,
    result: event.result,
    reason: event.reason ?? null,
    actor_type: event.actor.type,
    actor_id: event.actor.id ?? null,
    actor_user_id: event.actor.userId ?? null,
    target_ref: event.target?.ref ?? null,
    target_user_id: event.target?.userId ?? null,
    flow_id: event.flowId ?? null,
    support_code: event.supportCode ?? null,
    ip: event.ip ?? null,
    client: event.client === undefined ? null : event.client.slice(0, CLIENT_MAX_LENGTH),
    method: event.method ?? null,
    masked_target: event.maskedTarget ?? null,
    lang: event.lang ?? null,
    instance,
    changes: event.changes === undefined ? null : JSON.stringify(event.changes),
  };
}

/** Maps an `audit_event` row to a StoredAuditEvent. */
export function auditRowToStoredEvent(row: Selectable<AuditEventTable>): StoredAuditEvent {
  return {
    id: row.id,
    seq: row.seq,
    time: row.time,
    activity: row.activity,
    category: row.category,
    result: row.result,
    reason: row.reason,
    actor: { type: row.actor_type, id: row.actor_id, userId: row.actor_user_id },
    target: { ref: row.target_ref, userId: row.target_user_id },
    flowId: row.flow_id,
    supportCode: row.support_code,
    ip: row.ip,
    client: row.client,
    method: row.method,
    maskedTarget: row.masked_target,
    lang: row.lang,
    instance: row.instance,
    changes: row.changes,
  };
}

/** An AuditLog over `db` that stamps each event with `instance` (the host id). */
export function createKyselyAuditLog(db: Kysely<Database>, options: { instance: string; random: Random }): AuditLog {
  return {
    /** Inserts the events in one statement, in order; the table refuses later updates (a trigger). */
    async append(events) {
      if (events.length === 0) return;
      const rows = events.map((event) => auditEventToRow(event, uuidv7(event.time, options.random), options.instance));
      await db.insertInto("audit_event").values(rows).execute();
    },
  };
}

/**
 * Events for `sandi audit tail`, newest last: the newest `limit`, or with `afterSeq` the next `limit` after it.
 * `userId` keeps events whose actor or target is that user.
 */
export async function listAuditEvents(
  db: Kysely<Database>,
  options: { userId?: string; limit: number; afterSeq?: string },
): Promise<StoredAuditEvent[]> {
  let query = db.selectFrom("audit_event").selectAll().limit(options.limit);
  const { userId, afterSeq } = options;
  if (userId !== undefined)
    query = query.where((eb) => eb.or([eb("target_user_id", "=", userId), eb("actor_user_id", "=", userId)]));
  if (afterSeq !== undefined) {
    const rows = await query.where("seq", ">", afterSeq).orderBy("seq", "asc").execute();
    return rows.map(auditRowToStoredEvent);
  }
  const rows = await query.orderBy("seq", "desc").execute();
  return rows.reverse().map(auditRowToStoredEvent);
}

/** The AuditReader port over `db` (admin pages; `sandi audit tail` reads through listAuditEvents directly). */
export function createKyselyAuditReader(db: Kysely<Database>): AuditReader {
  return { recent: (options) => listAuditEvents(db, options) };
}
