/**
 * `sandi user tap|methods|remove-method|require-registration|remind`: the later helpdesk actions (SPEC §10, §18) from the
 * console, run as "system (console)" through the same admin services as the portal. Verify caller is
 * user-verify-caller.ts.
 */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { ACCESS_PASS_MINUTES } from "../../domain/access-pass/access-pass-code.js";
import { maskedValueOf } from "../../domain/registration/method-display.js";
import { type DatabaseCommand, EXIT, positional, stringOption, UsageError } from "../command.js";
import { sayRefusal, userIdArgument } from "./user.js";

const issuePass: DatabaseCommand = {
  kind: "database",
  name: "user tap",
  usage: "<userId> [--minutes 10-480]",
  summary: "issue a temporary access pass (printed once; default 60 min): one sign-in to register and set a password",
  positionals: { min: 1, max: 1 },
  options: { minutes: { type: "string" } },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const typed = stringOption(args, "minutes");
    const minutes = typed === undefined ? ACCESS_PASS_MINUTES.default : Number(typed);
    const issued = await context.admin.issueAccessPass(CONSOLE_ACTOR, userId, { minutes });
    if (!issued.ok) {
      if (issued.reason === "lifetime")
        throw new UsageError(`--minutes must be a whole number from ${String(ACCESS_PASS_MINUTES.min)} to 480`);
      return sayRefusal(context, issued.reason, userId);
    }
    context.out(`Temporary access pass for ${userId} (shown once, stored only as a hash): ${issued.value.code}`);
    context.out(`It works once, until ${issued.value.expiresAt.toISOString()}, at /signin/pass.`);
    if (issued.value.replaced) context.out("The pass issued earlier no longer works.");
    return EXIT.ok;
  },
};

const listMethods: DatabaseCommand = {
  kind: "database",
  name: "user methods",
  usage: "<userId>",
  summary: "list the user's methods, masked, with the ids remove-method takes",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const shown = await context.admin.showUser(CONSOLE_ACTOR, userId);
    if (!shown.ok) return sayRefusal(context, shown.reason, userId);
    if (shown.value.methods.length === 0) context.out(`${userId} has no registered method.`);
    for (const method of shown.value.methods) context.out(`${method.id}  ${method.method}  ${maskedValueOf(method)}`);
    return EXIT.ok;
  },
};

const removeMethod: DatabaseCommand = {
  kind: "database",
  name: "user remove-method",
  usage: "<userId> <methodId>",
  summary: "remove one of the user's methods (see user methods); the user is told",
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const methodId = positional(args, 1);
    const removed = await context.admin.removeUserMethod(CONSOLE_ACTOR, userId, methodId);
    if (!removed.ok && removed.reason === "not_found") {
      context.err(`No user ${userId}, or no method ${methodId} of theirs.`);
      return EXIT.failed;
    }
    if (!removed.ok) return sayRefusal(context, removed.reason, userId);
    context.out(`Removed the ${removed.value.method} method of ${userId}.`);
    return EXIT.ok;
  },
};

const requireRegistration: DatabaseCommand = {
  kind: "database",
  name: "user require-registration",
  usage: "<userId>",
  summary: "delete every method of the user; they must register again at next sign-in, with no skip",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const required = await context.admin.requireReregistration(CONSOLE_ACTOR, userId);
    if (!required.ok) return sayRefusal(context, required.reason, userId);
    context.out(
      `Removed ${String(required.value.methodsRemoved)} method(s) of ${userId}; they must register again at next sign-in.`,
    );
    return EXIT.ok;
  },
};

const remind: DatabaseCommand = {
  kind: "database",
  name: "user remind",
  usage: "<userId>",
  summary: "email the user once, asking them to set up their security info",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const reminded = await context.admin.sendRegistrationReminder(CONSOLE_ACTOR, userId);
    if (!reminded.ok) {
      if (reminded.reason !== "no_address") return sayRefusal(context, reminded.reason, userId);
      context.err(`${userId} has no email address to send a reminder to.`);
      return EXIT.failed;
    }
    context.out(`Registration reminder to ${userId} queued for ${String(reminded.value.recipients)} address(es).`);
    return EXIT.ok;
  },
};

/** `user tap`, `user methods`, `user remove-method`, `user require-registration`, `user remind`. */
export const USER_HELPDESK_COMMANDS: readonly DatabaseCommand[] = [
  issuePass,
  listMethods,
  removeMethod,
  requireRegistration,
  remind,
];
