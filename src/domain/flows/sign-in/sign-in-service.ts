/** Sign-in to Sandi's own pages (users and admins): password check, smart lockout (SPEC §8.3), server-side sessions. */
import { findSessionUser, endSession, type SessionUser } from "./session-lifecycle.js";
import { type SignInResult, signInWithPassword } from "./password-sign-in.js";
import type { SignInCaller, SignInDeps, SignInFailure } from "./sign-in-deps.js";

export type { SessionUser, SignInCaller, SignInDeps, SignInFailure, SignInResult };

export interface SignInService {
  /**
   * Checks the password (a dummy Argon2id verify for unknown IDs) under smart lockout; creates a session.
   * A `signin_failed` carries `lockedMinutes`, the {n} of SPEC §8.3's shared message: the minutes left on a
   * running lock, otherwise the length of a first lock, so the text never tells a lock from a wrong password.
   */
  signIn(input: { typedUserId: string; password: string; caller: SignInCaller }): Promise<SignInResult>;
  /** The live session behind a cookie token (idle 30 min, absolute 8 h), touching it; null when none. */
  sessionUser(token: string | undefined): Promise<SessionUser | null>;
  /** Ends the session on the server. */
  signOut(token: string | undefined, caller: SignInCaller): Promise<void>;
}

/**
 * Creates the sign-in service over its ports.
 * @example
 * const signIn = createSignInService({ clock, random, directory, hasher, sessions, lockouts, audit, unitOfWork,
 *   lockoutKey, settings: { lockoutThreshold: 10, firstLockoutSeconds: 60 } });
 */
export function createSignInService(deps: SignInDeps): SignInService {
  return {
    signIn: (input) => signInWithPassword(deps, input),
    sessionUser: (token) => findSessionUser(deps, token),
    signOut: (token, caller) => endSession(deps, token, caller),
  };
}
