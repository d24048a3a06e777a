/** Audit events written by console commands: the actor is "system (console)" (SPEC §2 break-glass). */
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { AuditActivity, AuditEvent } from "../domain/audit-events.js";
import type { Random } from "../lib/random.js";
import type { Database } from "../store/database.js";
import { createKyselyAuditLog } from "../store/repos/kysely-audit-log.js";

/** Who a console command acts as. */
export const CONSOLE_ACTOR = { type: "system", id: "console" } as const;

/** An event without its actor and time, which `writeConsoleAudit` adds. */
export type ConsoleAuditEvent = Omit<AuditEvent, "actor" | "time">;

/** Appends the events with the console actor; pass the transaction the change ran in. */
export async function writeConsoleAudit(
  db: Kysely<Database>,
  random: Random,
  now: Date,
  events: readonly ConsoleAuditEvent[],
  actor: AuditEvent["actor"] = CONSOLE_ACTOR,
): Promise<void> {
  const log = createKyselyAuditLog(db, { instance: hostname(), random });
  await log.append(events.map((event) => ({ ...event, actor, time: now })));
}

/** The activities console commands write, in one place (SPEC §11.1 keys as the domain lists them). */
export const CONSOLE_ACTIVITIES = {
  userCreated: "directory.user.created",
  userChanged: "directory.user.changed",
  groupChanged: "directory.group.changed",
  roleGranted: "directory.role.granted",
  passwordSet: "password.reset.admin",
  policyChanged: "policy.updated",
} as const satisfies Record<string, AuditActivity>;
