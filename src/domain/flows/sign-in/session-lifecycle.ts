/**
 * Server-side sessions (SPEC §5.1): split tokens, 30 min idle (15 min for a holder of an admin role, SPEC §2),
 * 8 h in total, ended on the server at sign-out.
 */
import { isSecretValid, parseSplitToken, createSplitToken } from "../../../lib/crypto/split-token.js";
import { secondsAfter } from "../../../lib/time.js";
import type { UserAccount, Session } from "../../ports.js";
import type { SignInCaller, SignInDeps } from "./sign-in-deps.js";
import { signInEvent } from "./sign-in-events.js";
import { withPasswordExpiry } from "./expired-password.js";

/** A session ends this long after sign-in, however active. */
export const SESSION_ABSOLUTE_SECONDS = 8 * 3600;
/** A session ends after this long without a request. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** A session of a user holding any admin role ends sooner when idle (SPEC §2: admin portal sign-in). */
export const ADMIN_SESSION_IDLE_SECONDS = 15 * 60;
/** `lastSeenAt` is written at most this often, to spare a write per page view. */
export const SESSION_TOUCH_SECONDS = 60;

/** A live session and its user. */
export interface SessionUser {
  readonly session: Session;
  readonly user: UserAccount;
}

/** True while the session is inside both its absolute and its idle limit (`idleSeconds`, the users' by default). */
export function isSessionFresh(session: Session, now: Date, idleSeconds = SESSION_IDLE_SECONDS): boolean {
  const idleMilliseconds = now.getTime() - session.lastSeenAt.getTime();
  return now.getTime() < session.expiresAt.getTime() && idleMilliseconds < idleSeconds * 1000;
}

/** A new session row and its cookie token (the token's secret is stored only as a hash). */
export function newSession(
  random: SignInDeps["random"],
  input: {
    userRef: string;
    signedInWith: Session["signedInWith"];
    caller: Pick<SignInCaller, "ip" | "client">;
    now: Date;
    steppedUpAt?: Date;
  },
): { token: string; session: Session } {
  const { token, id, secretHash } = createSplitToken(random);
  const { now, caller } = input;
  const session: Session = {
    id,
    secretHash,
    userRef: input.userRef,
    signedInWith: input.signedInWith,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: secondsAfter(now, SESSION_ABSOLUTE_SECONDS),
    ip: caller.ip,
    client: caller.client,
    ...(input.steppedUpAt === undefined ? {} : { steppedUpAt: input.steppedUpAt }),
  };
  return { token, session };
}

/**
 * Creates the session of a right password (or a verified passkey), clears the ID's lockout and audits; returns the
 * cookie token. A passkey sign-in counts as a fresh step-up for 10 minutes (SPEC §5.1). An expired password signs in
 * to the change-password page only (SPEC §9.5), and the event says so (`password_expired`).
 */
export async function startSession(
  deps: Pick<SignInDeps, "clock" | "random" | "unitOfWork">,
  user: UserAccount,
  caller: SignInCaller,
  signedInWith: Session["signedInWith"] = "password",
): Promise<string> {
  const reason = signedInWith !== "password" ? signedInWith : user.passwordExpired === true ? "password_expired" : null;
  const now = deps.clock.now();
  const { token, session } = newSession(deps.random, { userRef: user.ref, signedInWith, caller, now });
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.sessions.create(session);
    // SPEC §8.3: a successful sign-in resets the counter and erases the wrong-password HMACs.
    await stores.signInLockouts.clear(user.userId);
    await stores.accounts.setPreferredLanguage(user.ref, caller.lang);
    const subject = { userId: user.userId, user };
    await stores.audit.append([
      signInEvent({
        activity: "signin.succeeded",
        result: "success",
        ...(reason === null ? {} : { reason }),
        subject,
        origin: caller,
        time: now,
      }),
    ]);
  });
  return token;
}

/** The session a token names when its secret matches (compared in constant time); expiry is not checked here. */
async function findSessionByToken(deps: SignInDeps, token: string | undefined): Promise<Session | null> {
  const parsed = token === undefined ? null : parseSplitToken(token);
  if (parsed === null) return null;
  const session = await deps.sessions.findLive(parsed.id);
  if (session === null || !isSecretValid(parsed.secret, session.secretHash)) return null;
  return session;
}

/** The live session behind a token and its still usable account, touching it; null when there is none. */
export async function findSessionUser(deps: SignInDeps, token: string | undefined): Promise<SessionUser | null> {
  const session = await findSessionByToken(deps, token);
  const now = deps.clock.now();
  if (session === null || !isSessionFresh(session, now)) return null;
  const user = await deps.users.findUserByRef(session.userRef);
  // A disabled, locked or held account loses its sessions at once, whatever revoked them or not.
  if (user === null || !user.enabled || user.adminLocked || user.securityHold) return null;
  // Roles are read on every request, so a newly granted role shortens the idle limit at once.
  if (user.roles.length > 0 && !isSessionFresh(session, now, ADMIN_SESSION_IDLE_SECONDS)) return null;
  // An expired password sends its session to the change-password page first (SPEC §9.5), like a temporary one.
  const shown = await withPasswordExpiry(deps, user, session.signedInWith);
  if (now.getTime() - session.lastSeenAt.getTime() < SESSION_TOUCH_SECONDS * 1000) return { session, user: shown };
  await deps.sessions.touch(session.id, now);
  return { session: { ...session, lastSeenAt: now }, user: shown };
}

/** Revokes the session on the server and audits it; an unknown or forged token changes nothing. */
export async function endSession(deps: SignInDeps, token: string | undefined, caller: SignInCaller): Promise<void> {
  const session = await findSessionByToken(deps, token);
  if (session === null) return;
  const user = await deps.users.findUserByRef(session.userRef);
  const now = deps.clock.now();
  const subject = { userId: user?.userId ?? null, user };
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.sessions.revoke(session.id, now);
    await stores.audit.append([
      signInEvent({ activity: "signout", result: "success", subject, origin: caller, time: now }),
    ]);
  });
}
