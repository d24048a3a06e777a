/** CSV import jobs (ImportJobOps): created before the first row, updated as rows are done, read by the progress page. */
import type { Kysely } from "kysely";
import {
  IMPORT_STATES,
  type ImportJob,
  type ImportJobOps,
  type ImportRowError,
} from "../../domain/admin/user-admin-ports.js";
import type { Database } from "../database.js";
import { asOneOf } from "./row-values.js";

function rowErrors(value: unknown): ImportRowError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is ImportRowError =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as ImportRowError).row === "number" &&
      typeof (item as ImportRowError).column === "string" &&
      typeof (item as ImportRowError).code === "string",
  );
}

export function createKyselyImportJobs(db: Kysely<Database>): ImportJobOps {
  return {
    async createImportJob(job, now) {
      await db
        .insertInto("user_import_job")
        .values({
          id: job.id,
          created_by: job.createdBy,
          created_at: now,
          dry_run: job.dryRun,
          state: "running",
          total_rows: job.totalRows,
          row_errors: JSON.stringify([]),
        })
        .execute();
    },

    async updateImportJob(id, progress) {
      await db
        .updateTable("user_import_job")
        .set({
          processed_rows: progress.processedRows,
          created_users: progress.createdUsers,
          row_errors: JSON.stringify(progress.errors),
        })
        .where("id", "=", id)
        .execute();
    },

    async finishImportJob(id, state, now) {
      await db.updateTable("user_import_job").set({ state, finished_at: now }).where("id", "=", id).execute();
    },

    async findImportJob(id): Promise<ImportJob | null> {
      const row = await db.selectFrom("user_import_job").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        createdBy: row.created_by,
        createdAt: row.created_at,
        dryRun: row.dry_run,
        state: asOneOf(IMPORT_STATES, row.state, "user_import_job.state"),
        totalRows: row.total_rows,
        processedRows: row.processed_rows,
        createdUsers: row.created_users,
        errors: rowErrors(row.row_errors),
        finishedAt: row.finished_at,
      };
    },
  };
}
