/**
 * The helpdesk actions' pages: each action's confirmation ("Are you sure?", with what it will do), and the admin
 * reset's result, which shows the temporary password once as selectable text with an optional copy button.
 */
import type { AdminUserView } from "../../../domain/admin/admin-ports.js";
import { HOLD_NOTE_MAX_LENGTH } from "../../../domain/admin/hold-actions.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";
import { passwordToggle } from "../password-fields.js";
import { userPagePath } from "./user-search-page.js";

export const ACTION_NAMES = ["reset", "unlock", "clear-block", "revoke-sessions", "release-hold"] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export function isActionName(value: string | undefined): value is ActionName {
  return (ACTION_NAMES as readonly (string | undefined)[]).includes(value);
}

export interface ConfirmModel {
  readonly action: ActionName;
  readonly user: AdminUserView;
  readonly csrf: string;
  /** Problems with the last submission (a typed password the policy refuses, a missing note). */
  readonly errors: readonly string[];
}

function resetFields(t: Translate): Html {
  return html`<fieldset>
  <legend>${t("admin_users.action.reset.choice")}</legend>
  <div class="choice"><input type="radio" id="choice-generate" name="choice" value="generate" checked>
  <label for="choice-generate">${t("admin_users.action.reset.generate")}</label></div>
  <div class="choice"><input type="radio" id="choice-type" name="choice" value="type">
  <label for="choice-type">${t("admin_users.action.reset.type")}</label></div>
</fieldset>
<p class="hint" id="typed-hint">${t("admin_users.action.reset.typed_hint")}</p>
<label for="password">${t("admin_users.action.reset.password_label")}</label>
<div class="password-field">
<input id="password" name="password" type="password" autocomplete="new-password" maxlength="1024" aria-describedby="typed-hint">
${passwordToggle(t, { controls: "password", fieldLabel: t("admin_users.action.reset.password_label") })}
</div>
<label for="confirmation">${t("admin_users.action.reset.confirm_label")}</label>
<input id="confirmation" name="confirmation" type="password" autocomplete="new-password" maxlength="1024">
<div class="choice"><input type="checkbox" id="must-change" name="mustChange" value="on" checked>
<label for="must-change">${t("admin_users.action.reset.must_change")}</label></div>`;
}

function holdFields(t: Translate): Html {
  return html`<label for="note">${t("admin_users.action.release-hold.note_label")}</label>
<p class="hint" id="note-hint">${t("admin_users.action.release-hold.note_hint", { max: HOLD_NOTE_MAX_LENGTH })}</p>
<textarea id="note" name="note" rows="4" maxlength="${String(HOLD_NOTE_MAX_LENGTH)}" required aria-describedby="note-hint"></textarea>`;
}

/** "Are you sure?": what the action does to whom, its fields, and the button that does it. */
export function confirmPage(t: Translate, model: ConfirmModel): Html {
  const { action, user } = model;
  const fields = action === "reset" ? resetFields(t) : action === "release-hold" ? holdFields(t) : html``;
  const path = `${userPagePath(user.ref)}/${action}`;
  return html`${errorSummary(t, model.errors)}
<p>${t(`admin_users.action.${action}.explain`, { user: user.userId })}</p>
<form method="post" action="${path}">
  <input type="hidden" name="csrf" value="${model.csrf}">
  ${fields}
  <p class="actions"><button type="submit">${t(`admin_users.action.${action}.confirm`)}</button>
  <a href="${userPagePath(user.ref)}">${t("common.cancel")}</a></p>
</form>`;
}

/** The temporary password, this once: selectable without a script, with a copy button when scripts run. */
export function resetDonePage(
  t: Translate,
  model: { user: AdminUserView; temporaryPassword: string; mustChange: boolean },
): Html {
  const { user, temporaryPassword } = model;
  return html`<p class="notice" role="status">${t("admin_users.action.reset.done_once", { user: user.userId })}</p>
<p id="temporary-password-label">${t("admin_users.action.reset.temporary_password")}</p>
<p><code id="temporary-password" aria-labelledby="temporary-password-label">${temporaryPassword}</code></p>
<p class="actions">
  <button type="button" class="secondary" id="copy-codes" hidden data-codes="${temporaryPassword}" data-copied="${t("admin_users.action.reset.copied")}">${t("admin_users.action.reset.copy")}</button>
</p>
<p id="copy-status" role="status"></p>
<p>${t(model.mustChange ? "admin_users.action.reset.must_change_on" : "admin_users.action.reset.must_change_off")}</p>
<p>${t("helpdesk_actions.reset_expires")}</p>
<p><a href="${userPagePath(user.ref)}">${t("admin_users.action.reset.finished")}</a></p>`;
}
