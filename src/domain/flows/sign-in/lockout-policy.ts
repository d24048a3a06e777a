/** SPEC §8.3's sign-in smart lockout as pure steps over one typed ID's record: count, lock, double, forget. */
import { secondsAfter } from "../../../lib/time.js";
import type { SignInLockout } from "../../ports.js";

/** The settable part of SPEC §8.3 (config `signIn`). */
export interface LockoutSettings {
  /** Consecutive failures before the first lock (settable 3–50). */
  readonly lockoutThreshold: number;
  /** Length of the first lock (settable 60–3,600 s). */
  readonly firstLockoutSeconds: number;
}

/** A lock never lasts longer than an hour, however often it doubled. */
export const MAX_LOCK_SECONDS = 3600;
/** The NIST SP 800-63B ceiling: this many consecutive failures lock the account until it is unlocked. */
export const HARD_LOCK_FAILURES = 100;
/** A day without a failure forgets the counter, its lock level and the wrong-password HMACs. */
export const COUNTER_RESET_SECONDS = 24 * 3600;
/** How many distinct wrong passwords are remembered (as keyed HMACs). */
export const RECENT_WRONG_KEPT = 3;

/** What counting one failure did. */
export interface CountedFailure {
  readonly lockout: SignInLockout;
  /** This failure started a lock (the first at the threshold, or a doubled one after it). */
  readonly lockStarted: boolean;
  /** The counter has reached HARD_LOCK_FAILURES: the account itself must be locked. */
  readonly hardLockReached: boolean;
}

/** A record with nothing counted. */
export function emptyLockout(key: string): SignInLockout {
  return { key, failures: 0, lockLevel: 0, lockedUntil: null, lastFailureAt: null, recentWrong: [] };
}

/** The record as it stands at `now`: after 24 h without a failure, a fresh one (HMACs erased too). */
export function currentLockout(stored: SignInLockout | null, key: string, now: Date): SignInLockout {
  if (stored === null) return emptyLockout(key);
  const last = stored.lastFailureAt;
  if (last !== null && now.getTime() - last.getTime() >= COUNTER_RESET_SECONDS * 1000) return emptyLockout(key);
  return stored;
}

/** True while a lock is running; when it ends the counter is kept (SPEC §8.4). */
export function isLocked(lockout: SignInLockout, now: Date): boolean {
  return lockout.lockedUntil !== null && now.getTime() < lockout.lockedUntil.getTime();
}

/** Whole minutes left on the lock, at least 1: the {n} of the shared message. */
export function minutesLeft(lockout: SignInLockout, now: Date): number {
  const milliseconds = (lockout.lockedUntil?.getTime() ?? now.getTime()) - now.getTime();
  return Math.max(1, Math.ceil(milliseconds / 60_000));
}

/** Length of the lock at `lockLevel` (1 = first): the first lock, doubled each level, capped at an hour. */
export function lockSeconds(settings: LockoutSettings, lockLevel: number): number {
  const doublings = Math.max(0, lockLevel - 1);
  // Doubling past the cap would overflow towards Infinity; stop as soon as the cap is reached.
  if (doublings >= 12) return MAX_LOCK_SECONDS;
  return Math.min(settings.firstLockoutSeconds * 2 ** doublings, MAX_LOCK_SECONDS);
}

/** True when this wrong password (its keyed HMAC, hex) was among the last ones counted: it does not count again. */
export function isRepeatedWrongPassword(lockout: SignInLockout, passwordHmac: string): boolean {
  return lockout.recentWrong.includes(passwordHmac);
}

/** Counts one failure at `now`; from the threshold on, each failure locks again for double the previous time. */
export function countFailure(lockout: SignInLockout, settings: LockoutSettings, now: Date): CountedFailure {
  const failures = lockout.failures + 1;
  const counted = { ...lockout, failures, lastFailureAt: now };
  const hardLockReached = failures >= HARD_LOCK_FAILURES;
  if (failures < settings.lockoutThreshold) return { lockout: counted, lockStarted: false, hardLockReached };
  const lockLevel = lockout.lockLevel + 1;
  const lockedUntil = secondsAfter(now, lockSeconds(settings, lockLevel));
  return { lockout: { ...counted, lockLevel, lockedUntil }, lockStarted: true, hardLockReached };
}

/** Remembers a wrong password's HMAC, newest first, keeping the last RECENT_WRONG_KEPT distinct ones. */
export function rememberWrongPassword(lockout: SignInLockout, passwordHmac: string): SignInLockout {
  const others = lockout.recentWrong.filter((known) => known !== passwordHmac);
  return { ...lockout, recentWrong: [passwordHmac, ...others].slice(0, RECENT_WRONG_KEPT) };
}
