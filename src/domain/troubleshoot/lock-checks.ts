/** Checks 8 (SSPR counters A1–A4) and 9 (locks) of SPEC §13.1. Pure. */
import { isLocked } from "../flows/sign-in/lockout-policy.js";
import { ACCOUNT_LIMITS, blockReasonOf } from "../policies/attempt-policy.js";
import { type CheckResult, type Finding, finding, needsAccount, result } from "./diagnosis.js";
import type { DiagnosisFacts } from "./diagnosis-facts.js";

/** A counter one hit short of its limit is worth a warning: the next failure blocks SSPR for 24 h. */
const NEAR_LIMIT_MARGIN = 1;

/** Check 8: each counter's hits in its window; an active block (301–304) until its end. */
export function ssprCounters(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("sspr_counters");
  const { counters, block } = facts.account;
  const findings: Finding[] = counters.map((reading) => {
    const limits = ACCOUNT_LIMITS[reading.counter];
    return finding("counter", {
      counter: reading.counter,
      hits: reading.hits,
      limit: limits.limit,
      window: limits.windowSeconds / 60,
    });
  });
  if (block !== null && block.until > facts.now) {
    const blocked = finding(
      "blocked_until",
      { counter: block.counter, time: block.until },
      blockReasonOf(block.counter),
    );
    return result("sspr_counters", "fail", [...findings, blocked], "clear_block", "clear_block");
  }
  const near = counters.some((reading) => reading.hits >= ACCOUNT_LIMITS[reading.counter].limit - NEAR_LIMIT_MARGIN);
  if (near) return result("sspr_counters", "warn", findings, "watch_counters", "clear_block");
  return result("sspr_counters", "pass", findings);
}

/** Check 9: Sandi's sign-in lockout (and its growth level), the admin lock, the directory's own lock. */
export function locks(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("locks");
  const { user, lockout, directoryLock } = facts.account;
  const findings: Finding[] = [];
  let locked = false;
  if (user.adminLocked) {
    findings.push(finding("admin_locked", {}, "SND-411"));
    locked = true;
  }
  if (lockout !== null && isLocked(lockout, facts.now)) {
    const until = lockout.lockedUntil ?? facts.now;
    findings.push(finding("signin_locked", { time: until, level: lockout.lockLevel }, "SND-307"));
    locked = true;
  } else if (lockout !== null && lockout.failures > 0) {
    findings.push(finding("signin_failures", { count: lockout.failures, level: lockout.lockLevel }));
  }
  if (!facts.directory.capabilities.canUnlock) findings.push(finding("directory_no_lock"));
  else if (directoryLock.locked) {
    findings.push(
      directoryLock.until === null
        ? finding("directory_locked")
        : finding("directory_locked_until", { time: directoryLock.until }),
    );
    locked = true;
  }
  if (locked) return result("locks", "fail", findings, "unlock", "unlock");
  if (findings.every((item) => item.fact === "directory_no_lock")) findings.unshift(finding("not_locked"));
  return result("locks", lockout !== null && lockout.failures > 0 ? "warn" : "pass", findings);
}
