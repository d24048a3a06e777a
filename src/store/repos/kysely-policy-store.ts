/** Versioned SSPR policies in `sspr_policy`: each save is a new version, the last 50 are kept. */
import type { Kysely, Selectable } from "kysely";
import type { PolicyStore, PolicyVersion } from "../../domain/ports.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../domain/policies/sspr-policy.js";
import type { Database, SsprPolicyTable } from "../database.js";

const VERSIONS_KEPT = 50;
const SAVE_ATTEMPTS = 5;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `stored` laid over `defaults`, key by key: keys added since the document was saved get their defaults. */
export function mergeOverDefaults(defaults: unknown, stored: unknown): unknown {
  if (!isPlainObject(defaults)) return stored === undefined ? defaults : stored;
  if (!isPlainObject(stored)) return defaults;
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults)) merged[key] = mergeOverDefaults(value, stored[key]);
  return merged;
}

/** Maps an `sspr_policy` row to a PolicyVersion, its document completed from DEFAULT_POLICY. */
export function policyRowToPolicyVersion(row: Selectable<SsprPolicyTable>): PolicyVersion {
  return {
    version: row.version,
    // The merge keeps DEFAULT_POLICY's shape; values were validated by checkPolicy before they were saved.
    policy: mergeOverDefaults(DEFAULT_POLICY, row.document) as SsprPolicy,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "23505";
}

/** A PolicyStore over `db` (the pool: `save` runs two statements and retries a lost race). */
export function createKyselyPolicyStore(db: Kysely<Database>): PolicyStore {
  async function insertNextVersion(policy: SsprPolicy, createdBy: string, now: Date): Promise<PolicyVersion> {
    const { newest } = await db
      .selectFrom("sspr_policy")
      .select((eb) => eb.fn.max<number | null>("version").as("newest"))
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto("sspr_policy")
      .values({ version: (newest ?? 0) + 1, document: JSON.stringify(policy), created_by: createdBy, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return policyRowToPolicyVersion(row);
  }

  return {
    /** The newest version, or null before the first save. */
    async current() {
      const row = await db.selectFrom("sspr_policy").selectAll().orderBy("version", "desc").limit(1).executeTakeFirst();
      return row ? policyRowToPolicyVersion(row) : null;
    },

    async list() {
      const rows = await db
        .selectFrom("sspr_policy")
        .selectAll()
        .orderBy("version", "desc")
        .limit(VERSIONS_KEPT)
        .execute();
      return rows.map(policyRowToPolicyVersion);
    },

    async get(version) {
      if (!Number.isSafeInteger(version)) return null;
      const row = await db.selectFrom("sspr_policy").selectAll().where("version", "=", version).executeTakeFirst();
      return row ? policyRowToPolicyVersion(row) : null;
    },

    /** Saves the next version number (two racing saves both land, one after the other), then drops all but the last 50. */
    async save(policy, createdBy, now) {
      for (let attempt = 1; ; attempt++) {
        try {
          const saved = await insertNextVersion(policy, createdBy, now);
          await db
            .deleteFrom("sspr_policy")
            .where("version", "<=", saved.version - VERSIONS_KEPT)
            .execute();
          return saved;
        } catch (error) {
          if (attempt >= SAVE_ATTEMPTS || !isUniqueViolation(error)) throw error;
        }
      }
    },
  };
}
