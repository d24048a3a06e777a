/**
 * Work a stopped process left half done. Flows stuck in WRITING: the directory was asked to write a password and never answered (the process died, or the
 * write hung past the directory timeout). Nobody can tell whether the password was written, so the flow ends as
 * FAILED with SND-410, which the troubleshooter shows with "if your new password already works, it was saved".
 */
import type { Kysely } from "kysely";
import { flowProgressEvent } from "../domain/flows/reset/reset-events.js";
import type { Random } from "../lib/random.js";
import { secondsBefore } from "../lib/time.js";
import type { Database } from "./database.js";
import { createKyselyAuditLog } from "./repos/kysely-audit-log.js";
import { resetFlowRowToFlow } from "./repos/kysely-flow-store.js";

/** SPEC §13's directory operation timeout. */
export const DIRECTORY_TIMEOUT_SECONDS = 10;
/** A flow in WRITING this long has outlived any write still in flight (the timeout plus a margin for a slow step). */
export const STUCK_WRITE_SECONDS = DIRECTORY_TIMEOUT_SECONDS + 20;
/** The end reason (and audit reason) of a flow housekeeping took out of WRITING. */
export const WRITE_TIMED_OUT_REASON = "write_timed_out:SND-410";

/** Ends every flow in WRITING since before `now - STUCK_WRITE_SECONDS` as FAILED, audited; returns how many. */
export async function endStuckWrites(
  db: Kysely<Database>,
  now: Date,
  stamp: { random: Random; instance: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable("reset_flow")
      .set((eb) => ({
        state: "failed",
        ended_at: now,
        end_reason: WRITE_TIMED_OUT_REASON,
        writing_since: null,
        version: eb("version", "+", 1),
      }))
      .where("state", "=", "writing")
      .where("writing_since", "<", secondsBefore(now, STUCK_WRITE_SECONDS))
      .returningAll()
      .execute();
    if (rows.length === 0) return 0;
    const events = rows.map((row) =>
      flowProgressEvent(resetFlowRowToFlow(row), WRITE_TIMED_OUT_REASON, "failure", now),
    );
    await createKyselyAuditLog(trx, stamp).append(events);
    return rows.length;
  });
}

/**
 * A CSV import runs in the process that started it (user-import.ts), chunk after chunk; if that process stops, its job
 * would say "running" forever. No import of the 10,000 rows allowed takes near this long, so a job still running
 * after it has lost its process: it is marked failed, and the progress page says how many users were created.
 */
export const STUCK_IMPORT_SECONDS = 3600;

/** Marks every import job running since before `now - STUCK_IMPORT_SECONDS` failed; returns how many. */
export async function endStuckImports(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .updateTable("user_import_job")
    .set({ state: "failed", finished_at: now })
    .where("state", "=", "running")
    .where("created_at", "<", secondsBefore(now, STUCK_IMPORT_SECONDS))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
