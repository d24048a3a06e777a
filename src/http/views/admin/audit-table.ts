/**
 * Audit events as a table, in plain words (SPEC §11): the activity and the reason in the reader's language with the
 * code under them (for searching the log and asking the helpdesk), the actor in words, times in the organisation's
 * zone. The overview's recent events and `/admin/audit` show the same table. Events hold no secrets (SPEC §11.3).
 */
import type { StoredAuditEvent } from "../../../domain/audit-events.js";
import { describeAuditEvent } from "../../../i18n/audit-words.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { formatDateTime, type TimeLocale } from "../format-time.js";
import { dataTable, type TableCell } from "./data-table.js";

/** Words first, for the reader; the code under them. */
function wordsAndCode(words: string, code: string | null): Html {
  if (code === null || code === "") return html``;
  return words === code ? html`<span class="code">${code}</span>` : html`${words}<br><span class="code">${code}</span>`;
}

function auditCells(t: Translate, locale: TimeLocale, event: StoredAuditEvent): TableCell[] {
  const words = describeAuditEvent(t, event);
  return [
    formatDateTime(event.time, locale.lang, locale.timeZone),
    wordsAndCode(words.activity, event.activity),
    t(event.result === "success" ? "admin.audit.success" : "admin.audit.failure"),
    wordsAndCode(words.reason, event.reason),
    words.actor,
    event.target.userId ?? "",
    event.ip ?? "",
  ];
}

const COLUMNS = ["time", "activity", "result", "reason", "actor", "target", "ip"] as const;

/** The events, newest first as given, under `caption`; `id` prefixes the caption's id. */
export function auditTable(
  t: Translate,
  locale: TimeLocale,
  table: {
    id: string;
    caption: string;
    events: readonly StoredAuditEvent[];
    /** The section heading's id, when it names the table better than its caption (the overview's). */
    labelledBy?: string;
  },
): Html {
  return dataTable({
    id: table.id,
    caption: table.caption,
    ...(table.labelledBy === undefined ? {} : { labelledBy: table.labelledBy }),
    columns: COLUMNS.map((column) => ({ label: t(`admin.audit.${column}`) })),
    rows: table.events.map((event) => auditCells(t, locale, event)),
    order: null,
    hrefFor: () => "",
  });
}
