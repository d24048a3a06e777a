/** `sandi admin grant|revoke|roles` (and `sandi user grant-role`): admin roles (SPEC §2), optionally limited to a group. */
import { ADMIN_ROLES, type AdminRole } from "../../domain/users.js";
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { SCOPABLE_ROLES } from "../../domain/admin/admin-permissions.js";
import type { RoleChange } from "../../domain/admin/role-actions.js";
import { type CommandOutput, type DatabaseCommand, EXIT, positional, stringOption, UsageError } from "../command.js";
import { printTemporaryPassword, sayRefusal, userIdArgument } from "./user.js";

const ROLE_SHORT_FORMS: Readonly<Record<string, AdminRole>> = {
  ga: "global_admin",
  ua: "user_admin",
  ha: "helpdesk_admin",
  pa: "password_admin",
  rr: "reports_reader",
};

/** An admin role from its name (`global_admin`, `global-admin`) or short form (`GA`); null when unknown. */
export function parseAdminRole(typed: string): AdminRole | null {
  const lower = typed.trim().toLowerCase().replaceAll("-", "_");
  return ROLE_SHORT_FORMS[lower] ?? ADMIN_ROLES.find((role) => role === lower) ?? null;
}

/** The role argument, or a usage error naming the roles. */
export function roleArgument(typed: string): AdminRole {
  const role = parseAdminRole(typed);
  if (role === null) throw new UsageError(`unknown role "${typed}"; roles: ${ADMIN_ROLES.join(", ")}`);
  return role;
}

function roleChangeOf(args: Parameters<DatabaseCommand["run"]>[0]): RoleChange {
  const group = stringOption(args, "group")?.trim();
  const userId = userIdArgument(positional(args, 0));
  const role = roleArgument(positional(args, 1));
  return { userId, role, ...(group === undefined || group === "" ? {} : { group }) };
}

/** "helpdesk_admin" or "helpdesk_admin (members of Branch A)". */
export function scopedRoleName(role: AdminRole, group: string | null | undefined): string {
  return group === null || group === undefined ? role : `${role} (members of "${group}")`;
}

function sayScopeRefusal(output: CommandOutput, reason: "no_group" | "scope_not_allowed", group: string): number {
  output.err(
    reason === "no_group"
      ? `No group named "${group}" (create it with "sandi group add").`
      : `Only ${SCOPABLE_ROLES.join(", ")} can be limited to a group.`,
  );
  return EXIT.failed;
}

function grantCommand(name: string): DatabaseCommand {
  return {
    kind: "database",
    name,
    usage: "<userId> <role> [--group G]",
    summary: `grant an admin role: ${ADMIN_ROLES.join(" ")} (or GA UA HA PA RR); --group limits it to G's members`,
    options: { group: { type: "string" } },
    positionals: { min: 2, max: 2 },
    async run(args, context) {
      const change = roleChangeOf(args);
      const outcome = await context.admin.grantRole(CONSOLE_ACTOR, change);
      if (!outcome.ok) {
        if (outcome.reason === "no_group" || outcome.reason === "scope_not_allowed")
          return sayScopeRefusal(context, outcome.reason, change.group ?? "");
        return sayRefusal(context, outcome.reason, change.userId);
      }
      const { granted, user } = outcome.value;
      const role = scopedRoleName(change.role, change.group);
      context.out(granted ? `Granted ${role} to ${user.userId}.` : `${user.userId} already holds ${role}.`);
      return EXIT.ok;
    },
  };
}

const revokeRole: DatabaseCommand = {
  kind: "database",
  name: "admin revoke",
  usage: "<userId> <role> [--group G]",
  summary: "take an admin role away (with --group: the role limited to G)",
  options: { group: { type: "string" } },
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const change = roleChangeOf(args);
    const outcome = await context.admin.revokeRole(CONSOLE_ACTOR, change);
    if (!outcome.ok) return sayRefusal(context, outcome.reason, change.userId);
    const { revoked, user } = outcome.value;
    const role = scopedRoleName(change.role, change.group);
    context.out(revoked ? `Removed ${role} from ${user.userId}.` : `${user.userId} does not hold ${role}.`);
    return EXIT.ok;
  },
};

const LIFTED_WORDS = {
  disabled: "enabled again",
  admin_lock: "admin lock lifted",
  security_hold: "security hold released",
};

const recoverAdmin: DatabaseCommand = {
  kind: "database",
  name: "admin recover",
  usage: "<userId>",
  summary: "break-glass: restore a locked-out last Global admin (temporary password printed once; other admins told)",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const recovered = await context.admin.recoverLastGlobalAdmin(CONSOLE_ACTOR, userId);
    if (recovered.ok) {
      const lifted = recovered.value.lifted.map((what) => LIFTED_WORDS[what]);
      context.out(
        `Recovered Global admin ${userId}: ${["sign-in lockout and SSPR block cleared", ...lifted].join(", ")}.`,
      );
      printTemporaryPassword(context, recovered.value.temporaryPassword);
      context.out("Every other admin is told (SPEC §9.4). Add a second Global admin so this is not needed again.");
      return EXIT.ok;
    }
    if (recovered.reason === "forbidden" || recovered.reason === "not_found")
      return sayRefusal(context, recovered.reason, userId);
    if (recovered.reason === "not_global_admin") context.err(`${userId} is not a Global admin; nothing changed.`);
    else if (recovered.reason === "other_global_admin")
      context.err(
        `Another Global admin can sign in (${"others" in recovered ? recovered.others.join(", ") : ""}): ask them to help; nothing changed.`,
      );
    else
      context.err(`The directory did not take the new password of ${userId} (${recovered.reason}); locks were lifted.`);
    return EXIT.failed;
  },
};

/** `admin grant`, `admin revoke`, `admin recover`, and `user grant-role` (the same as `admin grant`). */
export const ADMIN_COMMANDS: readonly DatabaseCommand[] = [
  grantCommand("admin grant"),
  revokeRole,
  recoverAdmin,
  grantCommand("user grant-role"),
];
