/** UUIDv7 layout (RFC 9562): timestamp first, version and variant bits fixed, ids sorting by time. */
import { describe, expect, it } from "vitest";
import { createSecureRandom, type Random } from "../../src/lib/random.js";
import { uuidv7 } from "../../src/lib/uuidv7.js";

const fixedRandom = (fill: number): Random => ({
  bytes: (count) => new Uint8Array(count).fill(fill),
  integerBelow: () => 0,
});

describe("uuidv7", () => {
  it("puts the millisecond timestamp in the first 48 bits", () => {
    const time = new Date("2026-03-02T08:00:00.123Z");
    const id = uuidv7(time, fixedRandom(0));
    expect(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(time.getTime());
  });

  it("sets version 7 and the RFC 9562 variant, whatever the random bytes", () => {
    for (const fill of [0x00, 0xff]) {
      const id = uuidv7(new Date(0), fixedRandom(fill));
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(uuidv7(new Date(0), fixedRandom(0xff))).toBe("00000000-0000-7fff-bfff-ffffffffffff");
  });

  it("sorts by time", () => {
    const random = createSecureRandom();
    const earlier = uuidv7(new Date("2026-01-01T00:00:00.000Z"), random);
    const later = uuidv7(new Date("2026-01-01T00:00:00.001Z"), random);
    expect(earlier < later).toBe(true);
  });

  it("refuses times outside 48 bits", () => {
    expect(() => uuidv7(new Date(-1), fixedRandom(0))).toThrow(RangeError);
    expect(() => uuidv7(new Date(Number.NaN), fixedRandom(0))).toThrow(RangeError);
  });
});
