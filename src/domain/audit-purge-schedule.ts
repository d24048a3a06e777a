/**
 * When the audit retention purge runs (SPEC §11.4: daily at 03:00 organisation time). Each instance purges once per
 * organisation day, a day that starts at 03:00 local time; the purge is idempotent, so two instances both running it
 * cost a second read and delete nothing more. Pure: the caller brings the times and the zone.
 */

/** The local hour the organisation's purge day starts at. */
export const AUDIT_PURGE_HOUR = 3;

const HOUR_MILLISECONDS = 3_600_000;

/** The purge day `instant` belongs to: the organisation-local calendar date three hours before it (`2026-12-07`). */
export function auditPurgeDay(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() - AUDIT_PURGE_HOUR * HOUR_MILLISECONDS);
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    shifted,
  );
}

/**
 * Whether a purge is due at `now`: none has run since the last 03:00 local. A process that has not purged yet
 * (`lastPurgeAt` null) purges at its first housekeeping run, whatever the hour: a restart must not skip a day.
 */
export function isAuditPurgeDue(lastPurgeAt: Date | null, now: Date, timeZone: string): boolean {
  return lastPurgeAt === null || auditPurgeDay(lastPurgeAt, timeZone) !== auditPurgeDay(now, timeZone);
}
