/**
 * The CSV import pages: the paste form (a dry run first, then the import), the dry run's report with each row's
 * problems in the admin's language, and the job's progress page, which reloads itself every two seconds (no script
 * needed) until the job is done, with a `<progress>` bar and the error report to download.
 */
import type { ImportJob, ImportRowError } from "../../../domain/admin/user-admin-ports.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";
import { dataTable } from "./data-table.js";

export const IMPORT_PATH = "/admin/users/import";

/** One row error in words: "Row 3, email: not an email address". */
export function rowErrorWords(t: Translate, error: ImportRowError): string {
  const column = error.column === "" ? "" : error.column;
  const where =
    error.row === 0 ? t("admin_manage.import.header_row") : t("admin_manage.import.row", { row: error.row });
  const message = t(`admin_manage.error.${error.code}`);
  return column === "" ? `${where}: ${message}` : `${where}, ${column}: ${message}`;
}

/** The first 500 row errors (the download has them all). */
function errorTable(t: Translate, errors: readonly ImportRowError[]): Html {
  if (errors.length === 0) return html``;
  return dataTable({
    id: "import-errors",
    caption: t("admin_manage.import.errors_caption", { count: errors.length }),
    columns: [
      { label: t("admin_manage.import.column_row") },
      { label: t("admin_manage.import.column_column") },
      { label: t("admin_manage.import.column_message") },
    ],
    rows: errors
      .slice(0, 500)
      .map((error) => [
        error.row === 0 ? t("admin_manage.import.header_row") : String(error.row),
        error.column,
        t(`admin_manage.error.${error.code}`),
      ]),
    order: null,
    hrefFor: () => "",
  });
}

export interface ImportFormModel {
  readonly csrf: string;
  readonly text: string;
  /** The dry run just done, if any. */
  readonly dryRun: ImportJob | null;
  /** Problems that stopped the import, or the dry run's. */
  readonly errors: readonly ImportRowError[];
}

export function importFormPage(t: Translate, model: ImportFormModel): Html {
  const report =
    model.dryRun === null
      ? html``
      : html`<section aria-labelledby="dry-run-heading"><h2 id="dry-run-heading">${t("admin_manage.import.dry_run_heading")}</h2>
<p role="status">${
          model.errors.length === 0
            ? t("admin_manage.import.dry_run_ok", { count: model.dryRun.totalRows })
            : t("admin_manage.import.dry_run_problems", { count: model.errors.length, rows: model.dryRun.totalRows })
        }</p>
${model.errors.length === 0 ? html`` : html`<p><a href="${IMPORT_PATH}/${model.dryRun.id}/errors.csv" download>${t("admin_manage.import.download")}</a></p>`}
</section>`;
  const summary = errorSummary(
    t,
    model.errors.slice(0, 20).map((error) => ({ field: "csv", message: rowErrorWords(t, error) })),
  );
  return html`${summary}
${report}
${errorTable(t, model.errors)}
<p>${t("admin_manage.import.explain")}</p>
<form method="post" action="${IMPORT_PATH}" novalidate>
<input type="hidden" name="csrf" value="${model.csrf}">
<label for="csv">${t("admin_manage.import.csv_label")}</label>
<p class="hint" id="csv-hint">${t("admin_manage.import.csv_hint")}</p>
<textarea id="csv" name="csv" rows="12" spellcheck="false" autocomplete="off" aria-describedby="csv-hint"${model.errors.length > 0 ? html` aria-invalid="true"` : html``}>${model.text}</textarea>
<p class="actions"><button type="submit" name="mode" value="dry">${t("admin_manage.import.check")}</button>
<button type="submit" name="mode" value="import" class="secondary">${t("admin_manage.import.import")}</button>
<a href="/admin/users">${t("common.cancel")}</a></p>
</form>`;
}

export function importJobPage(t: Translate, job: ImportJob): Html {
  const running = job.state === "running";
  const state = running
    ? t("admin_manage.import.running", { done: job.processedRows, total: job.totalRows })
    : job.state === "failed"
      ? t("admin_manage.import.failed", { created: job.createdUsers })
      : t("admin_manage.import.done", { created: job.createdUsers, total: job.totalRows });
  return html`<p role="status">${state}</p>
<label for="import-progress">${t("admin_manage.import.progress")}</label>
<progress id="import-progress" max="${String(Math.max(1, job.totalRows))}" value="${String(job.processedRows)}">${String(job.processedRows)} / ${String(job.totalRows)}</progress>
${errorTable(t, job.errors)}
${job.errors.length === 0 ? html`` : html`<p><a href="${IMPORT_PATH}/${job.id}/errors.csv" download>${t("admin_manage.import.download")}</a></p>`}
${running ? html`` : html`<p>${t("admin_manage.import.no_password")}</p>`}
<p><a href="/admin/users">${t("admin_users.back_to_search")}</a></p>`;
}
