/** "This wasn't me" links in `not_me_link` (SPEC §9.3): only each token's SHA-256, single use by conditional update. */
import type { Kysely, Selectable } from "kysely";
import { NOT_ME_EVENTS, type NotMeLink, type NotMeLinkStore } from "../../domain/not-me/not-me-ports.js";
import { createNotMeLink } from "../../domain/not-me/not-me-token.js";
import type { Random } from "../../lib/random.js";
import type { Database, NotMeLinkTable } from "../database.js";
import { asOneOf } from "./row-values.js";

/** Maps a `not_me_link` row to the domain's NotMeLink. */
export function notMeLinkRowToLink(row: Selectable<NotMeLinkTable>): NotMeLink {
  return {
    tokenHash: new Uint8Array(row.token_hash),
    userRef: row.user_ref,
    about: asOneOf(NOT_ME_EVENTS, row.about, "not_me_link.about"),
    aboutAt: row.about_at,
    supportCode: row.support_code,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

/** A NotMeLinkStore over `db` (the pool, or a transaction); tokens and support codes come from `random`. */
export function createKyselyNotMeLinkStore(db: Kysely<Database>, deps: { random: Random }): NotMeLinkStore {
  return {
    async issue(request) {
      const { token, link } = createNotMeLink(deps.random, request);
      await db
        .insertInto("not_me_link")
        .values({
          token_hash: link.tokenHash,
          user_ref: link.userRef,
          about: link.about,
          about_at: link.aboutAt,
          support_code: link.supportCode,
          created_at: link.createdAt,
          expires_at: link.expiresAt,
          used_at: null,
        })
        .execute();
      return { token, supportCode: link.supportCode, expiresAt: link.expiresAt };
    },

    async findUsable(tokenHash, now) {
      const row = await db
        .selectFrom("not_me_link")
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .where("used_at", "is", null)
        .where("expires_at", ">", now)
        .executeTakeFirst();
      return row === undefined ? null : notMeLinkRowToLink(row);
    },

    /** One UPDATE … WHERE used_at IS NULL … RETURNING: of racing callers exactly one sees the row. */
    async redeem(tokenHash, now) {
      const row = await db
        .updateTable("not_me_link")
        .set({ used_at: now })
        .where("token_hash", "=", tokenHash)
        .where("used_at", "is", null)
        .where("expires_at", ">", now)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : notMeLinkRowToLink(row);
    },
  };
}
