/** The admin portal's read side: what an admin sees on the overview, cut to what their roles allow (SPEC §2). */
import type { StoredAuditEvent } from "../audit-events.js";
import type { AuditReader, PolicyStore, PolicyVersion } from "../ports.js";
import type { AdminRole, UserAccount } from "../users.js";
import { may } from "./admin-permissions.js";

/** How many audit events the overview shows. */
export const OVERVIEW_AUDIT_EVENTS = 20;

export interface AdminOverview {
  readonly roles: readonly AdminRole[];
  /** The SSPR policy in force (every admin role may read it; only a global admin may change it). */
  readonly policy: PolicyVersion | null;
  readonly mayEditPolicy: boolean;
  /** The newest audit events, newest first; null when the roles do not include reading the audit log. */
  readonly recentAudit: readonly StoredAuditEvent[] | null;
}

export interface AdminConsole {
  /** The overview for `admin`, who must hold at least one admin role (the HTTP context checks it first). */
  overview(admin: UserAccount): Promise<AdminOverview>;
}

export function createAdminConsole(deps: { policy: PolicyStore; auditReader: AuditReader }): AdminConsole {
  return {
    async overview(admin) {
      const mayReadAudit = may(admin.roles, "audit.read");
      const [policy, recent] = await Promise.all([
        deps.policy.current(),
        mayReadAudit ? deps.auditReader.recent({ limit: OVERVIEW_AUDIT_EVENTS }) : Promise.resolve(null),
      ]);
      return {
        roles: admin.roles,
        policy,
        mayEditPolicy: may(admin.roles, "policy.edit"),
        recentAudit: recent === null ? null : [...recent].reverse(),
      };
    },
  };
}
