/** Temporary passwords (SPEC §10): 16 characters without look-alikes, at least one of each class. */
import type { Random } from "../../lib/random.js";

// No 0 O o 1 l I, and symbols that survive copy, paste and shells.
const CLASSES = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!#%+=?@*-"] as const;
const ALPHABET = CLASSES.join("");
const LENGTH = 16;

function hasEveryClass(candidate: string): boolean {
  return CLASSES.every((characters) => Array.from(characters).some((character) => candidate.includes(character)));
}

/** A fresh temporary password; shown once, never stored, logged or audited. */
export function generateTemporaryPassword(random: Random): string {
  for (;;) {
    let candidate = "";
    for (let index = 0; index < LENGTH; index++) candidate += ALPHABET[random.integerBelow(ALPHABET.length)] ?? "";
    // Rejection sampling keeps every accepted password equally likely.
    if (hasEveryClass(candidate)) return candidate;
  }
}
