/** The admin overview: the admin's roles, the SSPR policy in force, and (for those allowed) the newest audit events. */
import type { AdminOverview } from "../../domain/admin/admin-console.js";
import { may } from "../../domain/admin/admin-permissions.js";
import type { StoredAuditEvent } from "../../domain/audit-events.js";
import type { PolicyVersion } from "../../domain/ports.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { formatDateTime, type TimeLocale } from "./format-time.js";
import { auditTable } from "./admin/audit-table.js";

function listOr(items: readonly string[], empty: string): string {
  return items.length === 0 ? empty : items.join(", ");
}

function policyRows(t: Translate, policy: SsprPolicy): Html {
  const methods = Object.entries(policy.methods)
    .filter(([, on]) => on)
    .map(([method]) => t(`admin.method.${method}`));
  const rows: readonly [string, string][] = [
    [t("admin.policy.scope"), t(`admin.policy.scope_value.${policy.scope}`)],
    [t("admin.policy.scope_groups"), listOr(policy.scopeGroups, t("admin.policy.no_groups"))],
    [t("admin.policy.excluded_groups"), listOr(policy.excludedGroups, t("admin.policy.no_groups"))],
    [t("admin.policy.methods"), listOr(methods, t("admin.policy.no_methods"))],
    [t("admin.policy.methods_to_reset"), String(policy.methodsToReset)],
    [t("admin.policy.notify_user"), t(policy.notify.userOnReset ? "admin.policy.yes" : "admin.policy.no")],
    [t("admin.policy.helpdesk"), policy.helpdesk.target ?? t("admin.policy.helpdesk_none")],
    [t("admin.policy.time_zone"), policy.organisation.timeZone],
  ];
  return html`<dl class="profile">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

function policySection(t: Translate, locale: TimeLocale, policy: PolicyVersion | null, mayEdit: boolean): Html {
  const body =
    policy === null
      ? html`<p>${t("admin.policy.none")}</p>`
      : html`<p>${t("admin.policy.version", {
          version: policy.version,
          time: formatDateTime(policy.createdAt, locale.lang, locale.timeZone),
          by: policy.createdBy,
        })}</p>
${policyRows(t, policy.policy)}`;
  const hint = t(mayEdit ? "admin.policy.edit_hint" : "admin.policy.read_only");
  return html`<section>
<h2 id="policy-heading">${t("admin.policy.heading")}</h2>
${body}
<p class="hint">${hint}</p>
<p><a href="/admin/policy">${t("policy_admin.nav.open")}</a></p>
</section>`;
}

function auditSection(t: Translate, locale: TimeLocale, events: readonly StoredAuditEvent[] | null): Html {
  const heading = html`<h2 id="audit-heading">${t("admin.audit.heading")}</h2>`;
  if (events === null) return html`<section>${heading}<p>${t("admin.audit.not_allowed")}</p></section>`;
  const more = html`<p><a href="/admin/audit">${t("admin_audit.open")}</a></p>`;
  if (events.length === 0) return html`<section>${heading}<p>${t("admin.audit.none")}</p>${more}</section>`;
  const caption = t("admin.audit.caption", { count: events.length });
  return html`<section>${heading}
${auditTable(t, locale, { id: "recent-audit", caption, events, labelledBy: "audit-heading" })}
${more}
</section>`;
}

/** The way to the user search and to Diagnose this user, for the roles that may use them. */
function usersLink(t: Translate, overview: AdminOverview): Html {
  const mayLookUp = may(overview.roles, "methods.view") || may(overview.roles, "users.manage");
  const search = mayLookUp ? html`<p><a href="/admin/users">${t("admin_users.nav_link")}</a></p>` : html``;
  const diagnose = may(overview.roles, "troubleshoot.run")
    ? html`<p><a href="/admin/diagnose">${t("diagnose.title")}</a></p>`
    : html``;
  return html`${search}${diagnose}`;
}

/** The whole overview for `displayName`. */
export function adminOverviewPage(
  t: Translate,
  locale: TimeLocale,
  displayName: string,
  overview: AdminOverview,
): Html {
  return html`<p>${t("admin.signed_in_as", { name: displayName })}</p>
<section>
<h2 id="roles-heading">${t("admin.roles_heading")}</h2>
<ul>${overview.roles.map((role) => html`<li>${t(`admin.role.${role}`)}</li>`)}</ul>
</section>
${usersLink(t, overview)}
${policySection(t, locale, overview.policy, overview.mayEditPolicy)}
${auditSection(t, locale, overview.recentAudit)}
<p><a href="/account">${t("admin.back")}</a></p>`;
}
