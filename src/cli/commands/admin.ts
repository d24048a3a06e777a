/** `sandi admin grant`: admin roles (SPEC §2), by full name or short form. */
import { ADMIN_ROLES, type AdminRole } from "../../domain/users.js";
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { type DatabaseCommand, EXIT, positional, UsageError } from "../command.js";
import { sayRefusal, userIdArgument } from "./user.js";

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

/** `admin grant`. */
export const ADMIN_COMMANDS: readonly DatabaseCommand[] = [grantRole];
