/** Days in a time zone: a typed date starts at the zone's midnight, across daylight saving too; a non-date is null. */
import { describe, expect, it } from "vitest";
import { endOfDayIn, startOfDayIn } from "../../src/lib/zoned-day.js";

describe("startOfDayIn and endOfDayIn", () => {
  it("7 December starts at 00:00 WIB in Jakarta, 17:00 UTC the day before, and at midnight in UTC", () => {
    expect(startOfDayIn("2026-12-07", "Asia/Jakarta")?.toISOString()).toBe("2026-12-06T17:00:00.000Z");
    expect(endOfDayIn("2026-12-07", "Asia/Jakarta")?.toISOString()).toBe("2026-12-07T17:00:00.000Z");
    expect(startOfDayIn("2026-12-07", "UTC")?.toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(endOfDayIn("2026-12-31", "UTC")?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("follows daylight saving: New York's day of the spring change is 23 hours long", () => {
    const start = startOfDayIn("2026-03-08", "America/New_York");
    const end = endOfDayIn("2026-03-08", "America/New_York");
    expect(start?.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(end?.toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  it("a date that is not a real day is null", () => {
    for (const typed of ["2026-02-30", "2026-13-01", "yesterday", "7/12/2026", "", "2026-12-7"])
      expect(startOfDayIn(typed, "Asia/Jakarta"), typed).toBeNull();
    expect(endOfDayIn("2026-02-30", "UTC")).toBeNull();
  });
});
