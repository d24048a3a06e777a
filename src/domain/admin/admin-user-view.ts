/** A user as the admin services show them (its own file, so the admin ports can share it without a cycle). */
import type { AdminRole, Language } from "../users.js";

/** A user as an administrator sees them; never the password hash. */
export interface AdminUserView {
  readonly ref: string;
  readonly userId: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly enabled: boolean;
  readonly adminLockedAt: Date | null;
  readonly securityHoldAt: Date | null;
  readonly hasPassword: boolean;
  readonly passwordChangedAt: Date | null;
  readonly mustChangePassword: boolean;
  readonly preferredLanguage: Language | null;
  readonly isDemo: boolean;
  readonly createdAt: Date;
  /** Every role held, whatever its scope (each once). */
  readonly roles: readonly AdminRole[];
  /** The groups the user is a direct member of. */
  readonly groups: readonly string[];
  /** Every group the user is in, nested ones too (to depth 10): what a scoped admin role is checked against. */
  readonly memberOf: readonly string[];
}
