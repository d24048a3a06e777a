/** Randomness as a port, so tests can pin it; the real one is the CSPRNG. */
import { randomBytes, randomFillSync, randomInt } from "node:crypto";

export interface Random {
  /** `count` uniformly random bytes. */
  bytes(count: number): Uint8Array;
  /** A uniform integer in [0, maxExclusive). */
  integerBelow(maxExclusive: number): number;
}

/** Bytes drawn from the CSPRNG at once; a request takes a few dozen, in several small calls. */
const POOL_BYTES = 4096;

/**
 * The operating system's CSPRNG, drawn in 4 KiB blocks: one call into OpenSSL per block instead of one per token
 * (the benchmark's profile showed the per-call cost). Each byte is handed out once and wiped from the pool.
 */
export function createSecureRandom(): Random {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return {
    bytes(count) {
      if (count > POOL_BYTES / 4) return new Uint8Array(randomBytes(count));
      if (offset + count > pool.length) {
        pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
        offset = 0;
      }
      const drawn = new Uint8Array(pool.subarray(offset, offset + count));
      pool.fill(0, offset, offset + count);
      offset += count;
      return drawn;
    },
    integerBelow: (maxExclusive) => randomInt(maxExclusive),
  };
}

/** `length` uniform decimal digits, leading zeros kept. */
export function randomDigits(random: Random, length: number): string {
  let digits = "";
  for (let index = 0; index < length; index++) digits += String(random.integerBelow(10));
  return digits;
}

const SUPPORT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I: read aloud on the phone

/** An 8-character support code such as `K7QF-2M9D`. */
export function randomSupportCode(random: Random): string {
  let code = "";
  for (let index = 0; index < 8; index++) code += SUPPORT_ALPHABET.charAt(random.integerBelow(SUPPORT_ALPHABET.length));
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
