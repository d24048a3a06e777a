/** `sandi init --empty`: create an empty organisation from the configuration and seed its policy. */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { type DatabaseCommand, EXIT, UsageError } from "../command.js";
import { violationLine } from "./policy.js";

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
    const result = await context.admin.initialiseOrganisation(CONSOLE_ACTOR, context.config.policy);
    if (!result.ok && result.reason === "invalid") {
      context.err("Not initialised: the configuration's policy seed breaks the policy rules:");
      for (const violation of result.violations) context.err(violationLine(violation));
      return EXIT.failed;
    }
    if (!result.ok) {
      context.err("Not allowed.");
      return EXIT.failed;
    }
    const { existing, existingPolicy } = result.value;
    const { name, domain } = context.config.organisation;
    context.out(
      existing
        ? `Organisation "${existing.name}" exists already${existing.isDemo ? " (the demo)" : ""}.`
        : `Created organisation "${name}" (${domain}).`,
    );
    context.out(
      existingPolicy === null
        ? "Saved the initial policy (version 1)."
        : `A policy exists already (version ${String(existingPolicy.version)}).`,
    );
    return EXIT.ok;
  },
};

/** `init`. */
export const INIT_COMMANDS: readonly DatabaseCommand[] = [init];
