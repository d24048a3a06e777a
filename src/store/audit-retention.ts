/**
 * The audit log's retention purge (SPEC §11.4): events older than the policy's `audit.retentionDays` are deleted, in
 * small batches, each in a transaction that opens the append-only trigger's one door (migration
 * 2026-12-15T0300Z-audit-retention-purge) for itself alone. `time` has no index (one more on the hottest insert
 * was not worth it), so a purge reads the table: the housekeeper runs it once a day, not at every run.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "./database.js";

const DAY_MILLISECONDS = 86_400_000;
const BATCH_ROWS = 500;

/** Deletes up to BATCH_ROWS events older than `cutoff`, in one transaction that alone may delete. */
async function purgeBatch(db: Kysely<Database>, cutoff: Date): Promise<number> {
  return db.transaction().execute(async (transaction) => {
    await sql`select set_config('sandi.audit_retention_purge', 'on', true)`.execute(transaction);
    const result = await sql`delete from audit_event where seq in
      (select seq from audit_event where time < ${cutoff} limit ${BATCH_ROWS})`.execute(transaction);
    return Number(result.numAffectedRows ?? 0n);
  });
}

/** Deletes every audit event older than `retentionDays` before `now`; returns how many went. */
export async function purgeExpiredAuditEvents(
  db: Kysely<Database>,
  input: { readonly now: Date; readonly retentionDays: number },
): Promise<number> {
  const cutoff = new Date(input.now.getTime() - input.retentionDays * DAY_MILLISECONDS);
  let total = 0;
  for (;;) {
    const count = await purgeBatch(db, cutoff);
    total += count;
    if (count < BATCH_ROWS) return total;
  }
}
