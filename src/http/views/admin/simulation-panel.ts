/**
 * The result of a policy simulation as one panel (SPEC §3 "Policy simulation"): the loss to confirm, the settings
 * changed, totals for users and admins apart (live, draft, difference) and one page of the affected people with
 * their reason codes. Exported for the policy pages to embed beside their save button. Plain HTML, no script.
 */
import { REASONS, type ReasonCode } from "../../../domain/reasons.js";
import {
  type AffectedUser,
  lossRequiresConfirmation,
  type PolicyTotals,
  type SimulationReport,
  type SplitTotals,
} from "../../../domain/policies/simulation/simulation-report.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";

const MEASURES: readonly (keyof PolicyTotals)[] = [
  "people",
  "inScope",
  "registered",
  "capable",
  "interrupted",
  "unableToReset",
];

const signed = (value: number): string => (value > 0 ? `+${String(value)}` : String(value));
const shown = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

function changesTable(t: Translate, report: SimulationReport): Html {
  if (report.changes.length === 0) return html`<p>${t("policy_simulation.no_changes")}</p>`;
  const rows = report.changes.map(
    (change) => html`<tr><th scope="row"><code>${change.field}</code></th>
<td data-label="${t("policy_simulation.column.old")}">${shown(change.old)}</td>
<td data-label="${t("policy_simulation.column.new")}">${shown(change.new)}</td></tr>`,
  );
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="sim-changes">
<table class="stack"><caption id="sim-changes">${t("policy_simulation.changes_caption")}</caption>
<thead><tr><th scope="col">${t("policy_simulation.column.setting")}</th><th scope="col">${t("policy_simulation.column.old")}</th><th scope="col">${t("policy_simulation.column.new")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function totalsTable(t: Translate, report: SimulationReport, side: keyof SplitTotals): Html {
  const id = `sim-totals-${side}`;
  const rows = MEASURES.map(
    (measure) => html`<tr><th scope="row">${t(`policy_simulation.measure.${measure}`)}</th>
<td data-label="${t("policy_simulation.column.live")}">${String(report.live[side][measure])}</td>
<td data-label="${t("policy_simulation.column.draft")}">${String(report.draft[side][measure])}</td>
<td data-label="${t("policy_simulation.column.difference")}">${signed(report.difference[side][measure])}</td></tr>`,
  );
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="${id}">
<table class="stack"><caption id="${id}">${t(`policy_simulation.totals_caption_${side}`)}</caption>
<thead><tr><th scope="col">${t("policy_simulation.column.measure")}</th><th scope="col">${t("policy_simulation.column.live")}</th><th scope="col">${t("policy_simulation.column.draft")}</th><th scope="col">${t("policy_simulation.column.difference")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function reasonWords(t: Translate, code: ReasonCode | null): Html {
  if (code === null) return html`${t("policy_simulation.reason_none")}`;
  return html`<span class="code">${code}</span> ${REASONS[code].name} — <span class="hint">${t(REASONS[code].adminHint)}</span>`;
}

function affectedRow(t: Translate, row: AffectedUser): Html {
  const kind = t(row.privileged ? "policy_simulation.kind_admin" : "policy_simulation.kind_user");
  const changes = row.changes.map((change) => t(`policy_simulation.change.${change}`)).join(", ");
  return html`<tr><th scope="row">${row.userId}</th>
<td data-label="${t("policy_simulation.column.name")}">${row.displayName}</td>
<td data-label="${t("policy_simulation.column.kind")}">${kind}</td>
<td data-label="${t("policy_simulation.column.what_changes")}">${changes}</td>
<td data-label="${t("policy_simulation.column.live_reason")}">${reasonWords(t, row.liveReason)}</td>
<td data-label="${t("policy_simulation.column.draft_reason")}">${reasonWords(t, row.draftReason)}</td></tr>`;
}

function affectedTable(t: Translate, report: SimulationReport): Html {
  const { affected } = report;
  if (affected.total === 0) return html`<p role="status">${t("policy_simulation.affected_none")}</p>`;
  const caption = t("policy_simulation.affected_caption", {
    from: affected.rows.length === 0 ? 0 : affected.offset + 1,
    to: affected.offset + affected.rows.length,
    total: affected.total,
  });
  const columns = (["user_id", "name", "kind", "what_changes", "live_reason", "draft_reason"] as const).map(
    (column) => html`<th scope="col">${t(`policy_simulation.column.${column}`)}</th>`,
  );
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="sim-affected">
<table class="stack"><caption id="sim-affected">${caption}</caption>
<thead><tr>${columns}</tr></thead>
<tbody>${affected.rows.map((row) => affectedRow(t, row))}</tbody></table></div>`;
}

function lossNotice(t: Translate, report: SimulationReport): Html {
  const interrupted = report.newlyInterrupted.users + report.newlyInterrupted.admins;
  const newly =
    interrupted === 0 ? html`` : html`<p>${t("policy_simulation.newly_interrupted", { count: interrupted })}</p>`;
  if (!lossRequiresConfirmation(report)) return html`<p role="status">${t("policy_simulation.no_loss")}</p>${newly}`;
  const count = report.loss.users + report.loss.admins;
  return html`<div class="notice warning" role="alert"><p>${t("policy_simulation.loss_warning", { count, admins: report.loss.admins })}</p></div>${newly}`;
}

/** The whole result; `pager` (the page's own paging controls) goes under the affected list. */
export function simulationPanel(t: Translate, report: SimulationReport, options: { pager?: Html } = {}): Html {
  return html`<section class="simulation" aria-labelledby="sim-heading">
<h2 id="sim-heading">${t("policy_simulation.results_heading")}</h2>
${lossNotice(t, report)}
${changesTable(t, report)}
${totalsTable(t, report, "users")}
${totalsTable(t, report, "admins")}
${affectedTable(t, report)}
${options.pager ?? html``}
</section>`;
}
