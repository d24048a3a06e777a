/**
 * `sandi policy evaluate start|status|stop|adopt`: evaluation mode from the console, the portal's twin (issue 12
 * items 4 and 10). `start --days N KEY=VALUE …` evaluates the live policy with those settings changed; `adopt`
 * saves the draft as the policy, and needs `--confirm-loss` when someone who can reset today would lose that.
 */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import type { AdminActions } from "../../domain/admin/admin-actions.js";
import { POLICY_KEYS } from "../../domain/policies/policy-setting.js";
import { type DatabaseCommand, EXIT, type ParsedArgs, positional, stringOption, UsageError } from "../command.js";
import { violationLine } from "./policy.js";

type Output = { out(line: string): void; err(line: string): void };

function settingsOf(pairs: readonly string[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf("=");
    if (equals <= 0) throw new UsageError(`"${pair}" is not KEY=VALUE`);
    settings[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return settings;
}

async function start(admin: AdminActions, args: ParsedArgs, output: Output): Promise<number> {
  const days = Number(stringOption(args, "days") ?? "7");
  const settings = settingsOf(args.positionals.slice(1));
  if (Object.keys(settings).length === 0) throw new UsageError("start needs at least one KEY=VALUE to change");
  const draft = await admin.draftFromSettings(settings);
  if (!draft.ok) {
    output.err("Not started: the draft breaks the policy rules:");
    for (const violation of draft.violations) output.err(violationLine(violation));
    if (draft.violations.some((violation) => violation.rule === "key")) output.err(`Keys: ${POLICY_KEYS.join(", ")}`);
    return EXIT.failed;
  }
  const started = await admin.startEvaluation(CONSOLE_ACTOR, { draft: draft.value, days });
  if (started.ok) {
    output.out(`Evaluation ${started.value.id} runs until ${started.value.endsAt.toISOString()}. Nothing is enforced.`);
    return EXIT.ok;
  }
  if (started.reason === "invalid") {
    for (const violation of started.violations) output.err(violationLine(violation));
  } else
    output.err(
      started.reason === "running"
        ? "An evaluation is running already; stop it first."
        : started.reason === "invalid_days"
          ? "--days must be a whole number from 1 to 30."
          : "Not allowed.",
    );
  return EXIT.failed;
}

async function status(admin: AdminActions, output: Output): Promise<number> {
  const read = await admin.evaluationStatus(CONSOLE_ACTOR);
  if (!read.ok) return EXIT.failed;
  const { evaluation, running, changes, counts, decisions, differing } = read.value;
  if (evaluation === null) {
    output.out("No evaluation has been started.");
    return EXIT.ok;
  }
  const state = running ? `running until ${evaluation.endsAt.toISOString()}` : `ended (${evaluation.endReason ?? "?"})`;
  output.out(
    `Evaluation ${evaluation.id}, started ${evaluation.startedAt.toISOString()} by ${evaluation.startedBy}: ${state}.`,
  );
  for (const change of changes)
    output.out(`  ${change.field}: ${JSON.stringify(change.old)} -> ${JSON.stringify(change.new)}`);
  output.out(`${String(decisions)} decisions recorded; the draft decided otherwise in ${String(differing)}.`);
  for (const row of counts.filter((count) => count.liveReason !== count.draftReason))
    output.out(
      `  ${row.step}: live ${row.liveReason ?? "goes on"}, draft ${row.draftReason ?? "goes on"}: ${String(row.decisions)} (${String(row.flows)} flows)`,
    );
  return EXIT.ok;
}

async function stop(admin: AdminActions, output: Output): Promise<number> {
  const stopped = await admin.stopEvaluation(CONSOLE_ACTOR);
  if (stopped.ok) output.out(`Evaluation ${stopped.value.id} stopped.`);
  else output.err(stopped.reason === "not_running" ? "No evaluation is running." : "Not allowed.");
  return stopped.ok ? EXIT.ok : EXIT.failed;
}

async function adopt(admin: AdminActions, args: ParsedArgs, output: Output): Promise<number> {
  const adopted = await admin.adoptEvaluation(CONSOLE_ACTOR, { confirmLoss: args.options["confirm-loss"] === true });
  if (adopted.ok) {
    output.out(`Saved policy version ${String(adopted.value.saved.version)} from the evaluated draft.`);
    return EXIT.ok;
  }
  if (adopted.reason === "loss_unconfirmed") {
    const { users, admins } = adopted.report.loss;
    output.err(`Not saved: ${String(users + admins)} people who can reset today could not (${String(admins)} admins).`);
    output.err("Run again with --confirm-loss to save anyway.");
  } else if (adopted.reason === "invalid")
    for (const violation of adopted.violations) output.err(violationLine(violation));
  else output.err(adopted.reason === "not_running" ? "No evaluation is running." : "Not allowed.");
  return EXIT.failed;
}

const evaluatePolicy: DatabaseCommand = {
  kind: "database",
  name: "policy evaluate",
  usage: "start [--days N] KEY=VALUE… | status | stop | adopt [--confirm-loss]",
  summary: "evaluate a draft policy beside the live one (nothing enforced), report, stop or adopt it",
  options: { days: { type: "string" }, "confirm-loss": { type: "boolean" } },
  positionals: { min: 1, max: 64 },
  async run(args, context) {
    const action = positional(args, 0);
    if (action === "start") return start(context.admin, args, context);
    if (args.positionals.length > 1) throw new UsageError(`${action} takes no settings`);
    if (action === "status") return status(context.admin, context);
    if (action === "stop") return stop(context.admin, context);
    if (action === "adopt") return adopt(context.admin, args, context);
    throw new UsageError(`"policy evaluate" needs one of: start|status|stop|adopt (not "${action}")`);
  },
};

/** `policy evaluate`. */
export const POLICY_EVALUATE_COMMANDS: readonly DatabaseCommand[] = [evaluatePolicy];
