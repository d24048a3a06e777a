/** `sandi token create|list|revoke`: the admin API's bearer tokens (ADR 0020), run as "system (console)". */
import { CONSOLE_ACTOR } from "../../domain/admin/admin-actor.js";
import { TOKEN_MAX_DAYS, type TokenRefusal } from "../../domain/admin/api-tokens.js";
import {
  type CommandOutput,
  type DatabaseCommand,
  EXIT,
  positional,
  requiredOption,
  stringOption,
} from "../command.js";
import { roleArgument, scopedRoleName } from "./admin.js";

const DEFAULT_DAYS = 90;

function sayTokenRefusal(output: CommandOutput, reason: TokenRefusal | "not_found"): number {
  const words: Record<TokenRefusal | "not_found", string> = {
    forbidden: "Not allowed.",
    invalid_name: "Give the token a name of 1–100 printable characters (--name).",
    invalid_expiry: `--days must be a whole number from 1 to ${TOKEN_MAX_DAYS}.`,
    no_group: 'No such group (create it with "sandi group add").',
    scope_not_allowed: "Only user_admin, helpdesk_admin and password_admin can be limited to a group.",
    not_found: "No token with that id.",
  };
  output.err(words[reason]);
  return EXIT.failed;
}

const createToken: DatabaseCommand = {
  kind: "database",
  name: "token create",
  usage: "--name N --role R [--group G] [--days D]",
  summary: `create an admin API token (shown once) with a role, optional group scope, expiry in days (default ${DEFAULT_DAYS})`,
  options: { name: { type: "string" }, role: { type: "string" }, group: { type: "string" }, days: { type: "string" } },
  positionals: { min: 0, max: 0 },
  async run(args, context) {
    const role = roleArgument(requiredOption(args, "role"));
    const group = stringOption(args, "group")?.trim();
    const daysText = stringOption(args, "days") ?? String(DEFAULT_DAYS);
    const expiresInDays = /^\d{1,4}$/.test(daysText) ? Number(daysText) : Number.NaN;
    const created = await context.admin.createApiToken(CONSOLE_ACTOR, {
      name: requiredOption(args, "name"),
      role,
      ...(group === undefined || group === "" ? {} : { group }),
      expiresInDays,
    });
    if (!created.ok) return sayTokenRefusal(context, created.reason);
    const { token, secret } = created.value;
    context.out(`Created token ${token.id} "${token.name}": ${scopedRoleName(token.role, token.scopeGroup)}.`);
    context.out(`Expires ${token.expiresAt.toISOString()}.`);
    context.out(`Token (shown once, only its hash is kept): ${secret}`);
    return EXIT.ok;
  },
};

const listTokens: DatabaseCommand = {
  kind: "database",
  name: "token list",
  usage: "",
  summary: "list admin API tokens (never their secrets)",
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const listed = await context.admin.listApiTokens(CONSOLE_ACTOR);
    if (!listed.ok) return sayTokenRefusal(context, listed.reason);
    if (listed.value.length === 0) context.out("No tokens.");
    for (const token of listed.value) {
      const state =
        token.revokedAt !== null
          ? `revoked ${token.revokedAt.toISOString()}`
          : `expires ${token.expiresAt.toISOString()}`;
      const used = token.lastUsedAt === null ? "never used" : `last used ${token.lastUsedAt.toISOString()}`;
      context.out(`${token.id}  "${token.name}"  ${scopedRoleName(token.role, token.scopeGroup)}  ${state}  ${used}`);
    }
    return EXIT.ok;
  },
};

const revokeToken: DatabaseCommand = {
  kind: "database",
  name: "token revoke",
  usage: "<tokenId>",
  summary: "revoke an admin API token at once",
  positionals: { min: 1, max: 1 },
  async run(args, context) {
    const revoked = await context.admin.revokeApiToken(CONSOLE_ACTOR, positional(args, 0).trim());
    if (!revoked.ok) return sayTokenRefusal(context, revoked.reason);
    const { token } = revoked.value;
    context.out(
      revoked.value.revoked ? `Revoked token "${token.name}".` : `Token "${token.name}" was already revoked.`,
    );
    return EXIT.ok;
  },
};

/** `token create`, `token list`, `token revoke`. */
export const TOKEN_COMMANDS: readonly DatabaseCommand[] = [createToken, listTokens, revokeToken];
