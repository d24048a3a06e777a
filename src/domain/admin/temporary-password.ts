/**
 * Temporary passwords (SPEC §10): 16 characters without look-alikes, at least one of each class, and passing the
 * password rules like any other password (SPEC §7: every password an admin or the CLI sets or generates).
 */
import type { Random } from "../../lib/random.js";
import type { BannedPasswordList } from "../passwords/banned-list.js";
import { checkNewPassword, type PasswordPolicy, type PasswordUserTerms } from "../policies/password-policy.js";

// No 0 O o 1 l I, and symbols that survive copy, paste and shells.
const CLASSES = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!#%+=?@*-"] as const;
const ALPHABET = CLASSES.join("");
const DEFAULT_LENGTH = 16;

function hasEveryClass(candidate: string): boolean {
  return CLASSES.every((characters) => Array.from(characters).some((character) => candidate.includes(character)));
}

/**
 * A fresh temporary password that `isAccepted` (the policy's checks for this user) passes; shown once, never
 * stored, logged or audited. A random 16-character string almost always passes, so the loop rarely turns twice.
 */
export function generateTemporaryPassword(
  random: Random,
  rules: { length: number; isAccepted: (candidate: string) => boolean },
): string {
  for (;;) {
    let candidate = "";
    for (let index = 0; index < rules.length; index++)
      candidate += ALPHABET[random.integerBelow(ALPHABET.length)] ?? "";
    // Rejection sampling keeps every accepted password equally likely.
    if (hasEveryClass(candidate) && rules.isAccepted(candidate)) return candidate;
  }
}

/** What a temporary password for one person is checked against. */
export interface TemporaryPasswordRules {
  readonly policy: PasswordPolicy;
  readonly person: PasswordUserTerms;
  readonly organisationName: string;
  readonly bannedList: BannedPasswordList;
}

/** A temporary password for `person` that passes the policy's every check, banned-password score included. */
export function generateAcceptedTemporaryPassword(random: Random, rules: TemporaryPasswordRules): string {
  const { policy, person, organisationName, bannedList } = rules;
  return generateTemporaryPassword(random, {
    // A policy minimum above 16 would refuse every 16-character password.
    length: Math.max(DEFAULT_LENGTH, policy.minLength),
    isAccepted: (candidate) =>
      checkNewPassword(candidate, {
        policy,
        userTerms: person,
        organisationName,
        bannedList,
        confirmation: candidate,
      }).length === 0,
  });
}
