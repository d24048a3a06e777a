/**
 * The identify step's flood control (SPEC §6.2, §8.2 I1): per-IP counts that harden the proof-of-work or refuse the
 * IP, and the organisation-wide surge count that hardens it for everyone. Every count and block is a database row,
 * so several instances on one database judge alike.
 */
import { secondsAfter, secondsBefore } from "../../../lib/time.js";
import type { AuditEvent } from "../../audit-events.js";
import { IDENTIFY_SURGE, ipKey, ipLimitsFor, ORGANISATION_KEY } from "../../policies/attempt-policy.js";
import type { FloodSettings } from "../../policies/flood-limits.js";
import type { ThrottleStore, TransactionStores } from "../../ports.js";
import type { ResetDeps } from "./reset-deps.js";

type IdentifyLimits = ReturnType<typeof ipLimitsFor>["identify"];

/** The key of an IP's hardened-PoW block; apart from its I1 key, whose blocks refuse the IP (SND-305). */
function powKey(ip: string): string {
  return `pow:${ipKey(ip)}`;
}

/** The audit event of an IP refused for an hour (I1). Success means the block was applied, as for `sspr.blocked`. */
function throttledEvent(ip: string, now: Date): AuditEvent {
  return {
    activity: "sspr.throttled",
    result: "success",
    reason: "SND-305",
    actor: { type: "anonymous" },
    ip,
    time: now,
  };
}

/**
 * Over the 10-minute limit, the IP's PoW is ×10 for an hour from now. The 10-minute count is asked only once the
 * hour's count (already read) is past the limit, so an ordinary caller never pays for it. Each submission while
 * over moves the end on: the hour runs from the last time the IP was over, not the first.
 */
async function hardenIfOver(
  throttles: ThrottleStore,
  input: { ip: string; hourCount: number; limits: IdentifyLimits; now: Date },
): Promise<void> {
  const { ip, limits, now } = input;
  if (input.hourCount <= limits.hardAfter) return;
  const since = secondsBefore(now, limits.hardWindowSeconds);
  if ((await throttles.count("I1", ipKey(ip), since, limits.hardAfter + 1)) <= limits.hardAfter) return;
  await throttles.block("I1-pow", powKey(ip), secondsAfter(now, limits.hardSeconds));
}

/**
 * Counts one identify submission against I1 and the organisation's surge counter. Returns when the IP's refusal
 * ends (SND-305): an existing block's end, or an hour from now when this submission took it past the hourly limit;
 * null when the IP may go on. Inside the caller's transaction (the one that creates the flow), under the IP key's
 * lock, so parallel submissions from one IP are counted one after another and exactly the hourly limit gets through
 * (ADR 0013). The surge count is not held: it only hardens the proof-of-work, and one lock for the whole
 * organisation would queue every identify behind it.
 */
export async function countIdentifySubmission(
  stores: TransactionStores,
  input: {
    ip: string;
    now: Date;
    corporateEgressNetworks: ResetDeps["corporateEgressNetworks"];
    /** The policy's I1 counts (SPEC §8.2: settable). */
    flood: FloodSettings;
  },
): Promise<Date | null> {
  const { ip, now } = input;
  const limits = ipLimitsFor(ip, input.corporateEgressNetworks, input.flood).identify;
  const { throttles } = stores;
  const key = ipKey(ip);
  await throttles.serialise("I1", key);
  const since = secondsBefore(now, limits.blockWindowSeconds);
  const { block, count: hourCount } = await throttles.hitAndCount({
    hits: [
      { counter: "I1", key },
      { counter: "I1-org", key: ORGANISATION_KEY },
    ],
    now,
    blockKeys: [key],
    skipHitsWhenBlocked: false,
    counted: { counter: "I1", key, since, atMost: limits.blockAfter + 1 },
  });
  if (block) return block.until;
  await hardenIfOver(throttles, { ip, hourCount, limits, now });
  if (hourCount <= limits.blockAfter) return null;
  const until = secondsAfter(now, limits.blockSeconds);
  await throttles.block("I1", key, until);
  await stores.audit.append([throttledEvent(ip, now)]);
  return until;
}

/**
 * True when a challenge issued now for `ip` must be ten times harder (SPEC §6.2): for an hour after the IP went
 * over I1's 10-minute limit, and for everyone while the organisation's last minute holds more than 300 identify
 * submissions. Asked when a challenge is issued, so the identify submission itself pays for neither check.
 */
export async function isCaptchaHardFor(deps: ResetDeps, ip: string): Promise<boolean> {
  const { throttles } = deps;
  const now = deps.clock.now();
  if (await throttles.activeBlock([powKey(ip)], now)) return true;
  const since = secondsBefore(now, IDENTIFY_SURGE.windowSeconds);
  const recent = await throttles.count("I1-org", ORGANISATION_KEY, since, IDENTIFY_SURGE.hardAfter + 1);
  return recent > IDENTIFY_SURGE.hardAfter;
}
