/**
 * `sandi user edit|delete|import`: the portal's user management from the host, through the same admin services
 * (permissions, audit and SPEC §9.1 applied the same way), run as "system (console)".
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import type { FieldProblem } from "../../domain/admin/user-fields.js";
import type { ImportRowError } from "../../domain/admin/user-admin-ports.js";
import { createTranslator } from "../../i18n/i18n.js";
import { type CommandOutput, type DatabaseCommand, EXIT, positional, stringOption, UsageError } from "../command.js";
import { sayRefusal, userIdArgument } from "./user.js";

const t = (key: string, values?: Record<string, string | number>) => createTranslator().forLanguage("en")(key, values);

function sayProblems(output: CommandOutput, problems: readonly FieldProblem[]): number {
  for (const problem of problems)
    output.err(`${t(`admin_manage.field.${problem.field}`)}: ${t(`admin_manage.error.${problem.code}`)}`);
  return EXIT.failed;
}

/** `--groups "a;b"`: the user's direct groups, or undefined to leave them. */
function groupsOption(typed: string | undefined): string[] | undefined {
  if (typed === undefined) return undefined;
  return typed
    .split(";")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

const editUser: DatabaseCommand = {
  kind: "database",
  name: "user edit",
  usage:
    '<userId> [--display D] [--first F] [--last L] [--email E] [--mobile M] [--office O] [--lang en|id|""] [--groups "g1;g2"]',
  summary: "change a user's names, contact numbers, language or groups (options left out keep their value)",
  options: {
    display: { type: "string" },
    first: { type: "string" },
    last: { type: "string" },
    email: { type: "string" },
    mobile: { type: "string" },
    office: { type: "string" },
    lang: { type: "string" },
    groups: { type: "string" },
  },
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const shown = await context.admin.showUser(CONSOLE_ACTOR, userId);
    if (!shown.ok) return sayRefusal(context, shown.reason, userId);
    const user = shown.value.user;
    const contact = await context.admin.userContact(CONSOLE_ACTOR, user.ref);
    const groups = groupsOption(stringOption(args, "groups"));
    const edited = await context.admin.editUser(CONSOLE_ACTOR, userId, {
      displayName: stringOption(args, "display") ?? user.displayName,
      firstName: stringOption(args, "first") ?? user.firstName,
      lastName: stringOption(args, "last") ?? user.lastName,
      email: stringOption(args, "email") ?? user.email ?? "",
      mobilePhone: stringOption(args, "mobile") ?? contact?.mobilePhone ?? "",
      officePhone: stringOption(args, "office") ?? contact?.officePhone ?? "",
      language: stringOption(args, "lang") ?? user.preferredLanguage ?? "",
      ...(groups === undefined ? {} : { groups }),
    });
    if (edited.ok) {
      context.out(`User ${userId} updated.`);
      return EXIT.ok;
    }
    if (edited.reason === "invalid") return sayProblems(context, edited.problems);
    if (edited.reason === "no_group") {
      context.err('A group in --groups does not exist (create it with "sandi group add").');
      return EXIT.failed;
    }
    return sayRefusal(context, edited.reason, userId);
  },
};

const deleteUser: DatabaseCommand = {
  kind: "database",
  name: "user delete",
  usage: "<userId> --yes",
  summary: "delete a user: sessions end, methods, roles and memberships go; the audit log keeps their history",
  options: { yes: { type: "boolean" } },
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    if (args.options.yes !== true) throw new UsageError(`deleting ${userId} cannot be undone: add --yes to confirm`);
    const deleted = await context.admin.deleteUser(CONSOLE_ACTOR, userId);
    if (deleted.ok) {
      context.out(`Deleted user ${userId}; their sessions ended and open flows were cancelled.`);
      return EXIT.ok;
    }
    if (deleted.reason === "own_account") return sayRefusal(context, "forbidden", userId);
    return sayRefusal(context, deleted.reason, userId);
  },
};

function sayRowErrors(output: CommandOutput, errors: readonly ImportRowError[]): void {
  for (const error of errors)
    output.err(`row ${String(error.row)}, ${error.column || "file"}: ${t(`admin_manage.error.${error.code}`)}`);
}

const importUsers: DatabaseCommand = {
  kind: "database",
  name: "user import",
  usage: "<file.csv> [--dry-run]",
  summary: "create users from a CSV file (docs/admin-import.md); --dry-run only reports each row's problems",
  options: { "dry-run": { type: "boolean" } },
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const path = resolve(positional(args, 0));
    const text = await readFile(path, "utf8").catch(() => {
      throw new UsageError(`cannot read ${path}`);
    });
    if (args.options["dry-run"] === true) {
      const checked = await context.admin.dryRunImport(CONSOLE_ACTOR, text);
      if (!checked.ok) return sayRefusal(context, checked.reason, path);
      const { check } = checked.value;
      sayRowErrors(context, check.errors);
      context.out(
        `${String(check.totalRows)} rows checked, ${String(check.errors.length)} problems; nothing imported.`,
      );
      return check.errors.length === 0 ? EXIT.ok : EXIT.failed;
    }
    const started = await context.admin.startImport(CONSOLE_ACTOR, text);
    if (!started.ok && started.reason === "invalid") {
      sayRowErrors(context, started.check.errors);
      context.err(`${String(started.check.errors.length)} problems; nothing imported. Fix the file and run again.`);
      return EXIT.failed;
    }
    if (!started.ok) return sayRefusal(context, started.reason, path);
    const job = await started.value.done;
    sayRowErrors(context, job.errors);
    context.out(`Imported ${String(job.createdUsers)} of ${String(job.totalRows)} users (job ${job.id}).`);
    context.out("They have no password yet: give each one with an admin reset or a temporary access pass.");
    return job.errors.length === 0 ? EXIT.ok : EXIT.failed;
  },
};

export const USER_MANAGE_COMMANDS: readonly DatabaseCommand[] = [editUser, deleteUser, importUsers];
