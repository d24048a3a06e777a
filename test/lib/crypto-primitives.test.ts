/** The crypto helpers give the standard answers, also on the second call with a key (its KeyObject is cached). */
import { describe, expect, it } from "vitest";
import { hmacSha256 } from "../../src/lib/crypto/sha256.js";
import { createSecureRandom } from "../../src/lib/random.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("hmacSha256", () => {
  it("matches RFC 4231 test case 2, on the first and on later calls with the same key", () => {
    const key = new TextEncoder().encode("Jefe");
    const expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    expect(hex(hmacSha256(key, "what do ya want for nothing?"))).toBe(expected);
    expect(hex(hmacSha256(key, "what do ya want for nothing?"))).toBe(expected);
    expect(hex(hmacSha256(new TextEncoder().encode("Jefe2"), "what do ya want for nothing?"))).not.toBe(expected);
  });
});

describe("createSecureRandom", () => {
  it("never hands out the same bytes twice, across pool refills", () => {
    const random = createSecureRandom();
    const seen = new Set<string>();
    for (let index = 0; index < 2000; index++) seen.add(hex(random.bytes(16)));
    expect(seen.size).toBe(2000);
  });

  it("returns exactly the bytes asked for, small and large, each a copy the caller owns", () => {
    const random = createSecureRandom();
    const small = random.bytes(7);
    const large = random.bytes(5000);
    expect(small).toHaveLength(7);
    expect(large).toHaveLength(5000);
    const before = hex(small);
    random.bytes(32);
    expect(hex(small)).toBe(before);
  });

  it("spreads bytes evenly (no byte value more than twice its expected share in 64 KiB)", () => {
    const random = createSecureRandom();
    const counts = new Array<number>(256).fill(0);
    for (let index = 0; index < 4096; index++)
      for (const byte of random.bytes(16)) counts[byte] = (counts[byte] ?? 0) + 1;
    expect(Math.max(...counts)).toBeLessThan(2 * (65536 / 256));
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });
});
