/** `sandi init --empty`: create an empty organisation from the configuration and seed its policy. */
import { DEFAULT_POLICY } from "../../domain/policies/sspr-policy.js";
import { createKyselyDirectoryAdmin } from "../../store/repos/kysely-directory-admin.js";
import { createKyselyPolicyStore } from "../../store/repos/kysely-policy-store.js";
import { type DatabaseCommand, EXIT, UsageError } from "../command.js";
import { CONSOLE_ACTIVITIES, writeConsoleAudit } from "../console-audit.js";
import { diffPolicies, policyFromSettings, violationLine } from "../policy-seed.js";
import { CONSOLE_POLICY_AUTHOR } from "./policy.js";

const init: DatabaseCommand = {
  kind: "database",
  name: "init",
  usage: "--empty",
  summary: "create an empty organisation (from the configuration) and seed the policy when absent",
  options: { empty: { type: "boolean" } },
  positionals: { min: 0, max: 0 },
  async run(args, context) {
    if (args.options.empty !== true)
      throw new UsageError("init needs --empty; the demo organisation is loaded by `npm start` (sandi serve --dev)");
    const existing = await createKyselyDirectoryAdmin(context.db, context).getOrganisation();
    const current = await createKyselyPolicyStore(context.db).current();
    const seeded = current === null ? policyFromSettings(DEFAULT_POLICY, context.config.policy) : null;
    if (seeded && !seeded.ok) {
      context.err("Not initialised: the configuration's policy seed breaks the policy rules:");
      for (const violation of seeded.violations) context.err(violationLine(violation));
      return EXIT.failed;
    }
    const now = context.clock.now();
    await context.db.transaction().execute(async (trx) => {
      if (!existing)
        await createKyselyDirectoryAdmin(trx, context).createOrganisation(
          { ...context.config.organisation, isDemo: false },
          now,
        );
      if (!seeded) return;
      await createKyselyPolicyStore(trx).save(seeded.policy, CONSOLE_POLICY_AUTHOR, now);
      const changes = diffPolicies(DEFAULT_POLICY, seeded.policy);
      await writeConsoleAudit(trx, context.random, now, [
        { activity: CONSOLE_ACTIVITIES.policyChanged, result: "success", reason: "seeded", changes },
      ]);
    });
    const { name, domain } = context.config.organisation;
    context.out(
      existing
        ? `Organisation "${existing.name}" exists already${existing.isDemo ? " (the demo)" : ""}.`
        : `Created organisation "${name}" (${domain}).`,
    );
    context.out(
      seeded
        ? "Saved the initial policy (version 1)."
        : `A policy exists already (version ${String(current?.version)}).`,
    );
    return EXIT.ok;
  },
};

/** `init`. */
export const INIT_COMMANDS: readonly DatabaseCommand[] = [init];
