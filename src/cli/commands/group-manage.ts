/** `sandi group rename|delete|remove-member|remove-subgroup|list`: the rest of static group management (SPEC §10). */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { type DatabaseCommand, EXIT, positional } from "../command.js";
import { groupNameArgument } from "./group.js";
import { sayRefusal, userIdArgument } from "./user.js";

const renameGroup: DatabaseCommand = {
  kind: "database",
  name: "group rename",
  usage: "<name> <new name>",
  summary: "rename a group (members, nesting and group-scoped roles follow)",
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const from = groupNameArgument(positional(args, 0));
    const to = groupNameArgument(positional(args, 1));
    const outcome = await context.admin.renameGroup(CONSOLE_ACTOR, { from, to });
    if (outcome.ok) {
      context.out(`Renamed group "${from}" to "${to}".`);
      return EXIT.ok;
    }
    const words: Partial<Record<typeof outcome.reason, string>> = {
      not_found: `No group named "${from}".`,
      exists: `A group named "${to}" already exists.`,
      invalid_name: `"${to}" is not a valid group name.`,
      in_policy: `The SSPR policy names "${from}" (${(outcome.fields ?? []).join(", ")}): change those settings first, so nobody leaves SSPR by a rename.`,
    };
    const said = words[outcome.reason];
    if (said === undefined)
      return sayRefusal(context, outcome.reason === "read_only" ? "read_only" : "forbidden", from);
    context.err(said);
    return EXIT.failed;
  },
};

const deleteGroup: DatabaseCommand = {
  kind: "database",
  name: "group delete",
  usage: "<name>",
  summary: "delete a group (its members stay users; its nesting links go)",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const name = groupNameArgument(positional(args, 0));
    const outcome = await context.admin.deleteGroup(CONSOLE_ACTOR, name);
    if (outcome.ok) {
      context.out(`Deleted group "${name}".`);
      return EXIT.ok;
    }
    if (outcome.reason === "not_found") context.err(`No group named "${name}".`);
    else return sayRefusal(context, outcome.reason, name);
    return EXIT.failed;
  },
};

const removeMember: DatabaseCommand = {
  kind: "database",
  name: "group remove-member",
  usage: "<group> <userId>",
  summary: "take a user out of a group",
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const group = groupNameArgument(positional(args, 0));
    const userId = userIdArgument(positional(args, 1));
    const outcome = await context.admin.removeMember(CONSOLE_ACTOR, { group, userId });
    if (!outcome.ok) return sayRefusal(context, outcome.reason, userId);
    context.out(outcome.value.removed ? `Removed ${userId} from "${group}".` : `${userId} was not in "${group}".`);
    return EXIT.ok;
  },
};

const removeSubgroup: DatabaseCommand = {
  kind: "database",
  name: "group remove-subgroup",
  usage: "<parent> <child>",
  summary: "take a group out of another",
  positionals: { min: 2, max: 2 },
  async run(args, context) {
    const parent = groupNameArgument(positional(args, 0));
    const child = groupNameArgument(positional(args, 1));
    const outcome = await context.admin.removeSubgroup(CONSOLE_ACTOR, { parent, child });
    if (!outcome.ok) return sayRefusal(context, outcome.reason, parent);
    context.out(
      outcome.value.removed ? `"${child}" is no longer inside "${parent}".` : `"${child}" was not inside "${parent}".`,
    );
    return EXIT.ok;
  },
};

const listGroups: DatabaseCommand = {
  kind: "database",
  name: "group list",
  usage: "",
  summary: "list groups with their direct member and subgroup counts",
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const listed = await context.admin.listGroups(CONSOLE_ACTOR);
    const groups = listed.ok ? listed.value : [];
    if (groups.length === 0) context.out("No groups.");
    for (const group of groups)
      context.out(`${group.name}  members: ${String(group.directMembers)}  subgroups: ${String(group.subgroups)}`);
    return EXIT.ok;
  },
};

export const GROUP_MANAGE_COMMANDS: readonly DatabaseCommand[] = [
  renameGroup,
  deleteGroup,
  removeMember,
  removeSubgroup,
  listGroups,
];
