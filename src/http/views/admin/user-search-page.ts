/** What the admin user pages share: a user page's path and an account's state in words. */
import type { AdminUserView } from "../../../domain/admin/admin-ports.js";
import type { Translate } from "../../../i18n/i18n.js";

/** The path of a user's page. */
export function userPagePath(ref: string): string {
  return `/admin/users/${encodeURIComponent(ref)}`;
}

/** The account's state in a few words: disabled, admin lock, security hold, must change; else active. */
export function accountStateWords(t: Translate, user: AdminUserView): string {
  const states = [
    ...(user.enabled ? [] : [t("admin_users.state.disabled")]),
    ...(user.adminLockedAt === null ? [] : [t("admin_users.state.admin_locked")]),
    ...(user.securityHoldAt === null ? [] : [t("admin_users.state.security_hold")]),
    ...(user.mustChangePassword ? [t("admin_users.state.must_change")] : []),
  ];
  return states.length === 0 ? t("admin_users.state.active") : states.join(", ");
}
