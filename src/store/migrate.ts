/** Forward-only migrations: run at start and by `sandi migrate`. */
import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import type { Database } from "./database.js";
import { MIGRATION_NAMES, migrationProvider } from "./migrations/index.js";

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: false });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error("migration failed", { cause: error });
  return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName);
}

/** True when the database holds every migration this build knows. */
export async function areMigrationsCurrent(db: Kysely<Database>): Promise<boolean> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const applied = (await migrator.getMigrations()).filter((migration) => migration.executedAt !== undefined);
  return applied.length === MIGRATION_NAMES.length;
}
