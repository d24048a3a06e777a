/** `sandi migrate`: apply pending migrations and name them. */
import { type DatabaseCommand, EXIT } from "../command.js";

const migrate: DatabaseCommand = {
  kind: "database",
  name: "migrate",
  usage: "",
  summary: "apply pending database migrations",
  migrateFirst: false,
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const applied = await context.migrate();
    if (applied.length === 0) context.out("The database is up to date.");
    for (const name of applied) context.out(`Applied ${name}.`);
    return EXIT.ok;
  },
};

/** `migrate`. */
export const MIGRATE_COMMANDS: readonly DatabaseCommand[] = [migrate];
