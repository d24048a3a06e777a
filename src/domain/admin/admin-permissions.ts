/**
 * What each admin role may do (SPEC §2's capability table). Every admin page and command asks here, so the table
 * is the one place a permission changes. Acting on another admin is further limited by `mayActOn`.
 */
import type { AdminRole } from "../users.js";

export const CAPABILITIES = {
  /** The admin portal's home page: every admin role, group-scoped ones too. */
  "admin.home": ["global_admin", "user_admin", "helpdesk_admin", "password_admin", "reports_reader"],
  /** The admin home and the policy in force: every admin role reads them (only a global admin changes the policy). */
  "policy.read": ["global_admin", "user_admin", "helpdesk_admin", "password_admin", "reports_reader"],
  "policy.edit": ["global_admin"],
  /** Reading the policy, its versions and their diffs: every admin role (the pages are read-only but for GA). */
  "policy.view": ["global_admin", "user_admin", "helpdesk_admin", "password_admin", "reports_reader"],
  "settings.edit": ["global_admin"],
  "roles.assign": ["global_admin"],
  /** API tokens carry a role, so only those who assign roles create, list and revoke them (ADR 0020). */
  "tokens.manage": ["global_admin"],
  "readiness.run": ["global_admin"],
  "readiness.view": ["global_admin", "reports_reader"],
  "users.manage": ["global_admin", "user_admin"],
  /**
   * Creating, renaming, deleting and nesting groups: organisation-wide, never granted by a group-scoped role, since a
   * group's name and nesting decide every scoped role's reach (membership changes stay under `users.manage`).
   */
  "groups.manage": ["global_admin", "user_admin"],
  "password.reset": ["global_admin", "user_admin", "helpdesk_admin", "password_admin"],
  "sessions.revoke": ["global_admin", "user_admin", "helpdesk_admin"],
  "hold.release": ["global_admin", "helpdesk_admin"],
  /** A temporary access pass (SPEC §18): the roles that revoke sessions and require re-registration. */
  "access_pass.issue": ["global_admin", "user_admin", "helpdesk_admin"],
  "methods.view": ["global_admin", "user_admin", "helpdesk_admin", "password_admin"],
  /** "Verify caller" (SPEC §10): a code to one of the caller's registered methods, read back before a phone-in reset. */
  "caller.verify": ["global_admin", "user_admin", "helpdesk_admin", "password_admin"],
  /** "Diagnose this user" and the support-code lookup (SPEC §13.1): the helpdesk roles, never a reports reader. */
  "troubleshoot.run": ["global_admin", "user_admin", "helpdesk_admin", "password_admin"],
  "audit.read": ["global_admin", "reports_reader"],
  "reports.read": ["global_admin", "user_admin", "reports_reader"],
} as const satisfies Record<string, readonly AdminRole[]>;

export type Capability = keyof typeof CAPABILITIES;

/**
 * The capabilities a role limited to a group grants: those that act on (or read) one user, only on the group's
 * members (like Entra's administrative units), and the portal's home. Organisation-wide ones need an unscoped role.
 */
export const SCOPED_CAPABILITIES: readonly Capability[] = [
  "admin.home",
  "users.manage",
  "password.reset",
  "sessions.revoke",
  "hold.release",
  "access_pass.issue",
  "methods.view",
  "caller.verify",
  "troubleshoot.run",
];

/** The capabilities that change a user: these also need the actor to outrank or equal the target (SPEC §2 note 1). */
export const ACTING_CAPABILITIES: readonly Capability[] = [
  "users.manage",
  "password.reset",
  "sessions.revoke",
  "hold.release",
  "access_pass.issue",
  // A code sent to someone's phone in the helpdesk's name is acting on them: only on users the role may manage.
  "caller.verify",
  "roles.assign",
];

/** Roles that may be limited to a group: a global admin or a reports reader has no per-user work to limit. */
export const SCOPABLE_ROLES: readonly AdminRole[] = ["user_admin", "helpdesk_admin", "password_admin"];

/** True when any of `roles` grants `capability`. */
export function may(roles: readonly AdminRole[], capability: Capability): boolean {
  const granted: readonly AdminRole[] = CAPABILITIES[capability];
  return roles.some((role) => granted.includes(role));
}

/** Roles from most to least powerful: a user's highest role decides who may act on them (SPEC §2, note 1). */
const RANK: readonly (AdminRole | "none")[] = [
  "global_admin",
  "user_admin",
  "helpdesk_admin",
  "password_admin",
  "reports_reader",
  "none",
];

/** The highest role in `roles`, or "none" for an ordinary user. */
export function highestRole(roles: readonly AdminRole[]): AdminRole | "none" {
  return RANK.find((role) => role !== "none" && roles.includes(role)) ?? "none";
}

/** Whose highest role each actor role may act on (SPEC §2, note 1). */
const TARGETS: Readonly<Record<AdminRole, readonly (AdminRole | "none")[]>> = {
  global_admin: RANK,
  user_admin: ["none", "reports_reader", "password_admin", "helpdesk_admin", "user_admin"],
  helpdesk_admin: ["none", "reports_reader", "password_admin", "helpdesk_admin"],
  password_admin: ["none", "reports_reader", "password_admin"],
  reports_reader: [],
};

/** True when an actor holding `actorRoles` may act on a user holding `targetRoles`. */
export function mayActOn(actorRoles: readonly AdminRole[], targetRoles: readonly AdminRole[]): boolean {
  const target = highestRole(targetRoles);
  return actorRoles.some((role) => TARGETS[role].includes(target));
}
