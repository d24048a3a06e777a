/** "My account": who is signed in, the masked email address, where they are signed in, and sign-out. */
import { maskRecipient } from "../../domain/messages.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { sessionsSection } from "./account-sessions.js";
import { formatDateTime, type TimeLocale } from "./format-time.js";
import type { ListedSession } from "../../domain/flows/sign-in/sign-in-service.js";

export interface AccountPageModel {
  readonly displayName: string;
  readonly userId: string;
  /** The directory's address, shown masked (SPEC §4.2): a stolen session must not harvest it. */
  readonly email: string | null;
  /** The CSRF token bound to this session, for the sign-out form. */
  readonly csrfToken: string;
  /** True for a user holding an admin role: the page links to the admin overview. */
  readonly isAdmin: boolean;
  /** The user's live sessions, this one first. */
  readonly sessions: readonly ListedSession[];
  /** What the last action on the sessions did, or null. */
  readonly sessionsNotice: string | null;
  /** Shown on top after a change of password, or null. */
  readonly notice: string | null;
  /** When the password expires (built-in directory with a maximum age), or null when it never does. */
  readonly passwordExpiresAt?: Date | null;
}

/** "Your password expires on …", above the change-password link; nothing when it never expires. */
function expiryLine(t: Translate, locale: TimeLocale, expiresAt: Date | null): Html | string {
  if (expiresAt === null) return "";
  const date = formatDateTime(expiresAt, locale.lang, locale.timeZone);
  return html`<p id="password-expiry">${t("password_expiry.expires_on", { date })}</p>
`;
}

/** The profile as a description list, the sessions, then the sign-out form. */
export function accountPage(t: Translate, locale: TimeLocale, model: AccountPageModel): Html {
  const email = model.email === null ? t("account.email_none") : maskRecipient("email", model.email);
  return html`${model.notice === null ? "" : html`<p class="notice" role="status">${model.notice}</p>`}
<dl class="profile">
  <dt>${t("account.display_name")}</dt><dd>${model.displayName}</dd>
  <dt>${t("account.user_id")}</dt><dd>${model.userId}</dd>
  <dt>${t("account.email")}</dt><dd>${email}</dd>
</dl>
${model.isAdmin ? html`<p><a href="/admin">${t("admin.link")}</a></p>` : ""}
<p><a href="/account/security-info">${t("account.security_info")}</a></p>
${expiryLine(t, locale, model.passwordExpiresAt ?? null)}<p><a href="/account/password">${t("account.change_password")}</a></p>
${sessionsSection(t, locale, { sessions: model.sessions, csrfToken: model.csrfToken, notice: model.sessionsNotice })}
<form method="post" action="/signout">
  <input type="hidden" name="csrf" value="${model.csrfToken}">
  <button type="submit">${t("account.sign_out")}</button>
</form>`;
}
