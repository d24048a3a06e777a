/** `sandi audit tail`: the newest audit events, one line each; events hold no secrets and this prints no more. */
import type { StoredAuditEvent } from "../../domain/audit-events.js";
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { type DatabaseCommand, EXIT, stringOption, UsageError } from "../command.js";
import { userIdArgument } from "./user.js";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

function actorText(event: StoredAuditEvent): string {
  const who = event.actor.userId ?? event.actor.id;
  return who === null ? event.actor.type : `${event.actor.type}:${who}`;
}

/** time, activity, result, reason, actor, target user ID, IP: fields that never carry a secret (SPEC §11.3). */
export function auditLine(event: StoredAuditEvent): string {
  return [
    event.time.toISOString(),
    event.activity,
    event.result,
    event.reason ?? "-",
    actorText(event),
    event.target.userId ?? "-",
    event.ip ?? "-",
  ].join("  ");
}

function limitOption(typed: string | undefined): number {
  if (typed === undefined) return DEFAULT_LIMIT;
  const limit = Number(typed);
  if (!/^\d+$/.test(typed) || limit < 1 || limit > MAX_LIMIT) throw new UsageError(`--limit must be 1–${MAX_LIMIT}`);
  return limit;
}

const tail: DatabaseCommand = {
  kind: "database",
  name: "audit tail",
  usage: "[--user U] [--limit N]",
  summary: `print the newest audit events (default ${DEFAULT_LIMIT}), oldest first`,
  options: { user: { type: "string" }, limit: { type: "string" } },
  positionals: { min: 0, max: 0 },
  async run(args, context) {
    const limit = limitOption(stringOption(args, "limit"));
    const typedUser = stringOption(args, "user");
    const filter = typedUser === undefined ? {} : { userId: userIdArgument(typedUser) };
    const read = await context.admin.readAudit(CONSOLE_ACTOR, { limit, ...filter });
    const events = read.ok ? read.value : [];
    if (events.length === 0) context.out("No audit events.");
    for (const event of events) context.out(auditLine(event));
    return EXIT.ok;
  },
};

/** `audit tail`. */
export const AUDIT_COMMANDS: readonly DatabaseCommand[] = [tail];
