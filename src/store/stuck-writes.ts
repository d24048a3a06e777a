/**
 * Flows stuck in WRITING: the directory was asked to write a password and never answered (the process died, or the
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
