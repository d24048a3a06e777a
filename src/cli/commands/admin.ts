/** `sandi admin grant`: admin roles (SPEC §2), by full name or short form. */
import { ADMIN_ROLES, type AdminRole } from "../../domain/users.js";
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { type DatabaseCommand, EXIT, positional, UsageError } from "../command.js";
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

const grantRole: DatabaseCommand = {
  kind: "database",
  name: "admin grant",
  usage: "<userId> <role>",
  summary: `grant an admin role: ${ADMIN_ROLES.join(" ")} (or GA UA HA PA RR)`,
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const role = parseAdminRole(positional(args, 1));
    if (role === null) throw new UsageError(`unknown role "${positional(args, 1)}"; roles: ${ADMIN_ROLES.join(", ")}`);
    const userId = userIdArgument(positional(args, 0));
    const outcome = await context.admin.grantRole(CONSOLE_ACTOR, { userId, role });
    if (!outcome.ok) return sayRefusal(context, outcome.reason, userId);
    const { granted, user } = outcome.value;
    context.out(granted ? `Granted ${role} to ${user.userId}.` : `${user.userId} already holds ${role}.`);
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

/** `admin grant`, `admin recover`. */
export const ADMIN_COMMANDS: readonly DatabaseCommand[] = [grantRole, recoverAdmin];
