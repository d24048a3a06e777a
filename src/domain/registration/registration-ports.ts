/**
 * The ports of security-info registration (SPEC §4–5): unfinished verifications and step-ups, the method history,
 * and recovery codes. store/ implements them; the registration services and the method modules use them.
 */
import type { MethodId } from "../methods.js";

/**
 * Why a registration challenge exists: a new or changed method being verified, a step-up in progress, or a code
 * the helpdesk sent to a caller's registered method (SPEC §10 "Verify caller"; bound to the admin, not the user).
 */
export type RegistrationPurpose = "enrol" | "step_up" | "verify_caller";

/**
 * An unfinished verification (SPEC §5.1: dropped after 10 minutes) or a step-up in progress, bound to one session.
 * A sent code is kept only as its HMAC; a method's other state (a sealed TOTP secret waiting for its first code, a
 * passkey ceremony's challenge) travels in `payload`, never a secret in the clear.
 */
export interface RegistrationChallenge {
  readonly id: string;
  readonly userRef: string;
  readonly sessionId: string;
  readonly purpose: RegistrationPurpose;
  readonly method: MethodId;
  /** Enrol: the normalised value being verified (an address, an E.164 number); step-up: the method id proven. */
  readonly target: string | null;
  /** Enrol: the method this one replaces once verified (a change), or null for an addition. */
  readonly replacesId: string | null;
  readonly codeHmac: Uint8Array | null;
  readonly keyId: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly attempts: number;
  readonly sends: number;
  readonly codeExpiresAt: Date | null;
  /** When the whole verification is dropped (10 minutes after it began). */
  readonly dropAt: Date;
  readonly consumedAt: Date | null;
  readonly createdAt: Date;
}

export interface RegistrationChallengeStore {
  /** Stores it; earlier unconsumed challenges of the same session and purpose are deleted (one at a time). */
  create(challenge: RegistrationChallenge): Promise<void>;
  /** The session's challenge `id` if it is neither consumed nor dropped at `now`. */
  findLive(sessionId: string, id: string, now: Date): Promise<RegistrationChallenge | null>;
  /** A new code for the same verification: sends + 1, attempts back to 0. */
  resend(id: string, code: { hmac: Uint8Array; keyId: string; expiresAt: Date }): Promise<void>;
  /** Replaces the payload (a passkey ceremony's new challenge). */
  setPayload(id: string, payload: Readonly<Record<string, unknown>>): Promise<void>;
  /** Adds one attempt if fewer than `maxAttempts` were made; false when the cap was reached already. */
  countAttempt(id: string, maxAttempts: number): Promise<boolean>;
  /** Marks it used; however many callers race, one sees true. */
  consume(id: string, now: Date): Promise<boolean>;
  /** Deletes what was dropped before `now` (housekeeping); returns how many. */
  deleteDropped(now: Date, limit: number): Promise<number>;
}

/** What happened to a method (the method history). */
export const METHOD_ACTIONS = [
  "added",
  "changed",
  "removed",
  "used_step_up",
  "used_sign_in",
  "used_reset",
  "regenerated",
  "flagged",
  "confirmed",
] as const;
export type MethodAction = (typeof METHOD_ACTIONS)[number];

/** One entry of a user's method history: never a secret, a full number or an answer; the value only masked. */
export interface MethodEvent {
  readonly id: string;
  readonly userRef: string;
  /** The verified method's id (kept after its removal). */
  readonly methodRef: string;
  readonly method: MethodId;
  readonly action: MethodAction;
  /** The value as admins see it (SPEC §4.2), or the label. */
  readonly masked: string;
  /** "user", or "admin:<ref>" when an administrator acted. */
  readonly actor: string;
  readonly ip: string;
  readonly client: string;
  readonly at: Date;
}

export interface MethodHistoryStore {
  append(events: readonly MethodEvent[]): Promise<void>;
  /** The user's newest `limit` events, newest first. */
  listForUser(userRef: string, limit: number): Promise<MethodEvent[]>;
}

/** One code of a recovery-code set as stored: the lookup id and a keyed hash of the secret. */
export interface StoredRecoveryCode {
  readonly lookup: string;
  readonly secretHash: Uint8Array;
  readonly keyId: string;
}

export interface RecoveryCodeStore {
  /** Stores the set's codes under its method row. */
  addSet(methodId: string, codes: readonly StoredRecoveryCode[]): Promise<void>;
  /** The unspent code with `lookup` among the user's sets, or null. */
  findUnspent(userRef: string, lookup: string): Promise<(StoredRecoveryCode & { methodId: string }) | null>;
  /** Spends it; however many callers race, one sees true. */
  spend(methodId: string, lookup: string, now: Date): Promise<boolean>;
  /** Codes of the set not yet spent. */
  countLeft(methodId: string): Promise<number>;
}
