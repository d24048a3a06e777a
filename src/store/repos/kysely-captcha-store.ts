/** Spent proof-of-work solutions in `spent_captcha`: altcha has no replay protection, so each signature is spent once here. */
import type { Kysely } from "kysely";
import type { CaptchaStore } from "../../domain/ports.js";
import type { Database } from "../database.js";

/** A CaptchaStore over `db`. */
export function createKyselyCaptchaStore(db: Kysely<Database>): CaptchaStore {
  return {
    /**
     * One INSERT … ON CONFLICT DO NOTHING: of any number of racing spends, on any instance, one sees true.
     * Expired rows are deleted afterwards, so a replayed signature is refused until its own expiry has passed.
     */
    async spend(signature, expiresAt, now) {
      const result = await db
        .insertInto("spent_captcha")
        .values({ signature, expires_at: expiresAt })
        .onConflict((conflict) => conflict.column("signature").doNothing())
        .executeTakeFirst();
      await db.deleteFrom("spent_captcha").where("expires_at", "<=", now).execute();
      return result.numInsertedOrUpdatedRows === 1n;
    },
  };
}
