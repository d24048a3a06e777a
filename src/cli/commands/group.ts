/** `sandi group add|add-member`: static groups of the built-in directory. */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { type DatabaseCommand, EXIT, positional, stringOption, UsageError } from "../command.js";
import { sayRefusal, userIdArgument } from "./user.js";

const GROUP_NAME_MAX_LENGTH = 100;

export function groupNameArgument(typed: string): string {
  const name = typed.trim();
  if (name === "" || name.length > GROUP_NAME_MAX_LENGTH || /[\p{Cc}\p{Cf}]/u.test(name))
    throw new UsageError(`"${typed}" is not a valid group name (1–${GROUP_NAME_MAX_LENGTH} printable characters)`);
  return name;
}

const addGroup: DatabaseCommand = {
  kind: "database",
  name: "group add",
  usage: "<name> [--description D]",
  summary: "create a static group",
  options: { description: { type: "string" } },
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const name = groupNameArgument(positional(args, 0));
    const description = stringOption(args, "description") ?? "";
    const created = await context.admin.addGroup(CONSOLE_ACTOR, { name, description });
    if (!created.ok) {
      if (created.reason !== "exists") return sayRefusal(context, created.reason, name);
      context.err(`A group named "${name}" already exists.`);
      return EXIT.failed;
    }
    context.out(`Created group "${name}".`);
    return EXIT.ok;
  },
};

const addMember: DatabaseCommand = {
  kind: "database",
  name: "group add-member",
  usage: "<group> <userId>",
  summary: "add a user to a group",
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const group = groupNameArgument(positional(args, 0));
    const userId = userIdArgument(positional(args, 1));
    const outcome = await context.admin.addMember(CONSOLE_ACTOR, { group, userId });
    if (!outcome.ok) {
      if (outcome.reason !== "no_group") return sayRefusal(context, outcome.reason, userId);
      context.err(`No group named "${group}" (create it with "sandi group add").`);
      return EXIT.failed;
    }
    context.out(outcome.value.added ? `Added ${userId} to "${group}".` : `${userId} is already in "${group}".`);
    return EXIT.ok;
  },
};

const addSubgroup: DatabaseCommand = {
  kind: "database",
  name: "group add-subgroup",
  usage: "<parent> <child>",
  summary: "put a group inside another (members of the child count as members of the parent, to depth 10)",
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const parent = groupNameArgument(positional(args, 0));
    const child = groupNameArgument(positional(args, 1));
    const outcome = await context.admin.addSubgroup(CONSOLE_ACTOR, { parent, child });
    if (outcome.ok) {
      context.out(
        outcome.value.added ? `"${child}" is now inside "${parent}".` : `"${child}" is already inside "${parent}".`,
      );
      return EXIT.ok;
    }
    if (outcome.reason === "no_group")
      context.err(`"${parent}" and "${child}" must both exist (create them with "sandi group add").`);
    else if (outcome.reason === "cycle")
      context.err(`"${parent}" is already inside "${child}": nesting it would go round.`);
    else if (outcome.reason === "too_deep")
      context.err(`Nesting "${child}" inside "${parent}" would make a chain deeper than 10 groups.`);
    else return sayRefusal(context, outcome.reason, parent);
    return EXIT.failed;
  },
};

/** `group nest`: the name the CLI parity list uses for `group add-subgroup`. */
const nest: DatabaseCommand = { ...addSubgroup, name: "group nest" };

/** `group add`, `group add-member`, `group add-subgroup` (also `group nest`). */
export const GROUP_COMMANDS: readonly DatabaseCommand[] = [addGroup, addMember, addSubgroup, nest];
