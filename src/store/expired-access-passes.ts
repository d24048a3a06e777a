/**
 * Temporary access passes that expired unused (SPEC §18). A pass past its end used to be closed and audited only
 * when someone next tried to sign in with it, so the audit log did not say a pass had lapsed until then, or ever.
 * Housekeeping closes each such pass as `expired` at the moment it expired and writes `access_pass.expired` with
 * that time, as the system. The conditional update (`ended_at is null`) makes it once per pass, whoever gets there
 * first: this run, another worker's, or a sign-in with the pass.
 */
import type { Kysely } from "kysely";
import type { AuditEvent } from "../domain/audit-events.js";
import type { Random } from "../lib/random.js";
import type { Database } from "./database.js";
import { createKyselyAuditLog } from "./repos/kysely-audit-log.js";

/** Passes closed per statement: few are open at a time, but a long-stopped worker may find many. */
const BATCH_PASSES = 500;

/** The actor of the events: housekeeping, not a user and not an admin. */
const HOUSEKEEPING_ACTOR = { type: "system", id: "housekeeping" } as const;

/** Closes one batch of passes expired by `now` (each at its own expiry) and audits them; returns how many. */
async function endBatch(db: Kysely<Database>, now: Date, stamp: { random: Random; instance: string }) {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable("temporary_access_pass")
      .set((eb) => ({ ended_at: eb.ref("expires_at"), end_reason: "expired" }))
      .where("id", "in", (eb) =>
        eb
          .selectFrom("temporary_access_pass")
          .select("id")
          .where("ended_at", "is", null)
          .where("expires_at", "<=", now)
          .limit(BATCH_PASSES),
      )
      .where("ended_at", "is", null)
      .returning(["user_ref", "expires_at"])
      .execute();
    if (ended.length === 0) return 0;
    // The built-in directory's user IDs (its entries share the account's ref); another directory's stay the ref.
    const refs = [...new Set(ended.map((row) => row.user_ref))];
    const named = await trx.selectFrom("directory_user").select(["ref", "user_id"]).where("ref", "in", refs).execute();
    const userIdOf = new Map(named.map((row) => [row.ref, row.user_id]));
    const events = ended.map((row): AuditEvent => {
      const userId = userIdOf.get(row.user_ref);
      return {
        activity: "access_pass.expired",
        result: "success",
        actor: HOUSEKEEPING_ACTOR,
        target: userId === undefined ? { ref: row.user_ref } : { ref: row.user_ref, userId },
        time: row.expires_at,
      };
    });
    await createKyselyAuditLog(trx, stamp).append(events);
    return ended.length;
  });
}

/** Closes and audits every pass that expired unused by `now`; returns how many. */
export async function endExpiredAccessPasses(
  db: Kysely<Database>,
  now: Date,
  stamp: { random: Random; instance: string },
): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await endBatch(db, now, stamp);
    total += count;
    if (count < BATCH_PASSES) return total;
  }
}
