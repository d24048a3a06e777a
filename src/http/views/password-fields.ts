/**
 * The new-password block of the reset and change-password pages (SPEC §6.7): the rules up front, new and confirm
 * fields with show/hide toggles, and the live checklist and strength bar. Without JavaScript the rules and the
 * submit's messages are the whole story: the toggles and the checklist are rendered `hidden` and only
 * /static/password-help.js reveals them, so a page without script never shows a control that does nothing.
 */
import type { PasswordChecklist } from "../../domain/password-live-check.js";
import type { PasswordRuleHint } from "../../domain/policies/password-policy.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";

/** The one script of the password pages (a static file: the CSP allows no inline script). */
export const PASSWORD_HELP_SCRIPT = { src: "/static/password-help.js" } as const;

export interface NewPasswordFieldsModel {
  /** Where the live check posts (`/reset/password/check`, `/account/password/check`). */
  readonly checkUrl: string;
  readonly checklist: PasswordChecklist;
  readonly rules: readonly PasswordRuleHint[];
  readonly labels: { readonly password: string; readonly confirmation: string };
  /** The page's own field-error markup, shown under the new password's label after a refused submit. */
  readonly fieldError: Html;
  /** The new password's aria attributes (`aria-describedby`, `aria-invalid`), as the page words its errors. */
  readonly passwordAttributes: Html;
  /** The same two for the confirmation field (a mismatch belongs there), when the page shows errors at it. */
  readonly confirmationError?: Html;
  readonly confirmationAttributes?: Html;
}

/**
 * A show/hide button for the password input `controls`; its accessible name is "Show" and the field's label, so
 * three toggles on one page are told apart. Revealed by password-help.js.
 */
export function passwordToggle(t: Translate, input: { controls: string; fieldLabel: string }): Html {
  return html`<button type="button" class="password-toggle secondary" data-password-toggle aria-controls="${input.controls}" aria-pressed="false" hidden>${t("password-help.toggle.show")}<span class="visually-hidden"> ${input.fieldLabel}</span></button>`;
}

function checklistItem(t: Translate, item: PasswordChecklist["items"][number], minLength: number): Html {
  return html`<li data-item="${item}" data-state="pending"><span class="check-state">${t("password-help.checklist.pending")}</span> ${t(`password-help.checklist.${item}`, { min: minLength })} <span class="check-source">(${t("password-help.checklist.source_sandi")})</span></li>`;
}

/** The live checklist and the strength bar, hidden until the script runs. */
function liveChecklist(t: Translate, checklist: PasswordChecklist): Html {
  const items = checklist.items.map((item) => checklistItem(t, item, checklist.minLength));
  return html`<div class="password-checklist" id="password-checklist" hidden
    data-text-met="${t("password-help.checklist.met")}" data-text-unmet="${t("password-help.checklist.unmet")}"
    data-text-pending="${t("password-help.checklist.pending")}" data-text-summary="${t("password-help.checklist.summary")}">
  <p id="checklist-heading">${t("password-help.checklist.heading")}</p>
  <ul aria-labelledby="checklist-heading">${items}</ul>
  <p class="visually-hidden" id="checklist-status" aria-live="polite"></p>
  <p class="notice" id="checklist-paused" hidden>${t("password-help.checklist.paused")}</p>
  <p class="strength" id="strength" hidden><span id="strength-label">${t("password-help.strength.label")}</span>
    <meter id="strength-meter" min="0" max="4" low="2" high="3" optimum="4" value="0" aria-labelledby="strength-label"></meter>
    <span id="strength-text"></span></p>
</div>`;
}

/** The rules, the new and confirm fields with their toggles, then the checklist; goes inside the page's form. */
export function newPasswordFields(t: Translate, model: NewPasswordFieldsModel): Html {
  const { checklist, labels } = model;
  const rules = model.rules.map((rule) => html`<li>${t(rule.key, rule.values)}</li>`);
  return html`<div class="password-help" data-password-check="${model.checkUrl}" data-min-length="${checklist.minLength}"
  data-max-length="${checklist.maxLength}" data-require-classes="${checklist.requireClasses ? "true" : "false"}">
  <p id="rules-intro">${t("reset.password.rules_intro")}</p>
  <ul id="rules">${rules}</ul>
  <label for="password">${labels.password}</label>${model.fieldError}
  <div class="password-field">
  <input id="password" name="password" type="password" autocomplete="new-password" maxlength="1024" required${model.passwordAttributes}>
  ${passwordToggle(t, { controls: "password", fieldLabel: labels.password })}
  </div>
  <label for="confirmation">${labels.confirmation}</label>${model.confirmationError ?? ""}
  <div class="password-field">
  <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" maxlength="1024" required${model.confirmationAttributes ?? ""}>
  ${passwordToggle(t, { controls: "confirmation", fieldLabel: labels.confirmation })}
  </div>
  ${liveChecklist(t, checklist)}
</div>`;
}
