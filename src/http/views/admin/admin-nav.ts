/**
 * The admin pages' navigation by area (issue 12 item 9): every area the admin's roles may open, in one row above
 * the page's title, the current area marked for screen readers (`aria-current`) and by style. An area the roles
 * may not open is left out rather than shown and refused.
 */
import type { Capability } from "../../../domain/admin/admin-permissions.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";

interface Area {
  readonly path: string;
  readonly key: string;
  /** The capability of the area's first page (its route's `config.capability`). */
  readonly capability: Capability;
}

const AREAS: readonly Area[] = [
  { path: "/admin", key: "overview", capability: "admin.home" },
  { path: "/admin/users", key: "users", capability: "methods.view" },
  { path: "/admin/groups", key: "groups", capability: "methods.view" },
  { path: "/admin/diagnose", key: "diagnose", capability: "troubleshoot.run" },
  { path: "/admin/policy", key: "policy", capability: "policy.view" },
  { path: "/admin/audit", key: "audit", capability: "audit.read" },
  { path: "/admin/tokens", key: "tokens", capability: "tokens.manage" },
];

/** The area `path` belongs to: the longest area path it starts with. */
function currentAreaOf(path: string): Area | undefined {
  return AREAS.filter((area) => path === area.path || path.startsWith(`${area.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}

/** The navigation for an admin who `may` open what their roles allow, on the page at `path`. */
export function adminAreaNav(t: Translate, may: (capability: Capability) => boolean, path: string): Html {
  const current = currentAreaOf(path);
  const links = AREAS.filter((area) => may(area.capability)).map((area) =>
    area === current
      ? html`<li><a href="${area.path}" aria-current="page">${t(`admin.nav.${area.key}`)}</a></li>`
      : html`<li><a href="${area.path}">${t(`admin.nav.${area.key}`)}</a></li>`,
  );
  return html`<nav class="admin-areas" aria-label="${t("admin.nav.label")}"><ul>${links}</ul></nav>`;
}
