/** `sandi admin grant`: admin roles (SPEC §2), by full name or short form. */
import { ADMIN_ROLES, type AdminRole } from "../../domain/users.js";
import { createKyselyDirectoryAdmin } from "../../store/repos/kysely-directory-admin.js";
import { type DatabaseCommand, EXIT, positional, UsageError } from "../command.js";
import { CONSOLE_ACTIVITIES, writeConsoleAudit } from "../console-audit.js";
import { findUserOrSay } from "./user.js";

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
    const user = await findUserOrSay(context, positional(args, 0));
    if (!user) return EXIT.failed;
    const now = context.clock.now();
    const granted = await context.db.transaction().execute(async (trx) => {
      const isNew = await createKyselyDirectoryAdmin(trx, context).grantRole(user.ref, role, now);
      if (isNew) {
        const event = {
          activity: CONSOLE_ACTIVITIES.roleGranted,
          result: "success",
          target: { ref: user.ref, userId: user.userId },
          changes: [{ field: "roles", old: null, new: role }],
        } as const;
        await writeConsoleAudit(trx, context.random, now, [event]);
      }
      return isNew;
    });
    context.out(granted ? `Granted ${role} to ${user.userId}.` : `${user.userId} already holds ${role}.`);
    return EXIT.ok;
  },
};

/** `admin grant`. */
export const ADMIN_COMMANDS: readonly DatabaseCommand[] = [grantRole];
