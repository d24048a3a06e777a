/** The append-only audit log in `audit_event` (SPEC §11.3): UUIDv7 ids, a `seq` for tailing, never a secret. */
import type { Insertable, Kysely, Selectable, SelectQueryBuilder } from "kysely";
import type { AuditEvent, StoredAuditEvent } from "../../domain/audit-events.js";
import type { AuditFilter, AuditLog, AuditReader } from "../../domain/ports.js";
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

type AuditQuery = SelectQueryBuilder<Database, "audit_event", Selectable<AuditEventTable>>;

/** Narrows `query` to the events `filter` keeps (SPEC §11.3's columns; none of them holds a secret). */
function whereFilter(query: AuditQuery, filter: AuditFilter): AuditQuery {
  let narrowed = query;
  const { userId, activity, actor, targetUserId, result, from, to } = filter;
  if (userId !== undefined)
    narrowed = narrowed.where((eb) => eb.or([eb("target_user_id", "=", userId), eb("actor_user_id", "=", userId)]));
  if (actor !== undefined)
    narrowed = narrowed.where((eb) =>
      eb.or([eb("actor_user_id", "=", actor), eb.and([eb("actor_user_id", "is", null), eb("actor_id", "=", actor)])]),
    );
  if (activity !== undefined) narrowed = narrowed.where("activity", "=", activity);
  if (targetUserId !== undefined) narrowed = narrowed.where("target_user_id", "=", targetUserId);
  if (result !== undefined) narrowed = narrowed.where("result", "=", result);
  if (from !== undefined) narrowed = narrowed.where("time", ">=", from);
  if (to !== undefined) narrowed = narrowed.where("time", "<", to);
  return narrowed;
}

/**
 * Events newest last: the newest `limit` the filter keeps after skipping the `offset` newest, or with `afterSeq`
 * the next `limit` after it (`sandi audit tail` resumes that way).
 */
export async function listAuditEvents(
  db: Kysely<Database>,
  options: AuditFilter & { limit: number; offset?: number; afterSeq?: string },
): Promise<StoredAuditEvent[]> {
  const { limit, offset, afterSeq, ...filter } = options;
  const query = whereFilter(db.selectFrom("audit_event").selectAll(), filter).limit(limit);
  if (afterSeq !== undefined) {
    const rows = await query.where("seq", ">", afterSeq).orderBy("seq", "asc").execute();
    return rows.map(auditRowToStoredEvent);
  }
  const rows = await query
    .orderBy("seq", "desc")
    .offset(offset ?? 0)
    .execute();
  return rows.reverse().map(auditRowToStoredEvent);
}

/** The AuditReader port over `db` (the admin pages, the admin API and `sandi audit tail`). */
export function createKyselyAuditReader(db: Kysely<Database>): AuditReader {
  return { recent: (options) => listAuditEvents(db, options) };
}
