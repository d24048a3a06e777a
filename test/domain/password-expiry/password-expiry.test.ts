/**
 * The pure rules of password maximum age and expiry reminders (SPEC §3, §15.5). Threats: a password that outlives the
 * organisation's maximum age because the day arithmetic is off by one; a temporary password cut short by a short
 * maximum age; a reminder sent twice, or a burst of them after a missed day.
 */
import { describe, expect, it } from "vitest";
import {
  calendarDaysUntil,
  dueThreshold,
  isExpiredAt,
  isReminderRunDue,
  passwordExpiresAt,
} from "../../../src/domain/password-expiry/password-expiry.js";

const SET = new Date("2026-11-26T08:00:00Z");
const JAKARTA = "Asia/Jakarta";

describe("password expiry", () => {
  it("expires exactly maxAgeDays after the change, and is expired from that instant on", () => {
    const expiresAt = passwordExpiresAt({ passwordChangedAt: SET }, 30, "builtin");
    expect(expiresAt?.toISOString()).toBe("2026-12-26T08:00:00.000Z");
    expect(isExpiredAt(expiresAt, new Date("2026-12-26T07:59:00Z"))).toBe(false);
    expect(isExpiredAt(expiresAt, new Date("2026-12-26T08:00:00Z"))).toBe(true);
  });

  it("never expires with max age 0, outside the built-in directory, without a password, or under a temporary one", () => {
    expect(passwordExpiresAt({ passwordChangedAt: SET }, 0, "builtin")).toBeNull();
    expect(passwordExpiresAt({ passwordChangedAt: SET }, 30, "ldap")).toBeNull();
    expect(passwordExpiresAt({ passwordChangedAt: SET }, 30, "test")).toBeNull();
    expect(passwordExpiresAt({ passwordChangedAt: null }, 30, "builtin")).toBeNull();
    expect(passwordExpiresAt({ passwordChangedAt: SET, temporaryPasswordAt: SET }, 1, "builtin")).toBeNull();
    expect(isExpiredAt(null, new Date("2099-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("expiry reminders' calendar", () => {
  it("counts calendar days in the organisation's time zone", () => {
    // 15:00 WIB on 26 December: at 09:00 WIB on 12 December it is 14 days away; at 01:00 WIB on the 26th (still
    // the 25th in UTC) it is today in Jakarta and tomorrow in UTC.
    const expiresAt = new Date("2026-12-26T08:00:00Z");
    expect(calendarDaysUntil(expiresAt, new Date("2026-12-12T02:00:00Z"), JAKARTA)).toBe(14);
    expect(calendarDaysUntil(expiresAt, new Date("2026-12-25T18:00:00Z"), JAKARTA)).toBe(0);
    expect(calendarDaysUntil(expiresAt, new Date("2026-12-25T18:00:00Z"), "UTC")).toBe(1);
  });

  it("runs once a day from 09:00 organisation time", () => {
    expect(isReminderRunDue(null, new Date("2026-12-12T01:59:00Z"), JAKARTA)).toBe(false);
    expect(isReminderRunDue(null, new Date("2026-12-12T02:00:00Z"), JAKARTA)).toBe(true);
    const ranAt = new Date("2026-12-12T02:05:00Z");
    expect(isReminderRunDue(ranAt, new Date("2026-12-12T15:00:00Z"), JAKARTA)).toBe(false);
    expect(isReminderRunDue(ranAt, new Date("2026-12-13T01:59:00Z"), JAKARTA)).toBe(false);
    expect(isReminderRunDue(ranAt, new Date("2026-12-13T02:00:00Z"), JAKARTA)).toBe(true);
  });

  it("is due at each threshold once per password, and a late run sends the most urgent one only", () => {
    const thresholds = [14, 7, 1];
    const base = { thresholds, passwordChangedAt: SET };
    expect(dueThreshold({ ...base, daysLeft: 15, sent: null })).toBeNull();
    expect(dueThreshold({ ...base, daysLeft: 14, sent: null })).toBe(14);
    const sent14 = { passwordChangedAt: SET, thresholdDays: 14 };
    expect(dueThreshold({ ...base, daysLeft: 13, sent: sent14 })).toBeNull();
    expect(dueThreshold({ ...base, daysLeft: 7, sent: sent14 })).toBe(7);
    // Missed days: at 3 days left with nothing sent, one reminder (7), not 14 and 7 together.
    expect(dueThreshold({ ...base, daysLeft: 3, sent: null })).toBe(7);
    expect(dueThreshold({ ...base, daysLeft: 1, sent: { passwordChangedAt: SET, thresholdDays: 1 } })).toBeNull();
    // A new password starts over.
    const older = { passwordChangedAt: new Date("2026-01-01T00:00:00Z"), thresholdDays: 1 };
    expect(dueThreshold({ ...base, daysLeft: 14, sent: older })).toBe(14);
    expect(dueThreshold({ ...base, daysLeft: -1, sent: null })).toBeNull();
  });
});
