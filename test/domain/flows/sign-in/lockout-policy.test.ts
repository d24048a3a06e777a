/** SPEC §8.3's smart lockout as pure steps: threshold, doubling to the 1 h cap, repeated passwords, 24 h reset, hard lock. */
import { describe, expect, it } from "vitest";
import {
  COUNTER_RESET_SECONDS,
  countFailure,
  currentLockout,
  emptyLockout,
  HARD_LOCK_FAILURES,
  isLocked,
  isRepeatedWrongPassword,
  lockSeconds,
  minutesLeft,
  rememberWrongPassword,
} from "../../../../src/domain/flows/sign-in/lockout-policy.js";
import type { SignInLockout } from "../../../../src/domain/ports.js";

const SETTINGS = { lockoutThreshold: 10, firstLockoutSeconds: 60 };
const T0 = new Date("2026-03-02T08:00:00Z");
const later = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

/** Counts `times` failures, each one just after the previous lock ended; returns every lock's length. */
function failRepeatedly(times: number, settings = SETTINGS): { lockout: SignInLockout; lockLengths: number[] } {
  let lockout = emptyLockout("alice@example.com");
  let now = T0;
  const lockLengths: number[] = [];
  for (let index = 0; index < times; index++) {
    if (lockout.lockedUntil !== null && now < lockout.lockedUntil) now = lockout.lockedUntil;
    const counted = countFailure(lockout, settings, now);
    lockout = counted.lockout;
    if (counted.lockStarted && lockout.lockedUntil !== null)
      lockLengths.push((lockout.lockedUntil.getTime() - now.getTime()) / 1000);
  }
  return { lockout, lockLengths };
}

describe("sign-in lockout policy", () => {
  it("locks nothing below the threshold and locks for 60 s at the 10th failure", () => {
    const nine = failRepeatedly(9).lockout;
    expect(nine.failures).toBe(9);
    expect(nine.lockedUntil).toBeNull();
    const counted = countFailure(nine, SETTINGS, T0);
    expect(counted.lockStarted).toBe(true);
    expect(counted.lockout.lockedUntil).toEqual(later(60));
    expect(isLocked(counted.lockout, later(59))).toBe(true);
    expect(isLocked(counted.lockout, later(60))).toBe(false);
  });

  it("doubles each further lock, 60 → 120 → … → 3600 s, and never passes the 1 h cap", () => {
    const { lockLengths } = failRepeatedly(20);
    expect(lockLengths).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600, 3600]);
    expect(lockSeconds(SETTINGS, 1000)).toBe(3600);
  });

  it("honours the settable threshold and first lock", () => {
    const { lockLengths } = failRepeatedly(5, { lockoutThreshold: 3, firstLockoutSeconds: 600 });
    expect(lockLengths).toEqual([600, 1200, 2400]);
  });

  it("keeps the counter when a lock ends (SPEC §8.4)", () => {
    const { lockout } = failRepeatedly(10);
    expect(isLocked(lockout, later(3600))).toBe(false);
    expect(currentLockout(lockout, lockout.key, later(3600)).failures).toBe(10);
  });

  it("forgets the counter, the lock level and the HMACs after 24 h without a failure", () => {
    const { lockout } = failRepeatedly(12);
    const remembered = rememberWrongPassword(lockout, "aa");
    const last = remembered.lastFailureAt ?? T0;
    const justBefore = new Date(last.getTime() + COUNTER_RESET_SECONDS * 1000 - 1);
    expect(currentLockout(remembered, remembered.key, justBefore)).toBe(remembered);
    const after = new Date(last.getTime() + COUNTER_RESET_SECONDS * 1000);
    expect(currentLockout(remembered, remembered.key, after)).toEqual(emptyLockout(remembered.key));
  });

  it("remembers the last 3 distinct wrong passwords; a repeat is known and not stored twice", () => {
    let lockout = emptyLockout("bob@example.com");
    for (const hmac of ["aa", "bb", "cc", "bb"]) lockout = rememberWrongPassword(lockout, hmac);
    expect(lockout.recentWrong).toEqual(["bb", "cc", "aa"]);
    expect(isRepeatedWrongPassword(lockout, "aa")).toBe(true);
    lockout = rememberWrongPassword(lockout, "dd");
    expect(lockout.recentWrong).toEqual(["dd", "bb", "cc"]);
    expect(isRepeatedWrongPassword(lockout, "aa")).toBe(false);
  });

  it("reaches the hard lock at 100 consecutive failures, not before", () => {
    const { lockout } = failRepeatedly(HARD_LOCK_FAILURES - 1);
    expect(countFailure(emptyLockout("x"), SETTINGS, T0).hardLockReached).toBe(false);
    const last = lockout.lockedUntil ?? T0;
    expect(lockout.failures).toBe(99);
    expect(countFailure(lockout, SETTINGS, last).hardLockReached).toBe(true);
  });

  it("shows whole minutes left, at least one", () => {
    const locked = { ...emptyLockout("c"), lockedUntil: later(61) };
    expect(minutesLeft(locked, T0)).toBe(2);
    expect(minutesLeft(locked, later(60))).toBe(1);
  });
});
