/**
 * SPEC §8.2's flood-control limits as policy settings ("limits settable"): the counts per IP (I1, I2, I3), per
 * recipient (R1, R2) and the organisation's phone budget (O1). The windows stay SPEC's; only the counts are set.
 * Every throttle that counts one of these reads it from the policy in force, never from a constant. Pure.
 */

/** The `flood` section of the policy. */
export interface FloodSettings {
  /** O1: texts plus calls the organisation sends per hour (10–10,000). */
  readonly phoneMessagesPerHour: number;
  /** I1: identify submissions per IP in 10 minutes past which the proof-of-work is ×10 for an hour. */
  readonly identifyPerIpPer10Minutes: number;
  /** I1: identify submissions per IP in an hour past which the IP gets a 429 for an hour (SND-305). */
  readonly identifyPerIpPerHour: number;
  /** I2: codes (email, SMS, voice) one IP may trigger per hour; past it sends are dropped silently. */
  readonly codesPerIpPerHour: number;
  /** I3: failed My-account sign-ins from one IP in 10 minutes past which the sign-in form needs the CAPTCHA. */
  readonly signInFailuresPerIpPer10Minutes: number;
  /** R1: code, campaign and reminder mails to one address per hour and per 24 h. */
  readonly emailsPerRecipientPerHour: number;
  readonly emailsPerRecipientPerDay: number;
  /** R2: texts (and, counted apart, calls) to one number per hour and per 24 h. */
  readonly phoneMessagesPerNumberPerHour: number;
  readonly phoneMessagesPerNumberPerDay: number;
}

/** SPEC §8.2's numbers. */
export const DEFAULT_FLOOD_SETTINGS: FloodSettings = {
  phoneMessagesPerHour: 100,
  identifyPerIpPer10Minutes: 30,
  identifyPerIpPerHour: 100,
  codesPerIpPerHour: 20,
  signInFailuresPerIpPer10Minutes: 50,
  emailsPerRecipientPerHour: 5,
  emailsPerRecipientPerDay: 20,
  phoneMessagesPerNumberPerHour: 3,
  phoneMessagesPerNumberPerDay: 10,
};

/**
 * Each setting's allowed range. SPEC gives only O1's (10–10,000); the others are Sandi's: wide enough for a large
 * organisation behind few IPs, never zero (a limit of 0 would switch the feature off, not tighten it).
 */
export const FLOOD_RANGES: Readonly<Record<keyof FloodSettings, { readonly min: number; readonly max: number }>> = {
  phoneMessagesPerHour: { min: 10, max: 10_000 },
  identifyPerIpPer10Minutes: { min: 5, max: 1_000 },
  identifyPerIpPerHour: { min: 10, max: 10_000 },
  codesPerIpPerHour: { min: 5, max: 1_000 },
  signInFailuresPerIpPer10Minutes: { min: 10, max: 1_000 },
  emailsPerRecipientPerHour: { min: 1, max: 100 },
  emailsPerRecipientPerDay: { min: 1, max: 1_000 },
  phoneMessagesPerNumberPerHour: { min: 1, max: 100 },
  phoneMessagesPerNumberPerDay: { min: 1, max: 1_000 },
};

export const FLOOD_KEYS = Object.keys(DEFAULT_FLOOD_SETTINGS) as readonly (keyof FloodSettings)[];

interface Violation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/** A longer window never allows fewer than the shorter one inside it (the shorter limit would then never apply). */
const NESTED_WINDOWS: readonly [keyof FloodSettings, keyof FloodSettings][] = [
  ["identifyPerIpPer10Minutes", "identifyPerIpPerHour"],
  ["emailsPerRecipientPerHour", "emailsPerRecipientPerDay"],
  ["phoneMessagesPerNumberPerHour", "phoneMessagesPerNumberPerDay"],
];

/** Each limit inside its range, and each longer window at least its shorter one. */
export function checkFloodSettings(flood: FloodSettings): Violation[] {
  const violations: Violation[] = [];
  for (const key of FLOOD_KEYS) {
    const { min, max } = FLOOD_RANGES[key];
    const value = flood[key];
    if (!Number.isInteger(value) || value < min || value > max)
      violations.push({ rule: "range", path: `flood.${key}`, message: `must be ${String(min)}–${String(max)}` });
  }
  for (const [shorter, longer] of NESTED_WINDOWS)
    if (flood[longer] < flood[shorter])
      violations.push({ rule: "flood_window", path: `flood.${longer}`, message: `must be at least flood.${shorter}` });
  return violations;
}

/** A count limit over a window, the shape every throttle takes. */
export interface CountWindow {
  readonly limit: number;
  readonly windowSeconds: number;
}

const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;

/** R1's windows: mails to one address. */
export function emailRecipientWindows(flood: FloodSettings): readonly CountWindow[] {
  return [
    { limit: flood.emailsPerRecipientPerHour, windowSeconds: HOUR_SECONDS },
    { limit: flood.emailsPerRecipientPerDay, windowSeconds: DAY_SECONDS },
  ];
}

/** R2's windows: texts, or calls, to one number. */
export function phoneRecipientWindows(flood: FloodSettings): readonly CountWindow[] {
  return [
    { limit: flood.phoneMessagesPerNumberPerHour, windowSeconds: HOUR_SECONDS },
    { limit: flood.phoneMessagesPerNumberPerDay, windowSeconds: DAY_SECONDS },
  ];
}
