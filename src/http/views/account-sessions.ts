/** My account's sessions table (SPEC §5.1): where the user is signed in, and a form to end each other session. */
import type { ListedSession } from "../../domain/flows/sign-in/sign-in-service.js";
import { describeClient } from "../../i18n/client-words.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { formatDateTime, type TimeLocale } from "./format-time.js";

function deviceCell(t: Translate, session: ListedSession): Html {
  const passkey = session.signedInWith === "passkey" ? html` (${t("account.sessions.with_passkey")})` : "";
  const marker = session.current ? html`<br><strong>${t("account.sessions.this_browser")}</strong>` : "";
  return html`<td data-label="${t("account.sessions.device")}">${describeClient(t, session.client)}${passkey}${marker}</td>`;
}

function endForm(t: Translate, locale: TimeLocale, session: ListedSession, csrfToken: string): Html {
  if (session.current) return html`<td></td>`;
  const label = t("account.sessions.end_label", {
    device: describeClient(t, session.client),
    time: formatDateTime(session.createdAt, locale.lang, locale.timeZone),
  });
  return html`<td data-label="${t("account.sessions.action")}"><form method="post" action="/account/sessions/end">
  <input type="hidden" name="csrf" value="${csrfToken}">
  <input type="hidden" name="session" value="${session.id}">
  <button type="submit" class="secondary" aria-label="${label}">${t("account.sessions.end")}</button>
</form></td>`;
}

function sessionRow(t: Translate, locale: TimeLocale, session: ListedSession, csrfToken: string): Html {
  return html`<tr>
  ${deviceCell(t, session)}
  <td data-label="${t("account.sessions.ip")}">${session.ip}</td>
  <td data-label="${t("account.sessions.signed_in")}">${formatDateTime(session.createdAt, locale.lang, locale.timeZone)}</td>
  <td data-label="${t("account.sessions.last_active")}">${formatDateTime(session.lastSeenAt, locale.lang, locale.timeZone)}</td>
  ${endForm(t, locale, session, csrfToken)}
</tr>`;
}

/** The section: a notice after an ending, the table, and "sign out everywhere else" when there is anywhere else. */
export function sessionsSection(
  t: Translate,
  locale: TimeLocale,
  model: { sessions: readonly ListedSession[]; csrfToken: string; notice: string | null },
): Html {
  const columns = ["device", "ip", "signed_in", "last_active", "action"] as const;
  const others = model.sessions.some((session) => !session.current);
  const endOthers = others
    ? html`<form method="post" action="/account/sessions/end-others">
  <input type="hidden" name="csrf" value="${model.csrfToken}">
  <button type="submit" class="secondary">${t("account.sessions.end_others")}</button>
</form>`
    : "";
  return html`<section>
<h2 id="sessions-heading">${t("account.sessions.heading")}</h2>
${model.notice === null ? "" : html`<p role="status">${model.notice}</p>`}
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="sessions-heading">
<table class="stack">
<caption>${t("account.sessions.caption")}</caption>
<thead><tr>${columns.map((column) => html`<th scope="col">${t(`account.sessions.${column}`)}</th>`)}</tr></thead>
<tbody>${model.sessions.map((session) => sessionRow(t, locale, session, model.csrfToken))}</tbody>
</table>
</div>
<p class="hint">${t("account.sessions.hint")}</p>
${endOthers}
</section>`;
}
