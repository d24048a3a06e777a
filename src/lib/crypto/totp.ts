/**
 * Authenticator-app codes (SPEC §4.4): RFC 6238 TOTP over HMAC-SHA-1, 6 digits, 30 s steps, a 20-byte secret.
 *
 * otplib computes the HOTP value of one counter (`generateSync` with the `hotp` strategy); the window, the replay
 * rule and the compare are ours. otplib's own `verify` answers only valid/invalid, but a replayed step is a reason
 * of its own (SND-207), so we look at every step of the window ourselves and compare each in constant time.
 */
import { generateSync, ScureBase32Plugin } from "otplib";
import type { Random } from "../random.js";
import { constantTimeEqual } from "./constant-time-equal.js";

/** Bytes of a new secret: 160 bits, the RFC 4226 recommendation and SPEC §4.4. */
export const TOTP_SECRET_BYTES = 20;
/** Seconds per time step. */
export const TOTP_PERIOD_SECONDS = 30;
/** Digits of a code. */
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one: the previous, current and next (±30 s, SPEC §4.1). */
const WINDOW_STEPS = 1;

/** Digits otplib (and RFC 4226's truncation) can produce; RFC 6238's vectors use 8. */
export type TotpDigits = 6 | 7 | 8;

const base32 = new ScureBase32Plugin();
const encoder = new TextEncoder();

/** A fresh secret from the CSPRNG. */
export function newTotpSecret(random: Random): Uint8Array {
  return random.bytes(TOTP_SECRET_BYTES);
}

/** The secret as RFC 4648 base32, upper case, without padding (20 bytes → 32 characters). */
export function base32Secret(secret: Uint8Array): string {
  return base32.encode(secret, { padding: false });
}

/** The base32 secret in groups of 4 for typing into an app by hand: `ABCD EFGH …`. */
export function base32Groups(secret: Uint8Array): string {
  return (base32Secret(secret).match(/.{1,4}/g) ?? []).join(" ");
}

/** The key URI the QR code holds, in SPEC §4.4's exact order; organisation and user id are percent-encoded. */
export function otpauthUri(input: { org: string; userId: string; secret: Uint8Array }): string {
  const org = encodeURIComponent(input.org);
  const label = `${org}:${encodeURIComponent(input.userId)}`;
  const secret = base32Secret(input.secret);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${org}&algorithm=SHA1&digits=${String(TOTP_DIGITS)}&period=${String(TOTP_PERIOD_SECONDS)}`;
}

/** The time step `now` falls in: whole periods since the Unix epoch. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of one time step (RFC 4226 HOTP with the step as counter). */
export function totpCodeForStep(secret: Uint8Array, step: number, digits: TotpDigits = TOTP_DIGITS): string {
  return generateSync({ strategy: "hotp", secret, counter: step, digits, algorithm: "sha1" });
}

/** The code an app shows at `now`; for tests, the demo and the browser test that types it. */
export function totpCodeAt(secret: Uint8Array, now: Date, digits: TotpDigits = TOTP_DIGITS): string {
  return totpCodeForStep(secret, totpStep(now), digits);
}

/** What a typed code turned out to be. */
export type TotpMatch =
  /** A step of the window, later than any accepted before: store `step` as the new last accepted step. */
  | { readonly outcome: "accepted"; readonly step: number }
  /** The code of a step at or before the last accepted one (SND-207): refused. */
  | { readonly outcome: "replayed"; readonly step: number }
  /** No step of the window has this code, or it is not a code at all. */
  | { readonly outcome: "wrong" };

/** Strips the spaces an app or a user puts in the middle (`123 456`); anything else must be digits. */
function normaliseTypedCode(code: string, digits: TotpDigits): string | null {
  const compact = code.replace(/[\s-]/g, "");
  return compact.length === digits && /^[0-9]+$/.test(compact) ? compact : null;
}

/**
 * Checks `code` against the previous, current and next step. Every step of the window is computed and compared,
 * whatever matches first, so the time taken says nothing about which step (if any) matched. Of the matching
 * steps, the earliest one after `lastAcceptedStep` is accepted; a match only at or before it is a replay.
 */
export function matchTotp(
  secret: Uint8Array,
  code: string,
  now: Date,
  lastAcceptedStep: number | null,
  digits: TotpDigits = TOTP_DIGITS,
): TotpMatch {
  const typed = normaliseTypedCode(code, digits);
  if (typed === null) return { outcome: "wrong" };
  const typedBytes = encoder.encode(typed);
  const current = totpStep(now);
  let accepted: number | null = null;
  let replayed: number | null = null;
  for (let step = current - WINDOW_STEPS; step <= current + WINDOW_STEPS; step++) {
    const matches = constantTimeEqual(encoder.encode(totpCodeForStep(secret, step, digits)), typedBytes);
    if (!matches) continue;
    if (lastAcceptedStep !== null && step <= lastAcceptedStep) replayed ??= step;
    else accepted ??= step;
  }
  if (accepted !== null) return { outcome: "accepted", step: accepted };
  if (replayed !== null) return { outcome: "replayed", step: replayed };
  return { outcome: "wrong" };
}

/** One registered secret and the last step accepted for it (null before its first use). */
export interface TotpCandidate {
  readonly secret: Uint8Array;
  readonly lastAcceptedStep: number | null;
}

/** Which candidate a code matched, and how; `index` is -1 when none did. */
export interface TotpCandidateMatch {
  readonly index: number;
  readonly match: TotpMatch;
}

const PADDING_SECRET = new Uint8Array(TOTP_SECRET_BYTES);

/**
 * Checks `code` against each of a user's apps (SPEC §4.4: a gate tries them all). Every candidate is checked, and
 * padding secrets make the work up to `checkAtLeast` candidates, so the time taken tells neither which app matched
 * nor how many the user has (none, for a user without the method). An acceptance wins over a replay; among equals,
 * the first candidate.
 */
export function matchTotpAmong(
  candidates: readonly TotpCandidate[],
  code: string,
  now: Date,
  checkAtLeast = 0,
): TotpCandidateMatch {
  let accepted: TotpCandidateMatch | null = null;
  let replayed: TotpCandidateMatch | null = null;
  const total = Math.max(candidates.length, checkAtLeast);
  for (let index = 0; index < total; index++) {
    const candidate = candidates[index];
    const match = matchTotp(candidate?.secret ?? PADDING_SECRET, code, now, candidate?.lastAcceptedStep ?? null);
    if (candidate === undefined) continue;
    if (match.outcome === "accepted") accepted ??= { index, match };
    else if (match.outcome === "replayed") replayed ??= { index, match };
  }
  return accepted ?? replayed ?? { index: -1, match: { outcome: "wrong" } };
}
