/** `sandi policy show|set`: the current SSPR policy as JSON, and one setting at a time with every violation listed. */
import { applyPolicySetting, POLICY_KEYS } from "../../domain/policies/policy-setting.js";
import { BUILTIN_METHOD_IDS } from "../../methods/builtin-methods.js";
import { DEFAULT_POLICY } from "../../domain/policies/sspr-policy.js";
import { createKyselyPolicyStore } from "../../store/repos/kysely-policy-store.js";
import { type DatabaseCommand, EXIT, positional } from "../command.js";
import { CONSOLE_ACTIVITIES, writeConsoleAudit } from "../console-audit.js";
import { diffPolicies, violationLine } from "../policy-seed.js";

/** Who a console policy save names as its author. */
export const CONSOLE_POLICY_AUTHOR = "system:console";

const showPolicy: DatabaseCommand = {
  kind: "database",
  name: "policy show",
  usage: "",
  summary: "print the current SSPR policy and its version as JSON",
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const current = await createKyselyPolicyStore(context.db).current();
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
    const store = createKyselyPolicyStore(context.db);
    const current = await store.current();
    const before = current?.policy ?? DEFAULT_POLICY;
    const result = applyPolicySetting(before, key, value, BUILTIN_METHOD_IDS);
    if (!result.ok) {
      context.err(`Not saved: ${key} = ${JSON.stringify(value)} breaks the policy rules:`);
      for (const violation of result.violations ?? []) context.err(violationLine(violation));
      if (result.violations?.some((violation) => violation.rule === "key"))
        context.err(`Keys: ${POLICY_KEYS.join(", ")}`);
      return EXIT.failed;
    }
    const changes = diffPolicies(before, result.value);
    if (changes.length === 0 && current) {
      context.out(`No change: ${key} is already ${value} (version ${current.version}).`);
      return EXIT.ok;
    }
    const now = context.clock.now();
    const saved = await context.db.transaction().execute(async (trx) => {
      const version = await createKyselyPolicyStore(trx).save(result.value, CONSOLE_POLICY_AUTHOR, now);
      const event = { activity: CONSOLE_ACTIVITIES.policyChanged, result: "success", changes } as const;
      await writeConsoleAudit(trx, context.random, now, [event]);
      return version;
    });
    context.out(`Saved policy version ${saved.version}.`);
    for (const change of changes)
      context.out(`  ${change.field}: ${JSON.stringify(change.old)} -> ${JSON.stringify(change.new)}`);
    return EXIT.ok;
  },
};

/** `policy show`, `policy set`. */
export const POLICY_COMMANDS: readonly DatabaseCommand[] = [showPolicy, setPolicy];
