/** `sandi group add|add-member`: static groups of the built-in directory. */
import { createKyselyDirectoryAdmin } from "../../store/repos/kysely-directory-admin.js";
import { type DatabaseCommand, EXIT, positional, stringOption, UsageError } from "../command.js";
import { CONSOLE_ACTIVITIES, writeConsoleAudit } from "../console-audit.js";
import { findUserOrSay } from "./user.js";

const GROUP_NAME_MAX_LENGTH = 100;

function groupNameArgument(typed: string): string {
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
    const now = context.clock.now();
    const created = await context.db.transaction().execute(async (trx) => {
      const outcome = await createKyselyDirectoryAdmin(trx, context).addGroup(
        name,
        stringOption(args, "description") ?? "",
        now,
      );
      if (outcome.ok) {
        const changes = [{ field: "group", old: null, new: name }];
        await writeConsoleAudit(trx, context.random, now, [
          { activity: CONSOLE_ACTIVITIES.groupChanged, result: "success", reason: "created", changes },
        ]);
      }
      return outcome.ok;
    });
    if (!created) {
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
    const name = groupNameArgument(positional(args, 0));
    const user = await findUserOrSay(context, positional(args, 1));
    if (!user) return EXIT.failed;
    const now = context.clock.now();
    const outcome = await context.db.transaction().execute(async (trx) => {
      const added = await createKyselyDirectoryAdmin(trx, context).addMember(name, user.ref);
      if (added.ok) {
        const event = {
          activity: CONSOLE_ACTIVITIES.groupChanged,
          result: "success",
          reason: "member_added",
          target: { ref: user.ref, userId: user.userId },
          changes: [{ field: "members", old: null, new: name }],
        } as const;
        await writeConsoleAudit(trx, context.random, now, [event]);
      }
      return added;
    });
    if (!outcome.ok && outcome.reason === "no_group") {
      context.err(`No group named "${name}" (create it with "sandi group add").`);
      return EXIT.failed;
    }
    context.out(outcome.ok ? `Added ${user.userId} to "${name}".` : `${user.userId} is already in "${name}".`);
    return EXIT.ok;
  },
};

/** `group add`, `group add-member`. */
export const GROUP_COMMANDS: readonly DatabaseCommand[] = [addGroup, addMember];
