/**
 * `sandi policy versions|diff|restore|target`: the portal's policy versions and per-method targeting on the console,
 * through the same domain services (policy-versions.ts, savePolicy), as the console actor.
 */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import type { PolicyFinding } from "../../domain/policies/policy-validation.js";
import { METHOD_SWITCHES } from "../../domain/policies/method-targeting.js";
import type { PolicyChange } from "../../domain/policies/policy-seed.js";
import { type CommandContext, type DatabaseCommand, EXIT, positional, stringOption, UsageError } from "../command.js";

function versionNumber(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`"${text}" is not a version number`);
  return Number(text);
}

function printChanges(context: CommandContext, changes: readonly PolicyChange[]): void {
  for (const change of changes)
    context.out(`  ${change.field}: ${JSON.stringify(change.old)} -> ${JSON.stringify(change.new)}`);
}

function printFindings(context: CommandContext, label: string, findings: readonly PolicyFinding[]): void {
  for (const finding of findings) context.err(`  ${label} ${finding.path}: ${finding.message} (${finding.rule})`);
}

const listVersions: DatabaseCommand = {
  kind: "database",
  name: "policy versions",
  usage: "",
  summary: "list the kept policy versions (the last 50), newest first, with who saved each and when",
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const result = await context.admin.listPolicyVersions(CONSOLE_ACTOR);
    if (!result.ok) return EXIT.failed;
    if (result.value.length === 0) context.out("No policy saved yet: the defaults apply.");
    for (const version of result.value)
      context.out(`${String(version.version).padStart(4)}  ${version.createdAt.toISOString()}  ${version.createdBy}`);
    return EXIT.ok;
  },
};

const diffVersion: DatabaseCommand = {
  kind: "database",
  name: "policy diff",
  usage: "VERSION",
  summary: "show what a policy version changed against the version before it (changed fields only)",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const number = versionNumber(positional(args, 0));
    const result = await context.admin.policyVersionDiff(CONSOLE_ACTOR, number);
    if (!result.ok) {
      context.err(result.reason === "not_found" ? `No policy version ${String(number)} is kept.` : "Not allowed.");
      return EXIT.failed;
    }
    const { version, against, changes } = result.value;
    context.out(`Version ${String(number)}, saved ${version.createdAt.toISOString()} by ${version.createdBy}.`);
    if (against === "not_kept") context.out(`Version ${String(number - 1)} is no longer kept: nothing to compare.`);
    else if (changes.length === 0) context.out("No change against the version before it.");
    else {
      context.out(against === "defaults" ? "Changes against the defaults:" : "Changes:");
      printChanges(context, changes);
    }
    return EXIT.ok;
  },
};

const restoreVersion: DatabaseCommand = {
  kind: "database",
  name: "policy restore",
  usage: "VERSION [--confirm]",
  summary: "save an old policy version as the newest (warnings need --confirm)",
  options: { confirm: { type: "boolean" } },
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const number = versionNumber(positional(args, 0));
    const confirmWarnings = args.options["confirm"] === true;
    const result = await context.admin.restorePolicyVersion(CONSOLE_ACTOR, number, { confirmWarnings });
    if (result.ok) {
      const done = result.value;
      if ("unchanged" in done) context.out(`No change: version ${String(number)} is what is in force already.`);
      else {
        context.out(`Restored version ${String(number)} as version ${String(done.saved.version)}.`);
        printChanges(context, done.changes);
      }
      return EXIT.ok;
    }
    if (result.reason === "not_found") context.err(`No policy version ${String(number)} is kept.`);
    else if (result.reason === "forbidden") context.err("Not allowed.");
    else if (result.reason === "invalid") {
      context.err(`Not restored: version ${String(number)} breaks today's policy rules:`);
      printFindings(context, "", result.blocks);
    } else {
      context.err(`Not restored: these warnings need confirming (run again with --confirm):`);
      printFindings(context, "Warning", result.warnings);
    }
    return EXIT.failed;
  },
};

const targetMethod: DatabaseCommand = {
  kind: "database",
  name: "policy target",
  usage: "METHOD everyone|GROUP[,GROUP…] [--exclude GROUP[,GROUP…]]",
  summary: "aim a method at everyone or at selected groups, with excluded groups (per-method targeting)",
  options: { exclude: { type: "string" } },
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const method = positional(args, 0);
    if (!(METHOD_SWITCHES as readonly string[]).includes(method))
      throw new UsageError(`unknown method "${method}": ${METHOD_SWITCHES.join(", ")}`);
    const exclude = stringOption(args, "exclude")?.trim() ?? "";
    const value = exclude === "" ? positional(args, 1) : `${positional(args, 1)} except ${exclude}`;
    const result = await context.admin.setPolicySetting(CONSOLE_ACTOR, { key: `methodTargets.${method}`, value });
    if (!result.ok && result.reason === "invalid") {
      context.err(`Not saved: ${method} for ${JSON.stringify(value)} breaks the policy rules:`);
      printFindings(context, "", result.violations);
      return EXIT.failed;
    }
    if (!result.ok) {
      context.err("Not allowed.");
      return EXIT.failed;
    }
    if ("unchanged" in result.value) {
      context.out(`No change (version ${String(result.value.unchanged.version)}).`);
      return EXIT.ok;
    }
    context.out(`Saved policy version ${String(result.value.saved.version)}.`);
    printChanges(context, result.value.changes);
    for (const warning of result.value.warnings)
      context.out(`Warning:  ${warning.path}: ${warning.message} (${warning.rule})`);
    return EXIT.ok;
  },
};

/** `policy versions`, `policy diff`, `policy restore`, `policy target`. */
export const POLICY_VERSION_COMMANDS: readonly DatabaseCommand[] = [
  listVersions,
  diffVersion,
  restoreVersion,
  targetMethod,
];
