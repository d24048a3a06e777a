/** SPEC §11.4: the audit purge runs daily at 03:00 organisation time; the day boundary is 03:00 in the org's zone. */
import { describe, expect, it } from "vitest";
import { auditPurgeDay, isAuditPurgeDue } from "../../src/domain/audit-purge-schedule.js";

describe("the audit purge schedule", () => {
  it("starts the organisation's purge day at 03:00 local time", () => {
    // Jakarta is UTC+7: 02:59 local is 19:59 UTC the day before; 03:00 local is 20:00 UTC.
    expect(auditPurgeDay(new Date("2026-12-06T19:59:00Z"), "Asia/Jakarta")).toBe("2026-12-06");
    expect(auditPurgeDay(new Date("2026-12-06T20:00:00Z"), "Asia/Jakarta")).toBe("2026-12-07");
    expect(auditPurgeDay(new Date("2026-12-07T02:59:00Z"), "UTC")).toBe("2026-12-06");
  });

  it("is due at the first run, then once after each 03:00 local", () => {
    const ranAt = new Date("2026-12-06T21:00:00Z"); // 04:00 in Jakarta
    expect(isAuditPurgeDue(null, ranAt, "Asia/Jakarta")).toBe(true);
    expect(isAuditPurgeDue(ranAt, new Date("2026-12-07T19:59:00Z"), "Asia/Jakarta")).toBe(false);
    expect(isAuditPurgeDue(ranAt, new Date("2026-12-07T20:00:00Z"), "Asia/Jakarta")).toBe(true);
  });
});
