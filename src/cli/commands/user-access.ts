/**
 * `sandi user set-password|disable|enable|unlock|clear-block|revoke-sessions`: SPEC §2's break-glass commands and
 * the helpdesk's account actions, run as "system (console)" through the same admin services as the portal.
 */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import type { AdminRefusal } from "../../domain/admin/admin-deps.js";
import type { Outcome } from "../../lib/outcome.js";
import { type CommandContext, type DatabaseCommand, EXIT, positional } from "../command.js";
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

/** A `user <verb> <userId>` command that runs one admin action and says what it did. */
function userActionCommand<T>(input: {
  verb: string;
  summary: string;
  act: (context: CommandContext, userId: string) => Promise<Outcome<T, AdminRefusal>>;
  done: (value: T, userId: string) => string;
}): DatabaseCommand {
  return {
    kind: "database",
    name: `user ${input.verb}`,
    usage: "<userId>",
    summary: input.summary,
    positionals: { min: 1, max: 1 },
    async run(args, context) {
      const userId = userIdArgument(positional(args, 0));
      const outcome = await input.act(context, userId);
      if (!outcome.ok) return sayRefusal(context, outcome.reason, userId);
      context.out(input.done(outcome.value, userId));
      return EXIT.ok;
    },
  };
}

const unlockUser = userActionCommand({
  verb: "unlock",
  summary: "break-glass: clear the admin lock and the sign-in lockout (SSPR blocks stay: see clear-block)",
  act: (context, userId) => context.admin.unlockUser(CONSOLE_ACTOR, userId),
  done: (_value, userId) => `User ${userId} unlocked.`,
});

const clearBlock = userActionCommand({
  verb: "clear-block",
  summary: "clear the user's SSPR block: the counters A1–A4 start again (SPEC §10)",
  act: (context, userId) => context.admin.clearSsprBlock(CONSOLE_ACTOR, userId),
  done: (_value, userId) => `SSPR block of ${userId} cleared.`,
});

const revokeSessions = userActionCommand({
  verb: "revoke-sessions",
  summary: "end every Sandi session of the user and cancel their open reset flows",
  act: (context, userId) => context.admin.revokeSessions(CONSOLE_ACTOR, userId),
  done: (value, userId) => `Ended ${String(value.sessionsEnded)} session(s) of ${userId}.`,
});

/** `user set-password`, `user disable`, `user enable`, `user unlock`, `user clear-block`, `user revoke-sessions`. */
export const USER_ACCESS_COMMANDS: readonly DatabaseCommand[] = [
  setPassword,
  enabledSwitch(false),
  enabledSwitch(true),
  unlockUser,
  clearBlock,
  revokeSessions,
];
