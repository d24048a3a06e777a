import { describe, expect, it } from "vitest";
import { secondsAfter, secondsBefore } from "../../src/lib/time.js";

describe("secondsAfter and secondsBefore", () => {
  const instant = new Date("2026-11-27T03:00:00.000Z");
  it("move an instant by whole and fractional seconds without touching the original", () => {
    expect(secondsAfter(instant, 300).toISOString()).toBe("2026-11-27T03:05:00.000Z");
    expect(secondsBefore(instant, 0.5).toISOString()).toBe("2026-11-27T02:59:59.500Z");
    expect(instant.toISOString()).toBe("2026-11-27T03:00:00.000Z");
  });
});
