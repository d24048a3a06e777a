/**
 * Users as the domain sees them: what the directory says about a person (DirectoryEntry), what Sandi keeps about
 * them itself (AccountState), and the two read together (UserAccount) where a flow needs both. Plus SPEC §2's roles.
 */
export const ADMIN_ROLES = [
  "global_admin",
  "user_admin",
  "helpdesk_admin",
  "password_admin",
  "reports_reader",
] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export type Language = "en" | "id";

/** Where a user stands with security-info registration (SPEC §5.3), as last computed. */
export const REGISTRATION_STATES = ["none", "registered"] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/** What the directory says about a person: identity, contact data, groups. Sandi never stores this for LDAP. */
export interface DirectoryEntry {
  /** The directory's own stable id of the entry (built-in: the row's ref; LDAP: entryUUID or objectGUID). */
  readonly entryId: string;
  /** Normalised user ID (`name@domain`). */
  readonly userId: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly enabled: boolean;
  readonly passwordChangedAt: Date | null;
  /** Names of the groups the user belongs to. */
  readonly groups: readonly string[];
}

/** Which directory an entry lives in and its id there: survives renames, so security info stays with the person. */
export interface DirectoryReference {
  readonly directoryId: string;
  readonly entryId: string;
}

/** What Sandi keeps about a person itself, whatever the directory: the record sessions, methods and roles hang on. */
export interface AccountState extends DirectoryReference {
  /** Stable internal reference (UUID; for built-in users the entry's ref); never shown to users. */
  readonly ref: string;
  /** An administrator's lock, or the hard lock after 100 sign-in failures. */
  readonly adminLocked: boolean;
  readonly securityHold: boolean;
  readonly mustChangePassword: boolean;
  /** A sign-in found the password in the global banned list (SPEC §18): must-change is on for that reason. */
  readonly passwordCompromised: boolean;
  readonly preferredLanguage: Language | null;
  readonly registration: RegistrationState;
  /** SPEC §5.2's dates: the first interrupt, the last confirmation, a forced re-registration, the first Registered. */
  readonly registrationDates?: {
    readonly firstPromptAt: Date | null;
    readonly confirmedAt: Date | null;
    readonly forcedAt: Date | null;
    readonly registeredAt: Date | null;
  };
  readonly roles: readonly AdminRole[];
  /** When an admin set a temporary password not used yet (SPEC §10: unused, it expires after 72 h); else null. */
  readonly temporaryPasswordAt?: Date | null;
}

/** The combined read: the directory's entry and Sandi's account state of one person. */
export interface UserAccount extends DirectoryEntry, AccountState {
  /**
   * Set on a password session's user when the built-in password is past `password.maxAgeDays` (with
   * `mustChangePassword`): derived from the policy at each request, never stored (sign-in/expired-password.ts).
   */
  readonly passwordExpired?: boolean;
}

/** The combined read under its foundation-era name, kept so branches written before the split still compile. */
export type DirectoryUser = UserAccount;

/** Joins an entry and its account state into the combined read. */
export function toUserAccount(entry: DirectoryEntry, account: AccountState): UserAccount {
  return { ...entry, ...account, entryId: entry.entryId };
}

/** Privileged users always get the admin policy (SPEC §2). */
export function isPrivileged(user: Pick<AccountState, "roles">): boolean {
  return user.roles.length > 0;
}
