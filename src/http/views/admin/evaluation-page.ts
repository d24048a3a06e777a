/**
 * `/admin/policy/evaluation`: the newest evaluation (issue 12 item 4) with the draft's changes and the decisions its
 * flows recorded, differences first; for a Global admin the forms to start one, stop it or adopt the draft.
 */
import type { EvaluationReport } from "../../../domain/admin/policy-evaluation.js";
import type { DecisionCount } from "../../../domain/policies/evaluation/evaluation-ports.js";
import { isReasonCode, REASONS } from "../../../domain/reasons.js";
import type { SimulationReport } from "../../../domain/policies/simulation/simulation-report.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { simulationPanel } from "./simulation-panel.js";

export const EVALUATION_PATH = "/admin/policy/evaluation";

export interface EvaluationPageModel {
  readonly report: EvaluationReport;
  /** Times already in words, in the organisation's zone. */
  readonly formatTime: (time: Date) => string;
  /** Null for a reader: no forms at all. */
  readonly forms: null | {
    readonly csrf: string;
    readonly draft: string;
    readonly days: string;
    readonly errors: readonly string[];
    /** The simulation shown when an adoption waits for the loss to be confirmed. */
    readonly lossReport: SimulationReport | null;
  };
  readonly notice: string | null;
}

function reasonCell(t: Translate, reason: string | null): Html {
  if (reason === null) return html`${t("policy_simulation.evaluation.goes_on")}`;
  return isReasonCode(reason) ? html`<span class="code">${reason}</span> ${REASONS[reason].name}` : html`${reason}`;
}

function countRow(t: Translate, row: DecisionCount): Html {
  const differs = row.liveReason !== row.draftReason;
  return html`<tr><th scope="row">${t(`policy_simulation.evaluation.step.${row.step}`)}</th>
<td data-label="${t("policy_simulation.evaluation.column.live")}">${reasonCell(t, row.liveReason)}</td>
<td data-label="${t("policy_simulation.evaluation.column.draft")}">${reasonCell(t, row.draftReason)}</td>
<td data-label="${t("policy_simulation.evaluation.column.differs")}">${t(`policy_simulation.evaluation.${differs ? "yes" : "no"}`)}</td>
<td data-label="${t("policy_simulation.evaluation.column.decisions")}">${String(row.decisions)}</td>
<td data-label="${t("policy_simulation.evaluation.column.flows")}">${String(row.flows)}</td></tr>`;
}

function countsTable(t: Translate, report: EvaluationReport): Html {
  if (report.counts.length === 0) return html``;
  const sorted = [...report.counts].sort(
    (a, b) =>
      Number(b.liveReason !== b.draftReason) - Number(a.liveReason !== a.draftReason) || b.decisions - a.decisions,
  );
  const columns = (["step", "live", "draft", "differs", "decisions", "flows"] as const).map(
    (column) => html`<th scope="col">${t(`policy_simulation.evaluation.column.${column}`)}</th>`,
  );
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="eval-counts">
<table class="stack"><caption id="eval-counts">${t("policy_simulation.evaluation.counts_caption")}</caption>
<thead><tr>${columns}</tr></thead><tbody>${sorted.map((row) => countRow(t, row))}</tbody></table></div>`;
}

function changesList(t: Translate, report: EvaluationReport): Html {
  if (report.changes.length === 0) return html``;
  const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  return html`<h2>${t("policy_simulation.evaluation.changes_caption")}</h2>
<ul>${report.changes.map((change) => html`<li><code>${change.field}</code>: ${shown(change.old)} → ${shown(change.new)}</li>`)}</ul>`;
}

function summary(t: Translate, model: EvaluationPageModel): Html {
  const { evaluation } = model.report;
  if (evaluation === null) return html`<p>${t("policy_simulation.evaluation.none")}</p>`;
  const times = { start: model.formatTime(evaluation.startedAt), by: evaluation.startedBy };
  const line = model.report.running
    ? t("policy_simulation.evaluation.running", { ...times, end: model.formatTime(evaluation.endsAt) })
    : t("policy_simulation.evaluation.ended", {
        ...times,
        end: model.formatTime(evaluation.stoppedAt ?? evaluation.endsAt),
        reason: t(`policy_simulation.evaluation.end_reason.${evaluation.endReason ?? "expired"}`),
      });
  const totals = t("policy_simulation.evaluation.totals", {
    count: model.report.decisions,
    differing: model.report.differing,
  });
  return html`<p>${line}</p><p>${totals}</p>`;
}

function startForm(t: Translate, forms: NonNullable<EvaluationPageModel["forms"]>): Html {
  const errors = forms.errors.map((error) => html`<p class="field-error" id="start-error">${error}</p>`);
  const described = forms.errors.length > 0 ? "draft-hint start-error" : "draft-hint";
  return html`<h2 id="start-heading">${t("policy_simulation.evaluation.start_heading")}</h2>
<form method="post" action="${EVALUATION_PATH}/start" aria-labelledby="start-heading">
<input type="hidden" name="csrf" value="${forms.csrf}">${errors}
<label for="draft">${t("policy_simulation.draft_label")}</label>
<p class="hint" id="draft-hint">${t("policy_simulation.draft_hint")}</p>
<textarea id="draft" name="draft" rows="6" spellcheck="false" aria-describedby="${described}">${forms.draft}</textarea>
<label for="days">${t("policy_simulation.evaluation.days_label")}</label>
<input id="days" name="days" type="number" min="1" max="30" inputmode="numeric" value="${forms.days}">
<div class="actions"><button class="button" type="submit">${t("policy_simulation.evaluation.start")}</button></div>
</form>`;
}

function runningForms(t: Translate, forms: NonNullable<EvaluationPageModel["forms"]>): Html {
  const errors = forms.errors.map((error) => html`<p class="field-error" role="alert">${error}</p>`);
  const loss = forms.lossReport === null ? html`` : simulationPanel(t, forms.lossReport);
  return html`<form method="post" action="${EVALUATION_PATH}/stop">
<input type="hidden" name="csrf" value="${forms.csrf}">
<div class="actions"><button class="button secondary" type="submit">${t("policy_simulation.evaluation.stop")}</button></div>
</form>
<h2 id="adopt-heading">${t("policy_simulation.evaluation.adopt_heading")}</h2>${errors}${loss}
<form method="post" action="${EVALUATION_PATH}/adopt" aria-labelledby="adopt-heading">
<input type="hidden" name="csrf" value="${forms.csrf}">
<p class="hint">${t("policy_simulation.evaluation.adopt_hint")}</p>
<p><input type="checkbox" id="confirmLoss" name="confirmLoss" value="yes"> <label for="confirmLoss">${t("policy_simulation.evaluation.confirm_loss")}</label></p>
<div class="actions"><button class="button" type="submit">${t("policy_simulation.evaluation.adopt")}</button></div>
</form>`;
}

export function evaluationPage(t: Translate, model: EvaluationPageModel): Html {
  const notice = model.notice === null ? html`` : html`<p role="status" class="notice">${model.notice}</p>`;
  const forms = model.forms;
  const actions = forms === null ? html`` : model.report.running ? runningForms(t, forms) : startForm(t, forms);
  return html`${notice}<p>${t("policy_simulation.evaluation.intro")}</p>
${summary(t, model)}
${changesList(t, model.report)}
${countsTable(t, model.report)}
${actions}
<p><a href="/admin">${t("policy_simulation.back")}</a></p>`;
}
