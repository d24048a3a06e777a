/** Retry backoff: 30 s doubling to a 1 h cap, with ±20 % jitter drawn from the injected Random. */
import { describe, expect, it } from "vitest";
import type { Random } from "../../src/domain/ports.js";
import { retryDelaySeconds } from "../../src/notify/outbox-worker.js";

function fixedRandom(pick: (maxExclusive: number) => number): Random {
  return { bytes: (count) => new Uint8Array(count), integerBelow: pick };
}
const middle = fixedRandom((max) => Math.floor(max / 2));
const lowest = fixedRandom(() => 0);
const highest = fixedRandom((max) => max - 1);

describe("retryDelaySeconds", () => {
  it("doubles from 30 seconds and stops at one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 50].map((attempt) => retryDelaySeconds(attempt, middle))).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
  });

  it("jitters by at most 20 % either way", () => {
    expect(retryDelaySeconds(1, lowest)).toBe(24);
    expect(retryDelaySeconds(1, highest)).toBe(36);
    expect(retryDelaySeconds(10, lowest)).toBe(2880);
    expect(retryDelaySeconds(10, highest)).toBe(4320);
  });

  // Threat to availability: after a gateway outage every queued message returning in the same second.
  it("spreads retries of the same attempt", () => {
    let next = 0;
    const cycling = fixedRandom((max) => (next = (next + 37) % max));
    const delays = new Set(Array.from({ length: 20 }, () => retryDelaySeconds(3, cycling)));
    expect(delays.size).toBeGreaterThan(10);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(96);
    expect(Math.max(...delays)).toBeLessThanOrEqual(144);
  });
});
