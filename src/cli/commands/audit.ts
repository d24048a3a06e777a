/** `sandi audit tail`: the newest audit events, one line each; events hold no secrets and this prints no more. */
import { AUDIT_ACTIVITIES, type StoredAuditEvent } from "../../domain/audit-events.js";
import type { AuditFilter } from "../../domain/ports.js";
import { auditFilterOf } from "../../domain/admin/audit-read.js";
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { describeAuditEvent } from "../../i18n/audit-words.js";
import { createTranslator, LANGUAGES, type Language, type Translate } from "../../i18n/i18n.js";
import { type DatabaseCommand, EXIT, stringOption, UsageError } from "../command.js";
import { userIdArgument } from "./user.js";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

function actorText(event: StoredAuditEvent): string {
  const who = event.actor.userId ?? event.actor.id;
  return who === null ? event.actor.type : `${event.actor.type}:${who}`;
}

/**
 * time, activity, result, reason, actor, target user ID, IP: fields that never carry a secret (SPEC §11.3); the codes
 * first, unchanged, for scripts that read them, then after `#` the activity, reason and actor in words (with `t`).
 */
export function auditLine(event: StoredAuditEvent, t?: Translate): string {
  const codes = [
    event.time.toISOString(),
    event.activity,
    event.result,
    event.reason ?? "-",
    actorText(event),
    event.target.userId ?? "-",
    event.ip ?? "-",
  ].join("  ");
  if (t === undefined) return codes;
  const words = describeAuditEvent(t, event);
  return `${codes}  # ${[words.activity, words.reason, words.actor].filter((part) => part !== "").join(" · ")}`;
}

function languageOption(typed: string | undefined, fallback: Language): Language {
  if (typed === undefined) return fallback;
  const lang = LANGUAGES.find((candidate) => candidate === typed);
  if (lang === undefined) throw new UsageError(`--lang must be ${LANGUAGES.join(" or ")}`);
  return lang;
}

function limitOption(typed: string | undefined): number {
  if (typed === undefined) return DEFAULT_LIMIT;
  const limit = Number(typed);
  if (!/^\d+$/.test(typed) || limit < 1 || limit > MAX_LIMIT) throw new UsageError(`--limit must be 1–${MAX_LIMIT}`);
  return limit;
}

/** An instant with its zone (`2026-12-07T09:00:00Z`, `…+07:00`): a bare date or time would be read in no zone at all. */
function instantOption(name: string, typed: string | undefined): Date | undefined {
  if (typed === undefined) return undefined;
  const instant = new Date(typed);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(typed) || Number.isNaN(instant.getTime()))
    throw new UsageError(`--${name} must be an instant with its zone, such as 2026-12-07T09:00:00Z`);
  return instant;
}

function activityOption(typed: string | undefined): string | undefined {
  if (typed === undefined || AUDIT_ACTIVITIES.some((activity) => activity === typed)) return typed;
  throw new UsageError("--activity must be an audit activity, such as signin.failed or password.reset.self");
}

function resultOption(typed: string | undefined): AuditFilter["result"] {
  if (typed === undefined || typed === "success" || typed === "failure") return typed;
  throw new UsageError("--result must be success or failure");
}

/** The filters the admin page and the API offer, from the command line; undefined ones are left out. */
function filterOf(args: Parameters<DatabaseCommand["run"]>[0]): AuditFilter {
  const typedUser = stringOption(args, "user");
  const typedTarget = stringOption(args, "target");
  return auditFilterOf({
    userId: typedUser === undefined ? undefined : userIdArgument(typedUser),
    activity: activityOption(stringOption(args, "activity")),
    actor: stringOption(args, "actor"),
    targetUserId: typedTarget === undefined ? undefined : userIdArgument(typedTarget),
    result: resultOption(stringOption(args, "result")),
    from: instantOption("from", stringOption(args, "from")),
    to: instantOption("to", stringOption(args, "to")),
  });
}

const tail: DatabaseCommand = {
  kind: "database",
  name: "audit tail",
  usage:
    "[--user U] [--activity A] [--actor U] [--target U] [--result success|failure] [--from T] [--to T] [--limit N] [--lang en|id]",
  summary: `print the newest audit events (default ${DEFAULT_LIMIT}), oldest first, with their codes and in words; the filters are the audit page's`,
  options: {
    user: { type: "string" },
    activity: { type: "string" },
    actor: { type: "string" },
    target: { type: "string" },
    result: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    limit: { type: "string" },
    lang: { type: "string" },
  },
  positionals: { min: 0, max: 0 },
  async run(args, context) {
    const limit = limitOption(stringOption(args, "limit"));
    const lang = languageOption(stringOption(args, "lang"), context.config.organisation.defaultLanguage);
    const t = createTranslator().forLanguage(lang);
    const filter = filterOf(args);
    const read = await context.admin.readAudit(CONSOLE_ACTOR, { limit, ...filter });
    const events = read.ok ? read.value : [];
    if (events.length === 0) context.out("No audit events.");
    for (const event of events) context.out(auditLine(event, t));
    return EXIT.ok;
  },
};

/** `audit tail`. */
export const AUDIT_COMMANDS: readonly DatabaseCommand[] = [tail];
