/** SPEC §8's throttle numbers and the keys they count by. */
import { type IpNetwork, isInAnyNetwork } from "../../lib/cidr.js";
import type { CounterId } from "../ports.js";
import type { FloodSettings } from "./flood-limits.js";

export const HOUR_SECONDS = 3600;
export const DAY_SECONDS = 24 * HOUR_SECONDS;

/** Limits of the account counters A1–A4 (per account; for unknown IDs, per typed ID). */
export const ACCOUNT_LIMITS = {
  A1: { limit: 5, windowSeconds: DAY_SECONDS, blockSeconds: DAY_SECONDS, reason: "SND-301" },
  A2: { limit: 5, windowSeconds: HOUR_SECONDS, blockSeconds: DAY_SECONDS, reason: "SND-302" },
  A3: { limit: 10, windowSeconds: 600, blockSeconds: DAY_SECONDS, reason: "SND-303" },
  A4: { limit: 5, windowSeconds: HOUR_SECONDS, blockSeconds: DAY_SECONDS, reason: "SND-304" },
} as const satisfies Record<"A1" | "A2" | "A3" | "A4", object>;

export type AccountCounter = keyof typeof ACCOUNT_LIMITS;

/**
 * I1: identify submissions per IP. Above `hardAfter` in 10 min the PoW is ×10 for `hardSeconds`; above
 * `blockAfter` in 1 h the IP gets a 429 (SND-305) for `blockSeconds`. The counts here are SPEC's defaults and the
 * windows; the counts in force are the policy's `flood` settings (ipLimitsFor).
 */
export const IDENTIFY_PER_IP = {
  hardAfter: 30,
  hardWindowSeconds: 600,
  hardSeconds: HOUR_SECONDS,
  blockAfter: 100,
  blockWindowSeconds: HOUR_SECONDS,
  blockSeconds: HOUR_SECONDS,
};
/** SPEC §6.2: while the organisation receives more than 300 identify submissions a minute, everyone's PoW is ×10. */
export const IDENTIFY_SURGE = { hardAfter: 300, windowSeconds: 60 } as const;
/** I2: codes triggered per IP per hour (SPEC's default; the policy's `flood.codesPerIpPerHour` is in force). */
export const CODES_PER_IP = { limit: 20, windowSeconds: HOUR_SECONDS };
/** SPEC §8.2: networks on the corporate egress list get 10 × the I1 and I2 limits (many users behind one IP). */
export const CORPORATE_EGRESS_FACTOR = 10;

/** How many times the per-IP limits an address gets: ten inside a corporate egress network, else one. */
export function corporateEgressFactor(ip: string, corporateEgress: readonly IpNetwork[]): number {
  return isInAnyNetwork(corporateEgress, ip) ? CORPORATE_EGRESS_FACTOR : 1;
}

/**
 * The I1 and I2 limits of one client IP: the policy's `flood` counts over SPEC's windows, or ten times the counts
 * inside a corporate egress network.
 */
export function ipLimitsFor(
  ip: string,
  corporateEgress: readonly IpNetwork[],
  flood: Pick<FloodSettings, "identifyPerIpPer10Minutes" | "identifyPerIpPerHour" | "codesPerIpPerHour">,
): { identify: typeof IDENTIFY_PER_IP; codes: typeof CODES_PER_IP } {
  const factor = corporateEgressFactor(ip, corporateEgress);
  return {
    identify: {
      ...IDENTIFY_PER_IP,
      hardAfter: flood.identifyPerIpPer10Minutes * factor,
      blockAfter: flood.identifyPerIpPerHour * factor,
    },
    codes: { ...CODES_PER_IP, limit: flood.codesPerIpPerHour * factor },
  };
}
/** R1's windows with SPEC's default counts (housekeeping reads the windows; flood-limits.ts gives the counts in force). */
export const CODES_PER_RECIPIENT = [
  { limit: 5, windowSeconds: HOUR_SECONDS },
  { limit: 20, windowSeconds: DAY_SECONDS },
] as const;

/**
 * The helpdesk contact form (SPEC §6.9): H1, messages per IP, and H2, messages per typed (normalised) user ID, known
 * or not. Past either the form refuses until the newest message leaves the hour; nothing is blocked for longer.
 */
export const HELPDESK_MESSAGES = {
  H1: { limit: 3, windowSeconds: HOUR_SECONDS },
  H2: { limit: 1, windowSeconds: HOUR_SECONDS },
} as const satisfies Record<"H1" | "H2", { limit: number; windowSeconds: number }>;

/** Code rules (SPEC §6.1): lifetime, wrong entries per code, sends per gate, resend wait. */
export const CODE_RULES = { ttlSeconds: 300, maxAttempts: 3, sendsPerGate: 3, resendAfterSeconds: 30 } as const;

/** The account key of a resolved account, or the typed ID of an unknown one, so both count alike. */
export function accountKey(userRef: string | null, typedUserId: string): string {
  return userRef === null ? `t:${typedUserId}` : `u:${userRef}`;
}

/** The key all identify submissions of the organisation are counted under (the surge rule). */
export const ORGANISATION_KEY = "organisation";

/** The IP key: IPv4 /32, IPv6 /64 (SPEC §8.2). */
export function ipKey(ip: string): string {
  if (!ip.includes(":")) return `ip:${ip}`;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return `ip:${mapped[1]}`;
  return `ip6:${expandIPv6(ip).slice(0, 4).join(":")}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head = "", tail = ""] = ip.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const missing = ip.includes("::") ? 8 - headParts.length - tailParts.length : 0;
  return [...headParts, ...Array<string>(missing).fill("0"), ...tailParts].map((part) =>
    part.toLowerCase().replace(/^0+(?=.)/, ""),
  );
}

/** Counter → reason shown on the block page. */
export function blockReasonOf(counter: CounterId): "SND-301" | "SND-302" | "SND-303" | "SND-304" | "SND-305" {
  if (counter === "A1" || counter === "A2" || counter === "A3" || counter === "A4")
    return ACCOUNT_LIMITS[counter].reason;
  return "SND-305";
}
