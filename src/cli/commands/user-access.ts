/**
 * `sandi user set-password|disable|enable|unlock|clear-block|revoke-sessions`: SPEC §2's break-glass commands and
 * the helpdesk's account actions, run as "system (console)" through the same admin services as the portal.
 */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { type DatabaseCommand, EXIT, positional } from "../command.js";
import { printTemporaryPassword, sayRefusal, userIdArgument } from "./user.js";

const setPassword: DatabaseCommand = {
  kind: "database",
  name: "user set-password",
  usage: "<userId>",
  summary: "break-glass: set a temporary password (printed once), must-change on",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const set = await context.admin.setTemporaryPassword(CONSOLE_ACTOR, userId);
    if (!set.ok && (set.reason === "forbidden" || set.reason === "not_found"))
      return sayRefusal(context, set.reason, userId);
    if (!set.ok) {
      context.err(`The directory did not take the new password of ${userId} (${set.reason}); nothing changed.`);
      return EXIT.failed;
    }
    context.out(`Password of ${userId} set; sessions revoked and open reset flows cancelled.`);
    printTemporaryPassword(context, set.value.temporaryPassword);
    if (set.value.user.adminLockedAt)
      context.out(`The account is still admin-locked: run "sandi user unlock ${userId}".`);
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
      const userId = userIdArgument(positional(args, 0));
      const switched = await context.admin.setUserEnabled(CONSOLE_ACTOR, userId, enabled);
      if (!switched.ok) return sayRefusal(context, switched.reason, userId);
      context.out(switched.value.changed ? `User ${userId} ${verb}d.` : `User ${userId} was already ${verb}d.`);
      return EXIT.ok;
    },
  };
}

const unlockUser: DatabaseCommand = {
  kind: "database",
  name: "user unlock",
  usage: "<userId>",
  summary: "break-glass: clear the admin lock and the sign-in lockout (SSPR blocks stay: see clear-block)",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const unlocked = await context.admin.unlockUser(CONSOLE_ACTOR, userId);
    if (!unlocked.ok) return sayRefusal(context, unlocked.reason, userId);
    context.out(`User ${userId} unlocked.`);
    return EXIT.ok;
  },
};

const clearBlock: DatabaseCommand = {
  kind: "database",
  name: "user clear-block",
  usage: "<userId>",
  summary: "clear the user's SSPR block: the counters A1–A4 start again (SPEC §10)",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const cleared = await context.admin.clearSsprBlock(CONSOLE_ACTOR, userId);
    if (!cleared.ok) return sayRefusal(context, cleared.reason, userId);
    context.out(`SSPR block of ${userId} cleared.`);
    return EXIT.ok;
  },
};

const revokeSessions: DatabaseCommand = {
  kind: "database",
  name: "user revoke-sessions",
  usage: "<userId>",
  summary: "end every Sandi session of the user and cancel their open reset flows",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const revoked = await context.admin.revokeSessions(CONSOLE_ACTOR, userId);
    if (!revoked.ok) return sayRefusal(context, revoked.reason, userId);
    context.out(`Ended ${String(revoked.value.sessionsEnded)} session(s) of ${userId}.`);
    return EXIT.ok;
  },
};

/** `user set-password`, `user disable`, `user enable`, `user unlock`, `user clear-block`, `user revoke-sessions`. */
export const USER_ACCESS_COMMANDS: readonly DatabaseCommand[] = [
  setPassword,
  enabledSwitch(false),
  enabledSwitch(true),
  unlockUser,
  clearBlock,
  revokeSessions,
];
