/** Users of the directory as the domain sees them, and the admin roles of SPEC §2. */
export const ADMIN_ROLES = [
  "global_admin",
  "user_admin",
  "helpdesk_admin",
  "password_admin",
  "reports_reader",
] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export type Language = "en" | "id";

export interface DirectoryUser {
  /** Stable internal reference (UUID); never shown to users. */
  readonly ref: string;
  /** Normalised user ID (`name@domain`). */
  readonly userId: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly enabled: boolean;
  /** An administrator's lock, or the hard lock after 100 sign-in failures. */
  readonly adminLocked: boolean;
  readonly securityHold: boolean;
  readonly passwordChangedAt: Date | null;
  readonly mustChangePassword: boolean;
  readonly preferredLanguage: Language | null;
  readonly roles: readonly AdminRole[];
  /** Names of the groups the user belongs to. */
  readonly groups: readonly string[];
}

/** Privileged users always get the admin policy (SPEC §2). */
export function isPrivileged(user: DirectoryUser): boolean {
  return user.roles.length > 0;
}
