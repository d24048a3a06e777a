/** `api_token` (ADR 0020): the admin API's bearer tokens, found by the SHA-256 of their secret. */
import type { Kysely, Selectable } from "kysely";
import type { ApiTokenRecord, ApiTokenStore } from "../../domain/admin/api-token-ports.js";
import { ADMIN_ROLES } from "../../domain/users.js";
import type { ApiTokenTable, Database } from "../database.js";
import { asOneOf } from "./row-values.js";

const COLUMNS = [
  "id",
  "name",
  "role",
  "scope_group",
  "owner_ref",
  "created_by",
  "created_at",
  "expires_at",
  "revoked_at",
  "last_used_at",
  "last_used_ip",
] as const;

type Row = Pick<Selectable<ApiTokenTable>, (typeof COLUMNS)[number]>;

function rowToRecord(row: Row): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: asOneOf(ADMIN_ROLES, row.role, "api_token.role"),
    scopeGroup: row.scope_group,
    ownerRef: row.owner_ref,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
  };
}

export function createKyselyApiTokenStore(db: Kysely<Database>): ApiTokenStore {
  const select = () => db.selectFrom("api_token").select([...COLUMNS]);
  return {
    async create(token, secretHash) {
      await db
        .insertInto("api_token")
        .values({
          id: token.id,
          name: token.name,
          secret_hash: secretHash,
          role: token.role,
          scope_group: token.scopeGroup,
          owner_ref: token.ownerRef,
          created_by: token.createdBy,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
        })
        .execute();
    },

    async list() {
      const rows = await select().orderBy("created_at", "desc").orderBy("id", "desc").execute();
      return rows.map(rowToRecord);
    },

    async find(id) {
      const row = await select().where("id", "=", id).executeTakeFirst();
      return row === undefined ? null : rowToRecord(row);
    },

    async findBySecretHash(secretHash) {
      const row = await select().where("secret_hash", "=", secretHash).executeTakeFirst();
      return row === undefined ? null : rowToRecord(row);
    },

    async revoke(id, now) {
      const result = await db
        .updateTable("api_token")
        .set({ revoked_at: now })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async recordUse(id, now, ip) {
      await db.updateTable("api_token").set({ last_used_at: now, last_used_ip: ip }).where("id", "=", id).execute();
    },
  };
}
