/**
 * The built-in directory's people in bulk, for the policy simulation (domain/policies/simulation/population.ts):
 * one page is five statements whatever its size (entries with their accounts, roles, memberships, the group tree,
 * verified methods). Nested groups are resolved here from the whole (small) `group_nesting` table, to the same
 * depth of 10 the directory's per-user query uses, instead of one recursive query per person.
 */
import type { Kysely } from "kysely";
import type { PopulationMember, PopulationReader } from "../../domain/policies/simulation/population.js";
import type { VerifiedMethod } from "../../domain/ports.js";
import type { Database } from "../database.js";
import { accountRowToState } from "./kysely-account-store.js";
import { BUILTIN_DIRECTORY_ID, GROUP_NESTING_DEPTH, directoryUserRowToEntry } from "./kysely-builtin-directory.js";
import { asMethodId } from "./row-values.js";
import { toUserAccount } from "../../domain/users.js";

/** Every group containing `group` within `GROUP_NESTING_DEPTH - 1` steps up (the group itself is depth 1). */
function ancestorsOf(group: string, parentsOf: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set([group]);
  let frontier = [group];
  for (let depth = 1; depth < GROUP_NESTING_DEPTH && frontier.length > 0; depth += 1) {
    frontier = frontier.flatMap((child) => parentsOf.get(child) ?? []).filter((parent) => !seen.has(parent));
    for (const parent of frontier) seen.add(parent);
  }
  return [...seen];
}

/** Nested membership for each person, from their own groups and the group tree (each group resolved once). */
export function nestedGroupsOf(
  direct: ReadonlyMap<string, readonly string[]>,
  nesting: readonly { parent_name: string; child_name: string }[],
): Map<string, string[]> {
  const parentsOf = new Map<string, string[]>();
  for (const edge of nesting)
    parentsOf.set(edge.child_name, [...(parentsOf.get(edge.child_name) ?? []), edge.parent_name]);
  const cache = new Map<string, string[]>();
  const groups = new Map<string, string[]>();
  for (const [ref, own] of direct) {
    const all = new Set<string>();
    for (const group of own) {
      let ancestors = cache.get(group);
      if (ancestors === undefined) cache.set(group, (ancestors = ancestorsOf(group, parentsOf)));
      for (const name of ancestors) all.add(name);
    }
    groups.set(ref, [...all].sort());
  }
  return groups;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/** A PopulationReader over the built-in directory on `db`. */
export function createKyselyPopulationReader(db: Kysely<Database>): PopulationReader {
  return {
    async readPage({ after, limit }) {
      let query = db
        .selectFrom("directory_user")
        .leftJoin("account", (join) =>
          join
            .onRef("account.entry_id", "=", "directory_user.ref")
            .on("account.directory_id", "=", BUILTIN_DIRECTORY_ID),
        )
        .selectAll("directory_user")
        .select([
          "account.ref as account_ref",
          "account.admin_locked_at",
          "account.security_hold_at",
          "account.must_change_password",
          "account.password_compromised_at",
          "account.preferred_lang",
          "account.temporary_password_at",
          "account.registration_state",
          "account.registration_first_prompt_at",
          "account.registration_confirmed_at",
          "account.registration_forced_at",
          "account.registered_at",
          "account.created_at as account_created_at",
        ])
        .orderBy("directory_user.ref")
        .limit(limit);
      if (after !== null) query = query.where("directory_user.ref", ">", after);
      const rows = await query.execute();
      if (rows.length === 0) return { members: [], next: null };
      // A built-in account shares its entry's ref; a person not met yet has no account row and keeps that ref.
      const refs = rows.map((row) => row.account_ref ?? row.ref);
      const [roles, memberships, nesting, methods] = await Promise.all([
        db.selectFrom("admin_role").select(["user_ref", "role"]).where("user_ref", "in", refs).execute(),
        db.selectFrom("group_member").select(["user_ref", "group_name"]).where("user_ref", "in", refs).execute(),
        db.selectFrom("group_nesting").select(["parent_name", "child_name"]).execute(),
        db
          .selectFrom("verified_method")
          .select(["id", "user_ref", "method", "value", "label", "created_at", "last_used_at", "counter", "details"])
          .where("user_ref", "in", refs)
          .orderBy("created_at")
          .orderBy("id")
          .execute(),
      ]);
      const rolesOf = groupBy(roles, (row) => row.user_ref);
      const methodsOf = groupBy(methods, (row) => row.user_ref);
      const direct = new Map(refs.map((ref) => [ref, [] as string[]]));
      for (const row of memberships) direct.get(row.user_ref)?.push(row.group_name);
      const groups = nestedGroupsOf(direct, nesting);
      const members = rows.map((row, index): PopulationMember => {
        const ref = refs[index] ?? row.ref;
        const account = accountRowToState({
          ref,
          directory_id: BUILTIN_DIRECTORY_ID,
          entry_id: row.ref,
          admin_locked_at: row.admin_locked_at,
          security_hold_at: row.security_hold_at,
          must_change_password: row.must_change_password ?? false,
          password_compromised_at: row.password_compromised_at,
          preferred_lang: row.preferred_lang,
          temporary_password_at: row.temporary_password_at,
          registration_state: row.registration_state ?? "none",
          registration_first_prompt_at: row.registration_first_prompt_at,
          registration_confirmed_at: row.registration_confirmed_at,
          registration_forced_at: row.registration_forced_at,
          registered_at: row.registered_at,
          created_at: row.account_created_at ?? row.created_at,
          roles: (rolesOf.get(ref) ?? []).map((role) => role.role).sort(),
        });
        const entry = directoryUserRowToEntry(row, groups.get(ref) ?? []);
        return { user: toUserAccount(entry, account), methods: (methodsOf.get(ref) ?? []).map(toMethod) };
      });
      return { members, next: rows.length < limit ? null : (rows.at(-1)?.ref ?? null) };
    },
  };
}

type MethodRow = {
  id: string;
  user_ref: string;
  method: string;
  value: string;
  label: string | null;
  created_at: Date;
  last_used_at: Date | null;
  counter: string | number;
  details: unknown;
};

/** The parts of a verified method the policy's rules read; secrets and credential ids stay in the table. */
function toMethod(row: MethodRow): VerifiedMethod {
  return {
    id: row.id,
    userRef: row.user_ref,
    method: asMethodId(row.method, "verified_method.method"),
    value: row.value,
    label: row.label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    counter: Number(row.counter),
    details: (row.details ?? null) as Readonly<Record<string, unknown>> | null,
  };
}
