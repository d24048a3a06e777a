/** `sandi audit tail`: the newest audit events, one line each; events hold no secrets and this prints no more. */
import type { StoredAuditEvent } from "../../domain/audit-events.js";
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

const tail: DatabaseCommand = {
  kind: "database",
  name: "audit tail",
  usage: "[--user U] [--limit N] [--lang en|id]",
  summary: `print the newest audit events (default ${DEFAULT_LIMIT}), oldest first, with their codes and in words`,
  options: { user: { type: "string" }, limit: { type: "string" }, lang: { type: "string" } },
  positionals: { min: 0, max: 0 },
  async run(args, context) {
    const limit = limitOption(stringOption(args, "limit"));
    const lang = languageOption(stringOption(args, "lang"), context.config.organisation.defaultLanguage);
    const t = createTranslator().forLanguage(lang);
    const typedUser = stringOption(args, "user");
    const filter = typedUser === undefined ? {} : { userId: userIdArgument(typedUser) };
    const read = await context.admin.readAudit(CONSOLE_ACTOR, { limit, ...filter });
    const events = read.ok ? read.value : [];
    if (events.length === 0) context.out("No audit events.");
    for (const event of events) context.out(auditLine(event, t));
    return EXIT.ok;
  },
};

/** `audit tail`. */
export const AUDIT_COMMANDS: readonly DatabaseCommand[] = [tail];
