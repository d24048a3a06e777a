/** Randomness as a port, so tests can pin it; the real one is the CSPRNG. */
import { randomBytes, randomInt } from "node:crypto";

export interface Random {
  /** `count` uniformly random bytes. */
  bytes(count: number): Uint8Array;
  /** A uniform integer in [0, maxExclusive). */
  integerBelow(maxExclusive: number): number;
}

/** The operating system's CSPRNG. */
export function createSecureRandom(): Random {
  return {
    bytes: (count) => new Uint8Array(randomBytes(count)),
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
