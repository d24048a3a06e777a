/**
 * Audit events the demo seed writes as it loads its fixtures (actor "system (demo-seed)"). Console commands are
 * audited by the admin services they call, with the console as their actor (domain/admin/admin-actor.ts).
 */
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { AuditActivity, AuditEvent } from "../domain/audit-events.js";
import type { Random } from "../lib/random.js";
import type { Database } from "../store/database.js";
import { createKyselyAuditLog } from "../store/repos/kysely-audit-log.js";

/** An event without its actor and time, which `writeConsoleAudit` adds. */
export type ConsoleAuditEvent = Omit<AuditEvent, "actor" | "time">;

/** Appends the events with `actor`; pass the transaction the change ran in. */
export async function writeConsoleAudit(
  db: Kysely<Database>,
  random: Random,
  now: Date,
  events: readonly ConsoleAuditEvent[],
  actor: AuditEvent["actor"],
): Promise<void> {
  const log = createKyselyAuditLog(db, { instance: hostname(), random });
  await log.append(events.map((event) => ({ ...event, actor, time: now })));
}

/** The activities the demo seed writes (SPEC §11.1 keys as the domain lists them). */
export const CONSOLE_ACTIVITIES = {
  userCreated: "directory.user.created",
  policyChanged: "policy.updated",
} as const satisfies Record<string, AuditActivity>;
