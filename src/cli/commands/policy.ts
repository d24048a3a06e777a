/** `sandi policy show|set`: the current SSPR policy as JSON, and one setting at a time with every violation listed. */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { POLICY_KEYS } from "../../domain/policies/policy-setting.js";
import { DEFAULT_POLICY, type PolicyViolation } from "../../domain/policies/sspr-policy.js";
import { policyWarnings } from "../../domain/policies/policy-warnings.js";
import { type DatabaseCommand, EXIT, positional } from "../command.js";
import { POLICY_VERSION_COMMANDS } from "./policy-versions.js";

const showPolicy: DatabaseCommand = {
  kind: "database",
  name: "policy show",
  usage: "",
  summary: "print the current SSPR policy and its version as JSON",
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const read = await context.admin.currentPolicy(CONSOLE_ACTOR);
    const current = read.ok ? read.value : null;
    const shown = current
      ? {
          version: current.version,
          createdAt: current.createdAt.toISOString(),
          createdBy: current.createdBy,
          policy: current.policy,
        }
      : { version: null, note: "no policy saved yet: these are the defaults", policy: DEFAULT_POLICY };
    for (const line of JSON.stringify(shown, null, 2).split("\n")) context.out(line);
    return EXIT.ok;
  },
};

const setPolicy: DatabaseCommand = {
  kind: "database",
  name: "policy set",
  usage: "KEY VALUE",
  summary: "change one policy setting and save a new version (an unknown key lists the keys)",
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const key = positional(args, 0);
    const value = positional(args, 1);
    const result = await context.admin.setPolicySetting(CONSOLE_ACTOR, { key, value });
    if (!result.ok && result.reason === "invalid") {
      context.err(`Not saved: ${key} = ${JSON.stringify(value)} breaks the policy rules:`);
      for (const violation of result.violations) context.err(violationLine(violation));
      if (result.violations.some((violation) => violation.rule === "key"))
        context.err(`Keys: ${POLICY_KEYS.join(", ")}`);
      return EXIT.failed;
    }
    if (!result.ok) {
      context.err("Not allowed.");
      return EXIT.failed;
    }
    if ("unchanged" in result.value) {
      context.out(`No change: ${key} is already ${value} (version ${result.value.unchanged.version}).`);
      return EXIT.ok;
    }
    context.out(`Saved policy version ${result.value.saved.version}.`);
    for (const change of result.value.changes)
      context.out(`  ${change.field}: ${JSON.stringify(change.old)} -> ${JSON.stringify(change.new)}`);
    const { phone } = context.config;
    const phones = {
      sms: phone.url !== null && phone.smsBodyTemplate !== null,
      voice: phone.url !== null && phone.voiceBodyTemplate !== null,
    };
    for (const warning of policyWarnings(result.value.saved.policy, phones))
      context.out(`Warning:${violationLine(warning)}`);
    return EXIT.ok;
  },
};

/** One line per violation, as `policy set` and `init` print them. */
export function violationLine(violation: PolicyViolation): string {
  return `  ${violation.path}: ${violation.message} (${violation.rule})`;
}

/** `policy show`, `policy set`. */
export const POLICY_COMMANDS: readonly DatabaseCommand[] = [showPolicy, setPolicy, ...POLICY_VERSION_COMMANDS];
