/**
 * What the user and group management of the admin portal needs of the built-in directory (issue 12 item 5): the
 * filtered, sorted user list, edits, deletion, groups with their members and nesting, and CSV import jobs.
 * `kysely-user-management.ts` and `kysely-import-jobs.ts` implement it as part of the DirectoryAdminStore.
 */
import type { Outcome } from "../../lib/outcome.js";
import type { Language } from "../users.js";
import type { AdminUserView } from "./admin-user-view.js";

export const USER_SORTS = ["user_id", "display_name", "created_at"] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** The user list's filters; null means "any". */
export interface UserListFilters {
  /** Contained in the user ID or the display name; empty for everyone. */
  readonly text: string;
  readonly enabled: boolean | null;
  readonly registered: boolean | null;
  /** Admin lock (the hard lock included) or a running sign-in lockout at `now`. */
  readonly locked: boolean | null;
  /** Members of this group, or of any group nested inside it (to depth 10). */
  readonly group: string | null;
}

export interface UserListQuery extends UserListFilters {
  /** A group-scoped admin's reach: members of these groups (nested) only; null for everyone. */
  readonly withinGroups?: readonly string[] | null;
  /** Only these directory refs (a filter computed outside SQL, such as Capable); null for no such limit. */
  readonly onlyRefs?: readonly string[] | null;
  readonly sort: UserSort;
  readonly descending: boolean;
  readonly limit: number;
  readonly offset: number;
  readonly now: Date;
}

/** The contact and identity fields an admin edits; all replace the stored values. */
export interface UserEdit {
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly mobilePhone: string | null;
  readonly officePhone: string | null;
  readonly preferredLanguage: Language | null;
}

export interface UserContact {
  readonly mobilePhone: string | null;
  readonly officePhone: string | null;
}

export interface GroupSummary {
  readonly name: string;
  readonly description: string;
  readonly directMembers: number;
  readonly subgroups: number;
  readonly createdAt: Date;
}

export interface GroupDetail extends GroupSummary {
  /** Direct members, ordered by user ID (at most the limit asked for). */
  readonly members: readonly AdminUserView[];
  readonly subgroupNames: readonly string[];
  /** The groups this one sits inside directly. */
  readonly parentNames: readonly string[];
}

/** One import job's row error: which row (1 = the first data row after the header), which column, what is wrong. */
export interface ImportRowError {
  readonly row: number;
  readonly column: string;
  /** A catalog key under `admin_import.error.` (the page says it in the admin's language). */
  readonly code: string;
}

export const IMPORT_STATES = ["running", "done", "failed"] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

export interface ImportJob {
  readonly id: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly dryRun: boolean;
  readonly state: ImportState;
  readonly totalRows: number;
  readonly processedRows: number;
  readonly createdUsers: number;
  readonly errors: readonly ImportRowError[];
  readonly finishedAt: Date | null;
}

/** One user of a CSV import: no password yet, must change it once one is given. */
export interface ImportedUser {
  readonly userId: string;
  readonly edit: UserEdit;
  readonly groups: readonly string[];
}

export interface UserManagementOps {
  /**
   * Creates the users (a chunk of an import) in a few statements; a user ID taken meanwhile is skipped and
   * returned in `taken`. The groups must exist.
   */
  createImportedUsers(
    users: readonly ImportedUser[],
    now: Date,
  ): Promise<{ created: { ref: string; userId: string }[]; taken: string[] }>;
  /** One page of the list and how many users match in all (two statements, whatever the page size). */
  listUserPage(query: UserListQuery): Promise<{ users: AdminUserView[]; total: number }>;
  contactOf(ref: string): Promise<UserContact | null>;
  /** Replaces the edited fields; false when the user is gone. */
  updateUser(ref: string, edit: UserEdit): Promise<boolean>;
  /** Makes the user's direct groups exactly `groups`; "no_group" names one that does not exist. */
  setGroups(
    ref: string,
    groups: readonly string[],
  ): Promise<Outcome<{ added: string[]; removed: string[] }, "no_group">>;
  /** Deletes the entry and its account (sessions, methods, roles and memberships go with it); false when gone. */
  deleteUser(ref: string): Promise<boolean>;
  /** Which of `userIds` (normalised) are taken already. */
  existingUserIds(userIds: readonly string[]): Promise<string[]>;
  /**
   * Enabled holders of the Global admin role other than `exceptRef`, counted after locking every Global admin
   * assignment until the transaction ends: two removals at once (two admins deleting, disabling or demoting each
   * other) are counted one after the other, so they cannot each leave the other as "the last one".
   */
  countOtherGlobalAdmins(exceptRef: string): Promise<number>;
  removeMember(group: string, ref: string): Promise<boolean>;
  listGroups(): Promise<GroupSummary[]>;
  findGroup(name: string, memberLimit: number): Promise<GroupDetail | null>;
  /**
   * Gives the group a new name; its members, nesting and group-scoped roles and tokens follow. "exists" when the new
   * name is taken. The caller runs it in a transaction.
   */
  renameGroup(from: string, to: string): Promise<"renamed" | "not_found" | "exists">;
  /** Deletes the group; its members and nesting go, the users stay. False when it did not exist. */
  deleteGroup(name: string): Promise<boolean>;
  removeSubgroup(parent: string, child: string): Promise<boolean>;
  /**
   * The depth nesting `child` inside `parent` would make: the longest chain of groups through the new link, a top
   * group counting 1 (SPEC §3: nested to depth 10).
   */
  depthIfNested(parent: string, child: string): Promise<number>;
}

export interface ImportJobOps {
  createImportJob(job: { id: string; createdBy: string; dryRun: boolean; totalRows: number }, now: Date): Promise<void>;
  updateImportJob(
    id: string,
    progress: { processedRows: number; createdUsers: number; errors: readonly ImportRowError[] },
  ): Promise<void>;
  finishImportJob(id: string, state: Exclude<ImportState, "running">, now: Date): Promise<void>;
  findImportJob(id: string): Promise<ImportJob | null>;
}
