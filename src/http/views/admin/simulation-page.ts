/** `/admin/policy/simulate`: the draft form (KEY = VALUE lines), what was wrong with it, and the simulation panel. */
import type { PolicyViolation } from "../../../domain/policies/sspr-policy.js";
import type { SimulationReport } from "../../../domain/policies/simulation/simulation-report.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { simulationPanel } from "./simulation-panel.js";

export const SIMULATE_PATH = "/admin/policy/simulate";

export interface SimulationPageModel {
  readonly csrf: string;
  readonly draft: string;
  /** Messages about the draft itself (a bad line, nothing written). */
  readonly errors: readonly string[];
  /** The rules the draft breaks (SPEC §3 V1–V9). */
  readonly violations: readonly PolicyViolation[];
  readonly report: SimulationReport | null;
  /** "Simulated … over N people", already in words. */
  readonly ranAt: string | null;
}

function draftForm(t: Translate, model: SimulationPageModel): Html {
  const invalid = model.errors.length > 0 || model.violations.length > 0;
  const errors = model.errors.map((error) => html`<p class="field-error" id="draft-error">${error}</p>`);
  const violations =
    model.violations.length === 0
      ? html``
      : html`<div class="field-error" id="draft-violations"><p>${t("policy_simulation.invalid_heading")}</p>
<ul>${model.violations.map((violation) => html`<li><code>${violation.rule}</code> <code>${violation.path}</code>: ${violation.message}</li>`)}</ul></div>`;
  const described = ["draft-hint", ...(model.errors.length > 0 ? ["draft-error"] : [])]
    .concat(model.violations.length > 0 ? ["draft-violations"] : [])
    .join(" ");
  return html`<form method="post" action="${SIMULATE_PATH}">
<input type="hidden" name="csrf" value="${model.csrf}">
<label for="draft">${t("policy_simulation.draft_label")}</label>
<p class="hint" id="draft-hint">${t("policy_simulation.draft_hint")}</p>${errors}${violations}
<textarea id="draft" name="draft" rows="8" spellcheck="false" aria-describedby="${described}"${invalid ? html` aria-invalid="true"` : html``}>${model.draft}</textarea>
<div class="actions"><button class="button" type="submit">${t("policy_simulation.submit")}</button></div>
</form>`;
}

function pager(t: Translate, model: SimulationPageModel, report: SimulationReport): Html {
  const { offset, limit, total } = report.affected;
  const button = (to: number, label: string) =>
    html`<button class="button secondary" type="submit" name="offset" value="${String(to)}">${label}</button>`;
  const buttons = [
    ...(offset > 0 ? [button(Math.max(0, offset - limit), t("policy_simulation.previous"))] : []),
    ...(offset + limit < total ? [button(offset + limit, t("policy_simulation.next"))] : []),
  ];
  if (buttons.length === 0) return html``;
  return html`<form method="post" action="${SIMULATE_PATH}" aria-label="${t("policy_simulation.pages")}">
<input type="hidden" name="csrf" value="${model.csrf}"><input type="hidden" name="draft" value="${model.draft}">
<p class="actions">${buttons}</p></form>`;
}

export function simulationPage(t: Translate, model: SimulationPageModel): Html {
  const report = model.report;
  const results =
    report === null
      ? html``
      : html`${model.ranAt === null ? html`` : html`<p>${model.ranAt}</p>`}${simulationPanel(t, report, { pager: pager(t, model, report) })}`;
  return html`<p>${t("policy_simulation.intro")}</p>
${draftForm(t, model)}
${results}
<p><a href="/admin">${t("policy_simulation.back")}</a></p>`;
}
