/** SPEC §8.2's I3, the password-spraying defence: many failed sign-ins from one IP bring a PoW CAPTCHA for an hour. */
import { secondsAfter, secondsBefore } from "../../../lib/time.js";
import type { AuditEvent } from "../../audit-events.js";
import { ipKey } from "../../policies/attempt-policy.js";
import type { HumanCheck, ThrottleStore } from "../../ports.js";
import type { SignInCaller } from "./sign-in-deps.js";

/**
 * I3: more than the policy's `flood.signInFailuresPerIpPer10Minutes` (SPEC default 50) failed sign-ins from one IP
 * in `windowSeconds` require the CAPTCHA for `captchaSeconds`.
 */
export const SIGNIN_FAILURES_PER_IP = { windowSeconds: 600, captchaSeconds: 3600 } as const;

/** What the CAPTCHA gate says about one attempt: go on, or refuse with the code the page explains. */
export type CaptchaGate = "passed" | "SND-111" | "SND-112";

/**
 * The I3 key: the IP key (IPv4 /32, IPv6 /64) under its own prefix. Blocks are looked up by key whatever their
 * counter, so on the bare IP key an I3 block would read as I1's SND-305 at /reset, and an I1 block as I3 here.
 */
export function signInIpKey(ip: string): string {
  return `signin:${ipKey(ip)}`;
}

/** True while I3 holds for the IP: its sign-ins must carry a solved CAPTCHA. */
export async function isCaptchaRequired(throttles: ThrottleStore, ip: string, now: Date): Promise<boolean> {
  return (await throttles.activeBlock([signInIpKey(ip)], now)) !== null;
}

/**
 * Judges an attempt before anything else is done with it: while I3 holds, only a fresh solution lets it through
 * (each works once), so a sprayer pays a proof of work for every password it tries.
 */
export async function passCaptchaGate(
  deps: { readonly throttles: ThrottleStore; readonly humanCheck: HumanCheck },
  input: { readonly ip: string; readonly captcha: string | undefined; readonly now: Date },
): Promise<CaptchaGate> {
  if (!(await isCaptchaRequired(deps.throttles, input.ip, input.now))) return "passed";
  const verdict = await deps.humanCheck.verify(input.captcha);
  if (verdict === "ok") return "passed";
  return verdict === "missing" ? "SND-111" : "SND-112";
}

/** The audit event of an IP crossing into I3 (SPEC §11.1 `signin.*`): who asked is unknown, only where from. */
function throttledEvent(caller: SignInCaller, now: Date): AuditEvent {
  return {
    activity: "signin.throttled",
    result: "success",
    reason: "I3",
    actor: { type: "anonymous" },
    ip: caller.ip,
    client: caller.client,
    lang: caller.lang,
    time: now,
  };
}

/**
 * Counts one failed sign-in against the caller's IP. Past the limit the CAPTCHA is required for an hour from this
 * failure, so a sprayer who keeps solving keeps it on; returns the audit event when the IP has just crossed into I3.
 */
export async function countFailureFromIp(
  throttles: ThrottleStore,
  input: { readonly caller: SignInCaller; readonly now: Date; readonly limit: number },
): Promise<AuditEvent[]> {
  const { caller, now, limit } = input;
  const key = signInIpKey(caller.ip);
  // Under the key's lock until the transaction ends: parallel failures count one after another (ADR 0013).
  await throttles.serialise("I3", key);
  const { block, count } = await throttles.hitAndCount({
    hits: [{ counter: "I3", key }],
    now,
    blockKeys: [key],
    skipHitsWhenBlocked: false,
    counted: { counter: "I3", key, since: secondsBefore(now, SIGNIN_FAILURES_PER_IP.windowSeconds), atMost: limit + 1 },
  });
  if (count <= limit) return [];
  const alreadyHeld = block !== null;
  await throttles.block("I3", key, secondsAfter(now, SIGNIN_FAILURES_PER_IP.captchaSeconds));
  return alreadyHeld ? [] : [throttledEvent(caller, now)];
}
