/**
 * Sign-in to Sandi's own pages (users and admins): password check, smart lockout (SPEC §8.3), the I3 CAPTCHA
 * (SPEC §8.2), server-side sessions.
 */
import { findSessionUser, endSession, type SessionUser } from "./session-lifecycle.js";
import { type SignInInput, type SignInResult, signInWithPassword } from "./password-sign-in.js";
import type { SignInCaller, SignInDeps, SignInFailure } from "./sign-in-deps.js";
import { endOwnSessions, type ListedSession, listOwnSessions } from "./own-sessions.js";
import { isCaptchaRequired } from "./spray-guard.js";
import { type AccessPassSignInInput, signInWithAccessPass } from "../../access-pass/access-pass-sign-in.js";

export type { ListedSession, SessionUser, SignInCaller, SignInDeps, SignInFailure, SignInInput, SignInResult };

export interface SignInService {
  /**
   * Checks the password (a dummy Argon2id verify for unknown IDs) under smart lockout; creates a session.
   * A `signin_failed` carries `lockedMinutes`, the {n} of SPEC §8.3's shared message: the minutes left on a
   * running lock, otherwise the length of a first lock, so the text never tells a lock from a wrong password.
   * While I3 holds for the caller's IP, an attempt without a fresh CAPTCHA solution is refused first (SND-111/112).
   */
  signIn(input: SignInInput): Promise<SignInResult>;
  /** Signs in with user ID and a temporary access pass (SPEC §18), under the same gate and lockout; spends the pass. */
  signInWithAccessPass(input: AccessPassSignInInput): Promise<SignInResult>;
  /** True while I3 holds for `ip`: the sign-in form must carry the proof-of-work widget. */
  isCaptchaRequired(ip: string): Promise<boolean>;
  /** The live session behind a cookie token (idle 30 min, absolute 8 h), touching it; null when none. */
  sessionUser(token: string | undefined): Promise<SessionUser | null>;
  /** Ends the session on the server. */
  signOut(token: string | undefined, caller: SignInCaller): Promise<void>;
  /** The signed-in user's live sessions, the current one first (My account). */
  listOwnSessions(live: SessionUser): Promise<ListedSession[]>;
  /** Ends the user's other session `only`, or all of them but the current one when null; returns how many. */
  endOwnSessions(live: SessionUser, input: { only: string | null; caller: SignInCaller }): Promise<number>;
}

/**
 * Creates the sign-in service over its ports.
 * @example
 * const signIn = createSignInService({ clock, random, directory, hasher, sessions, lockouts, audit, throttles,
 *   humanCheck, unitOfWork, lockoutKey, settings: { lockoutThreshold: 10, firstLockoutSeconds: 60 } });
 */
export function createSignInService(deps: SignInDeps): SignInService {
  return {
    signIn: (input) => signInWithPassword(deps, input),
    signInWithAccessPass: (input) => signInWithAccessPass(deps, input),
    isCaptchaRequired: (ip) => isCaptchaRequired(deps.throttles, ip, deps.clock.now()),
    sessionUser: (token) => findSessionUser(deps, token),
    signOut: (token, caller) => endSession(deps, token, caller),
    listOwnSessions: (live) => listOwnSessions(deps, live),
    endOwnSessions: (live, input) => endOwnSessions(deps, live, input),
  };
}
