/**
 * The authenticator app's pages (SPEC §4.4): name the app, then scan the QR code (or type the grouped key) and type
 * the first code; and the code form of a step-up. The key is on the scan page only, never in a URL or a later page.
 */
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html, raw } from "../../../lib/html.js";
import { errorSummary, fieldErrorText, fieldState } from "../layout.js";

const CANCEL_PATH = "/account/security-info";

export interface TotpLabelModel {
  readonly action: string;
  readonly csrf: string;
  readonly label: string;
  readonly error: string | null;
}

/** Step 1: the app's name, prefilled. */
export function totpLabelPage(t: Translate, model: TotpLabelModel): Html {
  const messages = model.error === null ? [] : [model.error];
  const errors = model.error === null ? [] : [{ field: "label", message: model.error }];
  return html`<p>${t("totp.add.intro")}</p>
${errorSummary(t, errors)}
<form method="post" action="${model.action}" novalidate>
  <input type="hidden" name="csrf" value="${model.csrf}">
  <label for="label">${t("totp.add.label")}</label>
  <p class="hint" id="label-hint">${t("totp.add.label_hint")}</p>${fieldErrorText(t, "label", messages)}
  <input id="label" name="label" type="text" autocomplete="off" maxlength="120" required value="${model.label}"${fieldState("label", messages, ["label-hint"])}>
  <button type="submit">${t("totp.add.continue")}</button>
</form>
<p><a href="${CANCEL_PATH}">${t("common.cancel")}</a></p>`;
}

export interface TotpScanModel {
  readonly action: string;
  readonly csrf: string;
  readonly challenge: string;
  readonly org: string;
  readonly userId: string;
  /** The QR code's SVG, drawn by qr-svg.ts (its title escaped there). */
  readonly qrSvg: string;
  /** The key in groups of 4. */
  readonly groupedKey: string;
  readonly error: string | null;
}

/** Step 2: scan (or type the key), then the first code. */
export function totpScanPage(t: Translate, model: TotpScanModel): Html {
  const messages = model.error === null ? [] : [model.error];
  const errors = model.error === null ? [] : [{ field: "code", message: model.error }];
  return html`${errorSummary(t, errors)}
<ol class="steps">
  <li><p>${t("totp.scan.step_scan")}</p><div class="qr-code">${raw(model.qrSvg)}</div></li>
  <li><p>${t("totp.scan.step_key", { userId: model.userId })}</p>
    <p>${t("totp.scan.key_label")}: <code class="setup-key" id="setup-key">${model.groupedKey}</code></p></li>
  <li><form method="post" action="${model.action}" novalidate>
    <input type="hidden" name="csrf" value="${model.csrf}">
    <input type="hidden" name="challenge" value="${model.challenge}">
    <label for="code">${t("totp.scan.step_code", { org: model.org })}</label>
    <p class="hint" id="code-hint">${t("totp.scan.time_limit")}</p>${fieldErrorText(t, "code", messages)}
    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required${fieldState("code", messages, ["code-hint"])}>
    <button type="submit">${t("totp.scan.submit")}</button>
  </form></li>
</ol>
<p><a href="${CANCEL_PATH}">${t("common.cancel")}</a></p>`;
}

export interface OwnCodeModel {
  readonly action: string;
  readonly csrf: string;
  readonly method: string;
  readonly lead: string;
  readonly label: string;
  /** A hint under the label, or null. */
  readonly hint: string | null;
  readonly submit: string;
  /** How the field is typed: six digits from an app, or a recovery code's letters and digits. */
  readonly input: "digits" | "recovery_code";
  readonly error: string | null;
}

/** The step-up form of a code the user holds (an app's, a recovery code). */
export function ownCodePage(t: Translate, model: OwnCodeModel): Html {
  const messages = model.error === null ? [] : [model.error];
  const errors = model.error === null ? [] : [{ field: "code", message: model.error }];
  const attributes =
    model.input === "digits"
      ? html`inputmode="numeric" autocomplete="one-time-code" maxlength="16"`
      : html`autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64"`;
  return html`<p>${model.lead}</p>
${errorSummary(t, errors)}
<form method="post" action="${model.action}" novalidate>
  <input type="hidden" name="csrf" value="${model.csrf}">
  <input type="hidden" name="method" value="${model.method}">
  <label for="code">${model.label}</label>${model.hint === null ? "" : html`<p class="hint" id="code-hint">${model.hint}</p>`}${fieldErrorText(t, "code", messages)}
  <input id="code" name="code" type="text" ${attributes} required${fieldState("code", messages, model.hint === null ? [] : ["code-hint"])}>
  <button type="submit">${model.submit}</button>
</form>
<p><a href="${CANCEL_PATH}">${t("common.cancel")}</a></p>`;
}
