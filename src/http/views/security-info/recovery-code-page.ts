/**
 * Recovery codes (SPEC §18): the page that creates a set (or replaces it, saying the old codes stop working), and
 * the page that shows a new set this once, with copy (a small script) and download (a data: link, so the codes
 * never travel again and no route can serve them twice).
 */
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";

const BACK_PATH = "/account/security-info";

export interface RecoveryIntroModel {
  readonly action: string;
  readonly csrf: string;
  /** Unspent codes of the current set, or null when the user has none. */
  readonly left: number | null;
  /** True at 2 left or fewer. */
  readonly runningLow: boolean;
}

export function recoveryIntroPage(t: Translate, model: RecoveryIntroModel): Html {
  const current =
    model.left === null
      ? html``
      : html`<p>${t("recovery.page.have_set", { count: model.left })}</p>
${model.runningLow ? html`<p class="warning" role="status">${t("recovery.page.running_low", { count: model.left })}</p>` : ""}
<p>${t("recovery.page.replace_warning")}</p>`;
  return html`<p>${t("recovery.page.intro")}</p>
${current}
<form method="post" action="${model.action}">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <button type="submit">${model.left === null ? t("recovery.page.create") : t("recovery.page.regenerate")}</button>
</form>
<p><a href="${BACK_PATH}">${t("common.cancel")}</a></p>`;
}

export interface RecoveryCodesShownModel {
  readonly codes: readonly string[];
  /** The downloadable text (recoveryCodesText). */
  readonly text: string;
  readonly fileName: string;
}

/** The new set, shown once. */
export function recoveryCodesShownPage(t: Translate, model: RecoveryCodesShownModel): Html {
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(model.text)}`;
  return html`<p class="notice" role="status">${t("recovery.page.shown_once")}</p>
<ol class="recovery-codes" id="recovery-codes" aria-label="${t("recovery.page.list_label")}">${model.codes.map((code) => html`<li><code>${code}</code></li>`)}</ol>
<p class="actions">
  <button type="button" class="secondary" id="copy-codes" hidden data-codes="${model.codes.join("\n")}" data-copied="${t("recovery.page.copied")}">${t("recovery.page.copy")}</button>
  <a href="${href}" download="${model.fileName}" id="download-codes">${t("recovery.page.download")}</a>
</p>
<p id="copy-status" role="status"></p>
<p><a href="${BACK_PATH}">${t("recovery.page.done")}</a></p>`;
}
