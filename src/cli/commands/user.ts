/** `sandi user add|list|show`: built-in directory users; a new user gets a one-time temporary password. */
import { normaliseEmailAddress } from "../../domain/email-address.js";
import { maskRecipient } from "../../domain/messages.js";
import { isUserIdSyntaxValid, normaliseUserId } from "../../domain/user-id.js";
import { type AdminUserView, createKyselyDirectoryAdmin } from "../../store/repos/kysely-directory-admin.js";
import { createKyselyMethodStore } from "../../store/repos/kysely-method-store.js";
import {
  type CommandContext,
  type CommandOutput,
  type DatabaseCommand,
  EXIT,
  positional,
  requiredOption,
  stringOption,
  UsageError,
} from "../command.js";
import { CONSOLE_ACTIVITIES, writeConsoleAudit } from "../console-audit.js";
import { generateTemporaryPassword } from "../temporary-password.js";

/** The user ID argument, normalised; UsageError when its syntax is wrong. */
export function userIdArgument(typed: string): string {
  const userId = normaliseUserId(typed);
  if (!isUserIdSyntaxValid(userId)) throw new UsageError(`"${typed}" is not a valid user ID (name@domain)`);
  return userId;
}

/** The user, or null after telling the operator that nobody has that user ID. */
export async function findUserOrSay(context: CommandContext, typed: string): Promise<AdminUserView | null> {
  const user = await createKyselyDirectoryAdmin(context.db, context).findUser(userIdArgument(typed));
  if (!user) context.err(`No user with user ID ${normaliseUserId(typed)}.`);
  return user;
}

/** Prints the one-time temporary password: the only place Sandi ever shows a password. */
export function printTemporaryPassword(output: CommandOutput, password: string): void {
  output.out(`Temporary password (shown once, never stored): ${password}`);
  output.out("The user must change it at the next sign-in.");
}

function statusWords(user: AdminUserView): string {
  const words = [user.enabled ? "enabled" : "disabled"];
  if (user.adminLockedAt) words.push("locked");
  if (user.securityHoldAt) words.push("on hold");
  if (user.isDemo) words.push("demo");
  return words.join(",");
}

const addUser: DatabaseCommand = {
  kind: "database",
  name: "user add",
  usage: "<userId> --email E --first F --last L [--display D]",
  summary: "create a built-in user; prints a temporary password once",
  options: {
    email: { type: "string" },
    first: { type: "string" },
    last: { type: "string" },
    display: { type: "string" },
  },
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const userId = userIdArgument(positional(args, 0));
    const email = normaliseEmailAddress(requiredOption(args, "email"));
    if (email === null) throw new UsageError("--email is not an email address");
    const firstName = requiredOption(args, "first");
    const lastName = requiredOption(args, "last");
    const displayName = stringOption(args, "display")?.trim() || `${firstName} ${lastName}`;
    const password = generateTemporaryPassword(context.random);
    const passwordHash = await context.hasher.hash(password);
    const now = context.clock.now();
    const created = await context.db.transaction().execute(async (trx) => {
      const user = {
        userId,
        email,
        displayName,
        firstName,
        lastName,
        passwordHash,
        mustChangePassword: true,
        isDemo: false,
      };
      const outcome = await createKyselyDirectoryAdmin(trx, context).createUser(user, now);
      if (outcome.ok) {
        const target = { ref: outcome.value.ref, userId };
        await writeConsoleAudit(trx, context.random, now, [
          { activity: CONSOLE_ACTIVITIES.userCreated, result: "success", target },
        ]);
      }
      return outcome.ok;
    });
    if (!created) {
      context.err(`A user with user ID ${userId} already exists.`);
      return EXIT.failed;
    }
    context.out(`Created user ${userId} (${displayName}).`);
    printTemporaryPassword(context, password);
    return EXIT.ok;
  },
};

const listUsers: DatabaseCommand = {
  kind: "database",
  name: "user list",
  usage: "",
  summary: "list built-in users with their status, roles and groups",
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const users = await createKyselyDirectoryAdmin(context.db, context).listUsers({ limit: 100_000 });
    if (users.length === 0) context.out("No users.");
    const width = Math.max(0, ...users.map((user) => user.userId.length));
    for (const user of users) {
      const roles = user.roles.length > 0 ? `  roles: ${user.roles.join(",")}` : "";
      const groups = user.groups.length > 0 ? `  groups: ${user.groups.join(",")}` : "";
      context.out(
        `${user.userId.padEnd(width)}  ${statusWords(user).padEnd(16)}  ${user.displayName}${roles}${groups}`,
      );
    }
    return EXIT.ok;
  },
};

function describeUser(user: AdminUserView): string[] {
  const when = (date: Date | null): string => (date === null ? "no" : `yes, since ${date.toISOString()}`);
  return [
    `User ID:         ${user.userId}`,
    `Display name:    ${user.displayName} (first: ${user.firstName}, last: ${user.lastName})`,
    `Email:           ${user.email ?? "none"}`,
    `Status:          ${statusWords(user)}`,
    `Admin locked:    ${when(user.adminLockedAt)}`,
    `Security hold:   ${when(user.securityHoldAt)}`,
    `Password:        ${user.hasPassword ? `set${user.passwordChangedAt ? ` ${user.passwordChangedAt.toISOString()}` : ""}` : "not set"}`,
    `Must change:     ${user.mustChangePassword ? "yes" : "no"}`,
    `Language:        ${user.preferredLanguage ?? "organisation default"}`,
    `Roles:           ${user.roles.join(", ") || "none"}`,
    `Groups:          ${user.groups.join(", ") || "none"}`,
    `Created:         ${user.createdAt.toISOString()}`,
  ];
}

const showUser: DatabaseCommand = {
  kind: "database",
  name: "user show",
  usage: "<userId>",
  summary: "show one user (never the password hash) and their verified methods, masked",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const user = await findUserOrSay(context, positional(args, 0));
    if (!user) return EXIT.failed;
    for (const line of describeUser(user)) context.out(line);
    const methods = await createKyselyMethodStore(context.db).listForUser(user.ref);
    const shown = methods.map((method) =>
      `${method.method} ${method.method === "email" ? maskRecipient("email", method.value) : ""}`.trim(),
    );
    context.out(`Methods:         ${shown.join(", ") || "none registered"}`);
    return EXIT.ok;
  },
};

/** `user add`, `user list`, `user show`. */
export const USER_COMMANDS: readonly DatabaseCommand[] = [addUser, listUsers, showUser];
