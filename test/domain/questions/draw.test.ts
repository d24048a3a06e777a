/** The gate's random draw of `toReset` questions, and the fixed stand-in set of an unknown user ID (SPEC §4.6). */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  canDrawQuestions,
  drawQuestions,
  indicesFromBytes,
  inertDrawInput,
  inertQuestionSet,
} from "../../../src/domain/questions/draw.js";
import type { Random } from "../../../src/lib/random.js";

/** A seeded Random (mulberry32), so each fast-check seed is one reproducible stream. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    integerBelow: (maxExclusive) => Math.floor(next() * maxExclusive),
    bytes: (count) => Uint8Array.from({ length: count }, () => Math.floor(next() * 256)),
  };
}

const userSet = fc.uniqueArray(fc.stringMatching(/^(b[0-3][0-9]|c-[a-z]{1,6})$/), { minLength: 3, maxLength: 5 });

describe("drawQuestions", () => {
  test.prop([userSet, fc.integer({ min: 3, max: 5 }), fc.integer()])(
    "draws toReset distinct questions of the user's set (all of a smaller set)",
    (set, toReset, seed) => {
      const drawn = drawQuestions(set, toReset, seededRandom(seed));
      expect(drawn).toHaveLength(Math.min(toReset, set.length));
      expect(new Set(drawn).size).toBe(drawn.length);
      for (const id of drawn) expect(set).toContain(id);
    },
  );

  it("reaches every question of the set (a fresh draw after a wrong set is not always the same one)", () => {
    const set = ["b01", "b02", "b03", "b04", "b05"];
    const seen = new Set<string>();
    const random = seededRandom(42);
    for (let round = 0; round < 50; round++) for (const id of drawQuestions(set, 3, random)) seen.add(id);
    expect([...seen].sort()).toEqual(set);
  });

  it("counts a set smaller than toReset as unusable", () => {
    expect(canDrawQuestions(3, 3)).toBe(true);
    expect(canDrawQuestions(3, 4)).toBe(false);
  });
});

describe("indicesFromBytes", () => {
  test.prop([
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
    fc.integer({ min: 1, max: 55 }),
    fc.integer({ min: 1, max: 5 }),
  ])("gives min(count, size) distinct indices below size, the same for the same bytes", (bytes, size, count) => {
    const indices = indicesFromBytes(bytes, size, count);
    expect(indices).toHaveLength(Math.min(count, size));
    expect(new Set(indices).size).toBe(indices.length);
    for (const index of indices) expect(index).toBeLessThan(size);
    expect(indicesFromBytes(bytes, size, count)).toEqual(indices);
  });

  it("reads one big-endian 16-bit word per step", () => {
    // 0x0102 % 10 = 8 → item 8; 0x0003 % 9 = 3 → item 3 of [0..7, 9].
    expect(indicesFromBytes(Uint8Array.of(1, 2, 0, 3), 10, 2)).toEqual([8, 3]);
  });

  it("refuses too few bytes", () => {
    expect(() => indicesFromBytes(new Uint8Array(3), 10, 2)).toThrow(RangeError);
  });
});

describe("inertQuestionSet", () => {
  const key = new Uint8Array(32).fill(7);
  const pool = Array.from({ length: 35 }, (_, index) => `b${String(index + 1).padStart(2, "0")}`);

  it("is toRegister distinct pool questions, the same on every attempt for one user ID", () => {
    const set = inertQuestionSet(key, "nobody@contoh.example", pool, 5);
    expect(set).toHaveLength(5);
    expect(new Set(set).size).toBe(5);
    for (const id of set) expect(pool).toContain(id);
    expect(inertQuestionSet(key, "nobody@contoh.example", pool, 5)).toEqual(set);
  });

  it("differs between user IDs and between server keys", () => {
    const sets = new Set(
      Array.from({ length: 20 }, (_, index) => inertQuestionSet(key, `ghost-${String(index)}`, pool, 5).join()),
    );
    expect(sets.size).toBeGreaterThan(15);
    const otherKey = new Uint8Array(32).fill(8);
    expect(inertQuestionSet(otherKey, "nobody", pool, 5)).not.toEqual(inertQuestionSet(key, "nobody", pool, 5));
  });

  it("labels its HMAC input", () => {
    expect(inertDrawInput("budi")).toBe("sandi-inert-questions:budi");
  });
});
