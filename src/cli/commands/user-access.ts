/** `sandi user set-password|disable|enable|unlock`: the break-glass commands of SPEC §2 and account switches. */
import { createKyselyDirectoryAdmin } from "../../store/repos/kysely-directory-admin.js";
import { hostname } from "node:os";
import { DEFAULT_POLICY } from "../../domain/policies/sspr-policy.js";
import { applySecurityEffects } from "../../domain/security-effects.js";
import { createKyselyPolicyStore } from "../../store/repos/kysely-policy-store.js";
import { createTransactionStores } from "../../store/unit-of-work.js";
import { type CommandContext, type DatabaseCommand, EXIT, positional } from "../command.js";
import { CONSOLE_ACTIVITIES, writeConsoleAudit } from "../console-audit.js";
import { generateTemporaryPassword } from "../temporary-password.js";
import { findUserOrSay, printTemporaryPassword } from "./user.js";

/** The browser-and-system line of a notice about a console action. */
const CONSOLE_CLIENT = "Sandi console (system)";

/** The admin-reset notice's switch and words for a console action: the policy's `notify.userOnReset`, the org. */
async function consoleNotify(context: CommandContext) {
  const [policy, organisation] = await Promise.all([
    createKyselyPolicyStore(context.db).current(),
    createKyselyDirectoryAdmin(context.db, context).getOrganisation(),
  ]);
  return {
    enabled: (policy?.policy ?? DEFAULT_POLICY).notify.userOnReset,
    caller: { ip: hostname(), client: CONSOLE_CLIENT, lang: organisation?.defaultLanguage ?? "en" },
    organisation: {
      name: organisation?.name ?? context.config.organisation.name,
      signInUrl: new URL("/signin", context.config.publicUrl).href,
    },
  } as const;
}

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
    const notify = await consoleNotify(context);
    const now = context.clock.now();
    // SPEC §10 admin reset: new hash and must-change, then §9.1's admin-reset row (security-effects.ts).
    await context.db.transaction().execute(async (trx) => {
      await createKyselyDirectoryAdmin(trx, context).setPasswordHash(user.ref, passwordHash, true, now);
      const stores = createTransactionStores(trx, { random: context.random, instance: hostname() });
      const effects = await applySecurityEffects(stores, { cause: "admin_reset", user, now, notify });
      const target = { ref: user.ref, userId: user.userId };
      await writeConsoleAudit(trx, context.random, now, [
        { activity: CONSOLE_ACTIVITIES.passwordSet, result: "success", target },
        { activity: "sessions.revoked", result: "success", reason: `admin_reset:${effects.sessionsEnded}`, target },
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
