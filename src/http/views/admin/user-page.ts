/**
 * `/admin/users/:ref`: one user as the helpdesk sees them. Methods only masked (SPEC §4.2), never a secret, answer
 * or full number; the helpdesk actions this admin may take, each leading to its confirmation page.
 */
import type { AdminUserDetail, PermittedActions } from "../../../domain/admin/user-overview.js";
import { describeAuditEvent } from "../../../i18n/audit-words.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { formatDateTime, type TimeLocale } from "../format-time.js";
import { dataTable } from "./data-table.js";
import { accountStateWords, userPagePath } from "./user-search-page.js";
import { isMoreActionName, removeMethodLink } from "./helpdesk-action-pages.js";

type Row = readonly [string, string];

function timeOr(locale: TimeLocale, date: Date | null, none: string): string {
  return date === null ? none : formatDateTime(date, locale.lang, locale.timeZone);
}

function definitions(rows: readonly Row[]): Html {
  return html`<dl class="profile">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

function section(id: string, heading: string, body: Html): Html {
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>${body}</section>`;
}

/** A table labelled by its section's heading `id` (the shared admin table, unsorted: the lists are short). */
function table(t: Translate, id: string, columns: readonly string[], rows: readonly (readonly string[])[]): Html {
  if (rows.length === 0) return html`<p>${t("admin_users.page.none")}</p>`;
  return dataTable({
    id,
    caption: null,
    labelledBy: id,
    columns: columns.map((column) => ({ label: t(`admin_users.column.${column}`) })),
    rows,
    order: null,
    hrefFor: () => "",
  });
}

function identity(t: Translate, detail: AdminUserDetail): Html {
  const { user } = detail;
  const none = t("admin_users.page.none");
  return definitions([
    [t("admin_users.column.user_id"), user.userId],
    [t("admin_users.column.name"), user.displayName],
    [t("admin_users.page.email"), user.email ?? none],
    [t("admin_users.page.groups"), user.groups.length === 0 ? none : user.groups.join(", ")],
    [
      t("admin_users.column.roles"),
      user.roles.length === 0 ? none : user.roles.map((r) => t(`admin.role.${r}`)).join(", "),
    ],
  ]);
}

function accountState(t: Translate, locale: TimeLocale, detail: AdminUserDetail): Html {
  const { user, signInLock } = detail;
  const no = t("admin.policy.no");
  const yes = t("admin.policy.yes");
  const lockedUntil = signInLock?.lockedUntil ?? null;
  return definitions([
    [t("admin_users.column.state"), accountStateWords(t, user)],
    [t("admin_users.page.enabled"), user.enabled ? yes : no],
    [t("admin_users.page.admin_lock"), timeOr(locale, user.adminLockedAt, no)],
    [t("admin_users.page.security_hold"), timeOr(locale, user.securityHoldAt, no)],
    [t("admin_users.page.must_change"), user.mustChangePassword ? yes : no],
    [t("admin_users.page.password_changed"), timeOr(locale, user.passwordChangedAt, t("admin_users.page.never"))],
    [t("admin_users.page.sign_in_failures"), String(signInLock?.failures ?? 0)],
    [t("admin_users.page.sign_in_locked_until"), timeOr(locale, lockedUntil, no)],
    [t("admin_users.page.live_sessions"), String(detail.liveSessions)],
  ]);
}

function methods(t: Translate, locale: TimeLocale, detail: AdminUserDetail): Html {
  const never = t("admin_users.page.never");
  const rows = detail.methods.map((method) => [
    t(`security_info.kind.${method.kind}`),
    method.shown,
    method.label ?? "",
    timeOr(locale, method.createdAt, never),
    timeOr(locale, method.lastUsedAt, never),
  ]);
  const table_ = table(t, "methods-heading", ["method", "shown", "label", "added", "last_used"], rows);
  // Remove one method (SPEC §10): offered beside the table, one labelled link per method, to the roles allowed it.
  if (detail.isSelf || !detail.actions.revokeSessions || detail.methods.length === 0) return table_;
  const links = detail.methods.map((method) => html`<li>${removeMethodLink(t, detail.user, method)}</li>`);
  return html`${table_}<ul class="inline-actions">${links}</ul>`;
}

function counters(t: Translate, locale: TimeLocale, detail: AdminUserDetail): Html {
  const rows = detail.counters.map((value) => [
    value.counter,
    t("admin_users.page.counter_value", { count: value.count, limit: value.limit }),
    t("admin_users.page.counter_window", { minutes: value.windowSeconds / 60 }),
  ]);
  const block =
    detail.ssprBlock === null
      ? t("admin_users.page.not_blocked")
      : t("admin_users.page.blocked_until", {
          counter: detail.ssprBlock.counter,
          time: formatDateTime(detail.ssprBlock.until, locale.lang, locale.timeZone),
        });
  return html`${table(t, "counters-heading", ["counter", "count", "window"], rows)}<p>${block}</p>`;
}

function flows(t: Translate, locale: TimeLocale, detail: AdminUserDetail): Html {
  const rows = detail.flows.map((flow) => [
    timeOr(locale, flow.issuedAt, ""),
    flow.supportCode,
    flow.action,
    flow.state,
    flow.endReason ?? flow.inertReason ?? "",
  ]);
  return table(t, "flows-heading", ["time", "support_code", "action", "flow_state", "reason"], rows);
}

function auditEvents(t: Translate, locale: TimeLocale, detail: AdminUserDetail): Html {
  const rows = detail.audit.map((event) => {
    const words = describeAuditEvent(t, event);
    return [timeOr(locale, event.time, ""), words.activity, words.reason, words.actor];
  });
  return table(t, "audit-heading", ["time", "activity", "reason", "actor"], rows);
}

const ACTION_SLUGS: readonly [keyof PermittedActions, string][] = [
  ["verifyCaller", "verify-caller"],
  ["reset", "reset"],
  ["unlock", "unlock"],
  ["clearBlock", "clear-block"],
  ["revokeSessions", "revoke-sessions"],
  ["releaseHold", "release-hold"],
  ["accessPass", "access-pass"],
  ["revokeSessions", "require-registration"],
  ["revokeSessions", "remind"],
];

/** The catalog key of an action's words: the first five in admin_users, the later ones in helpdesk_actions. */
function actionKey(slug: string, key: string): string {
  if (slug === "verify-caller") return `verify_caller.${key}`;
  return isMoreActionName(slug) ? `helpdesk_actions.${slug}.${key}` : `admin_users.action.${slug}.${key}`;
}

function actions(t: Translate, detail: AdminUserDetail): Html {
  if (detail.isSelf) return html`<p class="notice">${t("admin_users.action.own_account")}</p>`;
  const links = ACTION_SLUGS.filter(([action]) => detail.actions[action]).map(
    ([, slug]) => html`<li><a href="${userPagePath(detail.user.ref)}/${slug}">${t(actionKey(slug, "link"))}</a></li>`,
  );
  return links.length === 0 ? html`<p>${t("admin_users.action.none")}</p>` : html`<ul>${links}</ul>`;
}

/** The user page; `done` names the action that just succeeded, for the status line. */
export function userPage(
  t: Translate,
  locale: TimeLocale,
  detail: AdminUserDetail,
  done: string | null,
  manage: Html = html``,
): Html {
  const status = done === null ? "" : html`<p class="notice" role="status">${t(actionKey(done, "done"))}</p>`;
  return html`${status}
${section("identity-heading", t("admin_users.page.identity"), identity(t, detail))}
${manage}
${section("actions-heading", t("admin_users.page.actions"), actions(t, detail))}
${section("state-heading", t("admin_users.page.account_state"), accountState(t, locale, detail))}
${section("methods-heading", t("admin_users.page.methods"), methods(t, locale, detail))}
${section("counters-heading", t("admin_users.page.counters"), counters(t, locale, detail))}
${section("flows-heading", t("admin_users.page.flows"), flows(t, locale, detail))}
${section("audit-heading", t("admin_users.page.audit"), auditEvents(t, locale, detail))}
<p><a href="/admin/users">${t("admin_users.back_to_search")}</a></p>`;
}
