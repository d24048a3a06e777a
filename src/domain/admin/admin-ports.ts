/** What the admin services need of the directory's management side (built-in users, groups, roles, organisation). */
import type { ResetFlow } from "../flows/reset/reset-flow.js";
import type { MethodId } from "../methods.js";
import type { Outcome } from "../../lib/outcome.js";
import type { AdminRole, Language } from "../users.js";
import type { AdminUserView } from "./admin-user-view.js";
import type { ImportJobOps, UserManagementOps } from "./user-admin-ports.js";

export type { AdminUserView } from "./admin-user-view.js";
import type { RoleAssignment } from "./admin-actor.js";

export interface NewDirectoryUser {
  readonly userId: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  /** Argon2id hash, or null for an account nobody can sign in to yet. */
  readonly passwordHash: string | null;
  readonly mustChangePassword: boolean;
  readonly isDemo: boolean;
}

export interface Organisation {
  readonly name: string;
  readonly domain: string;
  readonly defaultLanguage: Language;
  readonly isDemo: boolean;
}

/** One reset or unlock flow of a user, as the admin user page lists it (no step data, no secret). */
export type AdminFlowSummary = Pick<
  ResetFlow,
  "id" | "supportCode" | "action" | "state" | "issuedAt" | "endedAt" | "endReason" | "inertReason"
>;

/** The admin user search and page's reads of the built-in directory (`kysely-admin-user-reads.ts`). */
export interface AdminUserReads {
  /** Users whose user ID or display name contains `text` (all when empty), ordered by user ID. */
  searchUsers(query: {
    text: string;
    limit: number;
    offset: number;
    /** Only members (nested ones too) of these groups; absent or null: everyone. */
    withinGroups?: readonly string[] | null;
  }): Promise<AdminUserView[]>;
  findUserByRef(ref: string): Promise<AdminUserView | null>;
}

/** User, group, role and organisation management; over the pool or inside a transaction (TransactionStores). */
export interface DirectoryAdminStore extends AdminUserReads, UserManagementOps, ImportJobOps {
  getOrganisation(): Promise<Organisation | null>;
  /** False when the organisation exists already. */
  createOrganisation(organisation: Organisation, now: Date): Promise<boolean>;
  /** True when any demo user or a demo organisation exists (production start-up refuses them). */
  hasDemoAccounts(): Promise<boolean>;
  /** Inserts the user under its normalised user ID; "exists" when that ID is taken. */
  createUser(user: NewDirectoryUser, now: Date): Promise<Outcome<AdminUserView, "exists">>;
  listUsers(page?: { limit: number; offset?: number }): Promise<AdminUserView[]>;
  findUser(userId: string): Promise<AdminUserView | null>;
  /** True when that changed something. */
  setEnabled(ref: string, enabled: boolean): Promise<boolean>;
  /** Sets the administrator's lock (also the hard lock after 100 sign-in failures). */
  lockUser(ref: string, now: Date): Promise<void>;
  /** Clears the administrator's lock; says whether it was set. */
  clearAdminLock(ref: string): Promise<{ wasAdminLocked: boolean }>;
  /** "exists" when the name is taken. */
  addGroup(name: string, description: string, now: Date): Promise<Outcome<void, "exists">>;
  addMember(groupName: string, ref: string): Promise<Outcome<void, "no_group" | "already">>;
  /**
   * Puts group `child` inside group `parent`; "no_group" when either is missing, "already" when it is there, "cycle"
   * when `parent` is `child` or already inside it (membership would go round).
   */
  addSubgroup(parent: string, child: string): Promise<Outcome<void, "no_group" | "already" | "cycle">>;
  /** False when the user held the role (with that scope; null: unscoped) already. */
  grantRole(ref: string, role: AdminRole, now: Date, scopeGroup?: string | null): Promise<boolean>;
  /** False when the user did not hold the role with that scope. */
  revokeRole(ref: string, role: AdminRole, scopeGroup: string | null): Promise<boolean>;
  /** The user's roles with their scopes, unscoped first. */
  assignmentsOf(ref: string): Promise<RoleAssignment[]>;
  /** Records a verified method (the demo seed's registered email); returns its id. */
  addVerifiedMethod(
    method: { userRef: string; method: MethodId; value: string; label: string | null },
    now: Date,
  ): Promise<string>;
}
