/**
 * The pages of the helpdesk actions added after the first five (SPEC §10, §18): issue a temporary access pass (its
 * lifetime, then the pass shown once with a copy button), require re-registration, and remove one method.
 */
import type { AdminUserView } from "../../../domain/admin/admin-ports.js";
import type { MaskedMethod } from "../../../domain/admin/user-overview.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { formatDateTime, type TimeLocale } from "../format-time.js";
import { errorSummary } from "../layout.js";
import { userPagePath } from "./user-search-page.js";

export const MORE_ACTION_NAMES = ["access-pass", "require-registration", "remove-method", "remind"] as const;
export type MoreActionName = (typeof MORE_ACTION_NAMES)[number];

export function isMoreActionName(value: string | undefined): value is MoreActionName {
  return (MORE_ACTION_NAMES as readonly (string | undefined)[]).includes(value);
}

/** The lifetimes offered, in minutes (SPEC §18: 10 min to 8 h); 60 is chosen unless the admin picks another. */
export const ACCESS_PASS_CHOICES = [10, 30, 60, 120, 240, 480] as const;

function lifetimeWords(t: Translate, minutes: number): string {
  return minutes < 60
    ? t("helpdesk_actions.access-pass.lifetime_minutes", { count: minutes })
    : t("helpdesk_actions.access-pass.lifetime_hours", { count: minutes / 60 });
}

function lifetimeField(t: Translate, chosen: number): Html {
  const options = ACCESS_PASS_CHOICES.map(
    (minutes) =>
      html`<option value="${String(minutes)}"${minutes === chosen ? html` selected` : ""}>${lifetimeWords(t, minutes)}</option>`,
  );
  return html`<label for="minutes">${t("helpdesk_actions.access-pass.lifetime_label")}</label>
<select id="minutes" name="minutes">${options}</select>`;
}

export interface MoreConfirmModel {
  readonly action: MoreActionName;
  readonly user: AdminUserView;
  readonly csrf: string;
  readonly errors: readonly string[];
  /** The method to remove (remove-method only). */
  readonly method?: MaskedMethod;
  /** The lifetime chosen last (access-pass only). */
  readonly minutes?: number;
}

/** "Are you sure?" for one of these actions: what it does to whom, its fields, and the button that does it. */
export function moreConfirmPage(t: Translate, model: MoreConfirmModel): Html {
  const { action, user, method } = model;
  const about = {
    user: user.userId,
    method: method === undefined ? "" : t(`security_info.kind.${method.kind}`),
    shown: method?.shown ?? "",
  };
  const fields =
    action === "access-pass"
      ? lifetimeField(t, model.minutes ?? 60)
      : method === undefined
        ? html``
        : html`<input type="hidden" name="method" value="${method.id}">`;
  return html`${errorSummary(t, model.errors)}
<p>${t(`helpdesk_actions.${action}.explain`, about)}</p>
<form method="post" action="${userPagePath(user.ref)}/${action}">
  <input type="hidden" name="csrf" value="${model.csrf}">
  ${fields}
  <p class="actions"><button type="submit">${t(`helpdesk_actions.${action}.confirm`)}</button>
  <a href="${userPagePath(user.ref)}">${t("common.cancel")}</a></p>
</form>`;
}

/** The pass, this once: selectable without a script, with a copy button when scripts run. */
export function accessPassDonePage(
  t: Translate,
  locale: TimeLocale,
  model: { user: AdminUserView; code: string; expiresAt: Date },
): Html {
  const { user, code } = model;
  const time = formatDateTime(model.expiresAt, locale.lang, locale.timeZone);
  return html`<p class="notice" role="status">${t("helpdesk_actions.access-pass.done_once", { user: user.userId })}</p>
<p id="access-pass-label">${t("helpdesk_actions.access-pass.code_label")}</p>
<p><code id="access-pass" aria-labelledby="access-pass-label">${code}</code></p>
<p class="actions">
  <button type="button" class="secondary" id="copy-codes" hidden data-codes="${code}" data-copied="${t("helpdesk_actions.access-pass.copied")}">${t("helpdesk_actions.access-pass.copy")}</button>
</p>
<p id="copy-status" role="status"></p>
<p>${t("helpdesk_actions.access-pass.expires", { time })}</p>
<p><a href="${userPagePath(user.ref)}">${t("helpdesk_actions.access-pass.finished")}</a></p>`;
}

/** The "Remove" link beside one method on the user page. */
export function removeMethodLink(t: Translate, user: AdminUserView, method: MaskedMethod): Html {
  const label = t("helpdesk_actions.remove-method.link_label", {
    method: t(`security_info.kind.${method.kind}`),
    shown: method.shown,
  });
  const href = `${userPagePath(user.ref)}/remove-method?method=${encodeURIComponent(method.id)}`;
  return html`<a href="${href}">${label}</a>`;
}
