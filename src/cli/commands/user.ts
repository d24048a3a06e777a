/** `sandi user add|list|show`: built-in directory users; a new user gets a one-time temporary password. */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import type { AdminRefusal } from "../../domain/admin/admin-deps.js";
import type { AdminUserView } from "../../domain/admin/admin-ports.js";
import { normaliseEmailAddress } from "../../domain/email-address.js";
import { maskRecipient } from "../../domain/messages.js";
import { isUserIdSyntaxValid, normaliseUserId } from "../../domain/user-id.js";
import {
  type CommandOutput,
  type DatabaseCommand,
  EXIT,
  positional,
  requiredOption,
  stringOption,
  UsageError,
} from "../command.js";

/** The user ID argument, normalised; UsageError when its syntax is wrong. */
export function userIdArgument(typed: string): string {
  const userId = normaliseUserId(typed);
  if (!isUserIdSyntaxValid(userId)) throw new UsageError(`"${typed}" is not a valid user ID (name@domain)`);
  return userId;
}

/** Tells the operator why an admin action did nothing; returns the exit code. */
export function sayRefusal(
  output: CommandOutput,
  reason: AdminRefusal | "read_only" | "last_global_admin",
  userId: string,
): number {
  const words = {
    not_found: `No user with user ID ${userId}.`,
    forbidden: `Not allowed for ${userId}.`,
    read_only: "The directory does not let Sandi manage users and groups: change them in the directory itself.",
    last_global_admin: `${userId} is the last enabled Global admin: grant the role to someone else first.`,
  } as const;
  output.err(words[reason]);
  return EXIT.failed;
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
    const created = await context.admin.addUser(CONSOLE_ACTOR, { userId, email, firstName, lastName, displayName });
    if (!created.ok) {
      if (created.reason !== "exists") return sayRefusal(context, created.reason, userId);
      context.err(`A user with user ID ${userId} already exists.`);
      return EXIT.failed;
    }
    context.out(`Created user ${userId} (${displayName}).`);
    printTemporaryPassword(context, created.value.temporaryPassword);
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
    const listed = await context.admin.listUsers(CONSOLE_ACTOR);
    const users = listed.ok ? listed.value : [];
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
    const userId = userIdArgument(positional(args, 0));
    const shown = await context.admin.showUser(CONSOLE_ACTOR, userId);
    if (!shown.ok) return sayRefusal(context, shown.reason, userId);
    for (const line of describeUser(shown.value.user)) context.out(line);
    const methods = shown.value.methods.map((method) =>
      `${method.method} ${method.method === "email" ? maskRecipient("email", method.value) : ""}`.trim(),
    );
    context.out(`Methods:         ${methods.join(", ") || "none registered"}`);
    return EXIT.ok;
  },
};

/** `user add`, `user list`, `user show`. */
export const USER_COMMANDS: readonly DatabaseCommand[] = [addUser, listUsers, showUser];
