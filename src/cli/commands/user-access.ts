/** `sandi user set-password|disable|enable|unlock`: the break-glass commands of SPEC §2 and account switches. */
import { createKyselyDirectoryAdmin } from "../../store/repos/kysely-directory-admin.js";
import { createKyselyFlowStore } from "../../store/repos/kysely-flow-store.js";
import { type DatabaseCommand, EXIT, positional } from "../command.js";
import { CONSOLE_ACTIVITIES, writeConsoleAudit } from "../console-audit.js";
import { generateTemporaryPassword } from "../temporary-password.js";
import { findUserOrSay, printTemporaryPassword } from "./user.js";

/** The end reason of flows cancelled by an admin reset. */
const ADMIN_RESET_REASON = "admin_reset";

const setPassword: DatabaseCommand = {
  kind: "database",
  name: "user set-password",
  usage: "<userId>",
  summary: "break-glass: set a temporary password (printed once), must-change on",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const user = await findUserOrSay(context, positional(args, 0));
    if (!user) return EXIT.failed;
    const password = generateTemporaryPassword(context.random);
    const passwordHash = await context.hasher.hash(password);
    const now = context.clock.now();
    // SPEC §10 admin reset: new hash, must-change, Sandi lock and A1–A3 cleared, sessions revoked, flows cancelled.
    await context.db.transaction().execute(async (trx) => {
      const admin = createKyselyDirectoryAdmin(trx, context);
      await admin.setPasswordHash(user.ref, passwordHash, true, now);
      await admin.clearLockouts(user.ref);
      await admin.revokeSessions(user.ref, now);
      await createKyselyFlowStore(trx).cancelOpenFlowsOfUser(user.ref, null, ADMIN_RESET_REASON, now);
      const target = { ref: user.ref, userId: user.userId };
      await writeConsoleAudit(trx, context.random, now, [
        { activity: CONSOLE_ACTIVITIES.passwordSet, result: "success", target },
      ]);
    });
    context.out(`Password of ${user.userId} set; sessions revoked and open reset flows cancelled.`);
    printTemporaryPassword(context, password);
    if (user.adminLockedAt) context.out(`The account is still admin-locked: run "sandi user unlock ${user.userId}".`);
    return EXIT.ok;
  },
};

function enabledSwitch(enabled: boolean): DatabaseCommand {
  const verb = enabled ? "enable" : "disable";
  return {
    kind: "database",
    name: `user ${verb}`,
    usage: "<userId>",
    summary: enabled
      ? "allow the user to sign in and use SSPR again"
      : "stop sign-in and SSPR for the user; revokes sessions",
    positionals: { min: 1, max: 1 },
    async run(args, context) {
      const user = await findUserOrSay(context, positional(args, 0));
      if (!user) return EXIT.failed;
      const now = context.clock.now();
      const changed = await context.db.transaction().execute(async (trx) => {
        const admin = createKyselyDirectoryAdmin(trx, context);
        const switched = await admin.setEnabled(user.ref, enabled);
        if (!enabled) await admin.revokeSessions(user.ref, now);
        if (switched) {
          const event = {
            activity: CONSOLE_ACTIVITIES.userChanged,
            result: "success",
            reason: verb,
            target: { ref: user.ref, userId: user.userId },
            changes: [{ field: "enabled", old: !enabled, new: enabled }],
          } as const;
          await writeConsoleAudit(trx, context.random, now, [event]);
        }
        return switched;
      });
      context.out(changed ? `User ${user.userId} ${verb}d.` : `User ${user.userId} was already ${verb}d.`);
      return EXIT.ok;
    },
  };
}

const unlockUser: DatabaseCommand = {
  kind: "database",
  name: "user unlock",
  usage: "<userId>",
  summary: "break-glass: clear the admin lock, the sign-in lockout and the SSPR blocks A1–A3",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const user = await findUserOrSay(context, positional(args, 0));
    if (!user) return EXIT.failed;
    const now = context.clock.now();
    await context.db.transaction().execute(async (trx) => {
      const { wasAdminLocked } = await createKyselyDirectoryAdmin(trx, context).unlockUser(user.ref);
      const event = {
        activity: CONSOLE_ACTIVITIES.userChanged,
        result: "success",
        reason: "unlock",
        target: { ref: user.ref, userId: user.userId },
        changes: [{ field: "adminLocked", old: wasAdminLocked, new: false }],
      } as const;
      await writeConsoleAudit(trx, context.random, now, [event]);
    });
    context.out(`User ${user.userId} unlocked.`);
    return EXIT.ok;
  },
};

/** `user set-password`, `user disable`, `user enable`, `user unlock`. */
export const USER_ACCESS_COMMANDS: readonly DatabaseCommand[] = [
  setPassword,
  enabledSwitch(false),
  enabledSwitch(true),
  unlockUser,
];
