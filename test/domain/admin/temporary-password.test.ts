/**
 * Generated temporary passwords pass the password rules, the banned-password score included (SPEC §7, §10).
 * Threat: the helpdesk hands out a password that a user could never have chosen (one naming them, or too short
 * for the policy), or one that a later sign-in would call compromised.
 * @see issue 9 item 1
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { shippedBannedPasswordList } from "../../../src/compose-passwords.js";
import { generateAcceptedTemporaryPassword } from "../../../src/domain/admin/temporary-password.js";
import { checkNewPassword } from "../../../src/domain/policies/password-policy.js";
import { DEFAULT_POLICY } from "../../../src/domain/policies/sspr-policy.js";
import type { Random } from "../../../src/lib/random.js";

const bannedList = shippedBannedPasswordList();
const PERSON = { firstName: "Abcd", lastName: "Efgh", userId: "abcd@contoh.example", displayName: "Abcd Efgh" };

/** A seeded Random (mulberry32), so each fast-check seed is one reproducible stream that never cycles short. */
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

describe("generated temporary passwords", () => {
  test.prop([fc.integer()])("pass every check of the policy for the person they are made for", (seed) => {
    const rules = { policy: DEFAULT_POLICY.password, person: PERSON, organisationName: "Contoh", bannedList };
    const password = generateAcceptedTemporaryPassword(seededRandom(seed), rules);
    const context = { ...rules, userTerms: PERSON, confirmation: password };
    expect(checkNewPassword(password, context)).toEqual([]);
  });

  it("are as long as a policy minimum above 16", () => {
    const policy = { ...DEFAULT_POLICY.password, minLength: 24 };
    const rules = { policy, person: PERSON, organisationName: "Contoh", bannedList };
    const password = generateAcceptedTemporaryPassword(seededRandom(7), rules);
    expect(Array.from(password)).toHaveLength(24);
  });
});
