/**
 * Password maximum age (SPEC §3 `password.maxAgeDays`, built-in directory only) and when its reminders fall due
 * (SPEC §15.5). A password expires `maxAgeDays` whole days after it was set; at that instant and after, it no longer
 * reaches the account without being changed. Pure: the caller brings the times, the policy and the zone.
 *
 * LDAP and AD expiry (`pwdMaxAge`, `maxPwdAge`) is read from the directory, which Sandi does not connect to yet:
 * for any directory but the built-in one there is no expiry here.
 */
import type { Directory } from "../ports.js";
import type { SentReminder } from "./expiry-reminder-ports.js";
import type { UserAccount } from "../users.js";

const DAY_MILLISECONDS = 86_400_000;

/** The local hour the daily reminder run starts at, in the organisation's time zone (SPEC §15.5). */
export const EXPIRY_REMINDER_HOUR = 9;

/** What expiry reads of a user: when the password was set, and whether an admin's temporary password stands. */
export type ExpiryFacts = Pick<UserAccount, "passwordChangedAt"> & Partial<Pick<UserAccount, "temporaryPasswordAt">>;

/**
 * When the user's password expires, or null when it never does: maximum age 0, a directory other than the built-in
 * one (its own policy decides), no password set, or an admin's unused temporary password, which has its own 72 h
 * rule (temporary-password-expiry.ts) and must not expire sooner under a short maximum age.
 */
export function passwordExpiresAt(
  user: ExpiryFacts,
  maxAgeDays: number,
  directoryKind: Directory["kind"],
): Date | null {
  if (maxAgeDays <= 0 || directoryKind !== "builtin") return null;
  if (user.passwordChangedAt === null || (user.temporaryPasswordAt ?? null) !== null) return null;
  return new Date(user.passwordChangedAt.getTime() + maxAgeDays * DAY_MILLISECONDS);
}

/** True from the instant of expiry on (changed at + max age <= now). */
export function isExpiredAt(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() <= now.getTime();
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-12-07`: the calendar date of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** The hour (0–23) of `instant` in `timeZone`. */
function localHour(instant: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(instant);
  return Number(hour);
}

/** Whole calendar days from `now`'s local date to `expiresAt`'s (0 when it expires later today). */
export function calendarDaysUntil(expiresAt: Date, now: Date, timeZone: string): number {
  const from = Date.parse(`${localDate(now, timeZone)}T00:00:00Z`);
  const to = Date.parse(`${localDate(expiresAt, timeZone)}T00:00:00Z`);
  return Math.round((to - from) / DAY_MILLISECONDS);
}

/**
 * Whether the daily reminder run is due at `now`: it is 09:00 or later, organisation time, and this process has not
 * run since today's 09:00. Two instances, or a restart, may both run on one day: what was sent is recorded, so the
 * second run sends nothing again.
 */
export function isReminderRunDue(lastRunAt: Date | null, now: Date, timeZone: string): boolean {
  if (localHour(now, timeZone) < EXPIRY_REMINDER_HOUR) return false;
  if (lastRunAt === null) return true;
  const lastRunDay = localDate(new Date(lastRunAt.getTime() - EXPIRY_REMINDER_HOUR * 3_600_000), timeZone);
  return lastRunDay !== localDate(now, timeZone);
}

/**
 * The threshold (one of `thresholds`, in days) a reminder is due for, or null. It is the smallest threshold at or
 * above the days left, so a run a day late, or a maximum age lowered past several thresholds, sends one reminder (the
 * most urgent), not a burst. Nothing is due when a reminder at that threshold or a closer one was already sent for
 * this password; a new password (another `passwordChangedAt`) starts over.
 */
export function dueThreshold(input: {
  daysLeft: number;
  thresholds: readonly number[];
  passwordChangedAt: Date;
  sent: SentReminder | null;
}): number | null {
  const { daysLeft, sent } = input;
  if (daysLeft < 0) return null;
  const reached = input.thresholds.filter((days) => days >= daysLeft);
  if (reached.length === 0) return null;
  const threshold = Math.min(...reached);
  const sameSentPassword = sent !== null && sent.passwordChangedAt.getTime() === input.passwordChangedAt.getTime();
  if (sameSentPassword && sent.thresholdDays <= threshold) return null;
  return threshold;
}
