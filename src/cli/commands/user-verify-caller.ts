/**
 * `sandi user verify-caller` (SPEC §10 "Verify caller") from the console, as "system (console)" through the same
 * admin service as the portal. Console commands read no input, so it takes two runs: the first sends the code and
 * prints the challenge id, the second (`--check <id> --code <digits>`) checks what the caller read back. The
 * challenge belongs to the console (the portal binds it to the admin's session): only a console run can check it.
 * Without `--method` it lists where a code can go. `--via app` sends nothing: the caller reads the code their
 * authenticator app shows, and the second run checks it with the reset gate's TOTP check.
 */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import type { CallerCheckResult, CallerSendRefusal } from "../../domain/admin/verify-caller.js";
import { type CommandContext, type DatabaseCommand, EXIT, positional, stringOption, UsageError } from "../command.js";
import { sayRefusal, userIdArgument } from "./user.js";

const SEND_REFUSALS: Readonly<Record<Exclude<CallerSendRefusal, "forbidden" | "not_found">, string>> = {
  no_method: "No such method of theirs can receive a code by that way (run without --method to list them).",
  too_many_sends: "5 caller codes were sent to this user in the last hour: wait before sending another.",
  recipient_limit: "Not sent: that address or number received too many messages recently. Choose another method.",
};

const RESULTS: Readonly<Record<CallerCheckResult, string>> = {
  verified: "Caller verified: the code matched.",
  not_verified: "The code did not match.",
  replayed: "That app code was used already: ask the caller for the next code their app shows.",
  expired: "This code expired, was replaced by a newer one, or was not sent from this console: send a new one.",
  too_many_attempts: "This code was tried 3 times and no longer works: send a new one.",
};

async function listRoutes(context: CommandContext, userId: string): Promise<number> {
  const options = await context.admin.callerCodeOptions(CONSOLE_ACTOR, userId);
  if (!options.ok) return sayRefusal(context, options.reason, userId);
  if (options.value.routes.length === 0)
    context.out(`${userId} has no registered email, phone or authenticator app that can give a code.`);
  for (const route of options.value.routes)
    context.out(`--method ${route.methodId} --via ${route.channel}  (${route.kind} ${route.masked})`);
  return EXIT.ok;
}

async function check(context: CommandContext, userId: string, challengeId: string, code: string): Promise<number> {
  const checked = await context.admin.checkCallerCode(CONSOLE_ACTOR, { userId, challengeId, code, sessionId: null });
  if (!checked.ok) return sayRefusal(context, checked.reason, userId);
  const { result, attemptsLeft } = checked.value;
  const wrong = result === "not_verified" || result === "replayed";
  const left = wrong ? ` Tries left on this code: ${String(attemptsLeft)}.` : "";
  if (result === "verified") {
    context.out(RESULTS[result]);
    return EXIT.ok;
  }
  context.err(`${RESULTS[result]}${left}`);
  return EXIT.failed;
}

async function send(
  context: CommandContext,
  input: { userId: string; methodId: string; via: string | undefined },
): Promise<number> {
  const { userId, methodId, via } = input;
  const sent = await context.admin.sendCallerCode(CONSOLE_ACTOR, {
    userId,
    methodId,
    ...(via === undefined ? {} : { channel: via }),
    sessionId: null,
  });
  if (!sent.ok) {
    if (sent.reason === "forbidden" || sent.reason === "not_found") return sayRefusal(context, sent.reason, userId);
    context.err(SEND_REFUSALS[sent.reason]);
    return EXIT.failed;
  }
  const { route, challengeId, expiresAt } = sent.value;
  const until = expiresAt.toISOString();
  if (route.channel === "app") {
    const app = route.masked === "" ? "their authenticator app" : `their authenticator app "${route.masked}"`;
    context.out(`Nothing was sent: ask the caller to read the code ${app} shows now (until ${until}).`);
  } else context.out(`Code sent to ${route.masked} (${route.channel}); it works until ${until}.`);
  context.out(`Then run: sandi user verify-caller ${userId} --check ${challengeId} --code <digits>`);
  return EXIT.ok;
}

const verifyCaller: DatabaseCommand = {
  kind: "database",
  name: "user verify-caller",
  usage: "<userId> [--method <id> [--via email|sms|voice|app] | --check <challengeId> --code <digits>]",
  summary:
    "send a code to one of the user's methods (or ask for their app's) for the caller to read back, then check it",
  positionals: { min: 1, max: 1 },
  options: { method: { type: "string" }, via: { type: "string" }, check: { type: "string" }, code: { type: "string" } },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const methodId = stringOption(args, "method");
    const challengeId = stringOption(args, "check");
    const code = stringOption(args, "code");
    const via = stringOption(args, "via");
    if (via !== undefined && !["email", "sms", "voice", "app"].includes(via))
      throw new UsageError("--via must be email, sms, voice or app");
    if (challengeId !== undefined) {
      if (code === undefined) throw new UsageError("--check needs --code <digits>, the code the caller read back");
      if (methodId !== undefined) throw new UsageError("--method sends a code, --check checks one: not both at once");
      return check(context, userId, challengeId, code);
    }
    if (code !== undefined) throw new UsageError("--code goes with --check <challengeId>");
    if (methodId === undefined) return listRoutes(context, userId);
    return send(context, { userId, methodId, via });
  },
};

export const USER_VERIFY_CALLER_COMMANDS: readonly DatabaseCommand[] = [verifyCaller];
