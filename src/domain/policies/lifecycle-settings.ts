/**
 * The SPEC §3 settings about a password's and an event's life: expiry reminders, maximum password age, audit
 * retention, and the two LDAP writeback switches. Their checks and parsing, which of them no feature reads yet and
 * which act on built-in users only (the pages say so, so an admin never believes a setting works where it does not).
 * Pure.
 */

/** The parts of SsprPolicy these checks read (declared here: sspr-policy.ts imports this module). */
interface LifecycleParts {
  readonly notify: { readonly expiryReminderDays: readonly number[] };
  readonly password: { readonly maxAgeDays: number };
  readonly audit: { readonly retentionDays: number };
}

interface Violation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Settings stored and validated whose behaviour Sandi does not have yet: the LDAP-only switches (Sandi has no LDAP
 * directory yet). Each takes effect when its feature lands; the policy page marks them.
 */
export const SETTINGS_WITHOUT_EFFECT_YET: readonly string[] = ["password.applySandiRulesToDirectoryUsers", "writeback"];

/**
 * Settings that act on the built-in directory's users only for now: maximum age and the expiry reminders (SPEC §3,
 * §15.5). An LDAP or AD directory's own expiry is read when the LDAP adapter lands; the policy page says so.
 */
export const SETTINGS_FOR_BUILTIN_ONLY: readonly string[] = [
  "notify.expiryReminders",
  "notify.expiryReminderDays",
  "password.maxAgeDays",
];

const MAX_REMINDER_DAYS = 5;

function outOf(value: number, low: number, high: number): boolean {
  return !Number.isInteger(value) || value < low || value > high;
}

/** SPEC §3's ranges: up to 5 reminder days of 1–60, maximum age 0–365, retention 7–3,650. */
export function checkLifecycleSettings(policy: LifecycleParts): Violation[] {
  const violations: Violation[] = [];
  const days = policy.notify.expiryReminderDays;
  if (days.length > MAX_REMINDER_DAYS || days.some((day) => outOf(day, 1, 60)))
    violations.push({ rule: "range", path: "notify.expiryReminderDays", message: "up to 5 values, each 1–60" });
  if (outOf(policy.password.maxAgeDays, 0, 365))
    violations.push({ rule: "range", path: "password.maxAgeDays", message: "must be 0–365" });
  if (outOf(policy.audit.retentionDays, 7, 3650))
    violations.push({ rule: "range", path: "audit.retentionDays", message: "must be 7–3650" });
  return violations;
}

/**
 * `notify.expiryReminderDays`: a comma list of whole days, e.g. `14, 7, 1`; duplicates dropped, largest first; ""
 * or "none" empties it. Anything not a list of whole numbers is no value (range checks come after).
 */
export function parseReminderDays(value: string): number[] | undefined {
  if (value === "" || value === "none") return [];
  const parts = value.split(",").map((part) => part.trim());
  if (!parts.every((part) => /^\d{1,4}$/.test(part))) return undefined;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}
