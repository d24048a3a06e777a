/**
 * A user's own sessions on My account (SPEC §5.1): where they are signed in, and ending any other session, or all
 * of them but this one. Someone who sees a session they don't recognise ends it without changing the password.
 */
import type { Session } from "../../ports.js";
import {
  ADMIN_SESSION_IDLE_SECONDS,
  isSessionFresh,
  SESSION_IDLE_SECONDS,
  type SessionUser,
} from "./session-lifecycle.js";
import type { SignInCaller, SignInDeps } from "./sign-in-deps.js";
import { signInEvent } from "./sign-in-events.js";

/** One session as My account lists it: never its secret, and its id only to name it in the end-session form. */
export interface ListedSession {
  readonly id: string;
  /** The session this list was asked from. */
  readonly current: boolean;
  readonly signedInWith: Session["signedInWith"];
  readonly client: string;
  readonly ip: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}

async function freshSessions(deps: SignInDeps, live: SessionUser): Promise<Session[]> {
  const now = deps.clock.now();
  const sessions = await deps.sessions.listLive(live.user.ref, now);
  const idleSeconds = live.user.roles.length > 0 ? ADMIN_SESSION_IDLE_SECONDS : SESSION_IDLE_SECONDS;
  return sessions.filter((session) => isSessionFresh(session, now, idleSeconds));
}

/** The signed-in user's live sessions, the current one first, then by newest sign-in. */
export async function listOwnSessions(deps: SignInDeps, live: SessionUser): Promise<ListedSession[]> {
  const sessions = await freshSessions(deps, live);
  const listed = sessions.map((session) => ({
    id: session.id,
    current: session.id === live.session.id,
    signedInWith: session.signedInWith,
    client: session.client,
    ip: session.ip,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
  }));
  return [...listed.filter((session) => session.current), ...listed.filter((session) => !session.current)];
}

/**
 * Ends other sessions of the signed-in user: the one named `only`, or every other one when `only` is null. A
 * session of another user, the current one, or one already ended is not touched. Returns how many ended.
 */
export async function endOwnSessions(
  deps: SignInDeps,
  live: SessionUser,
  input: { only: string | null; caller: SignInCaller },
): Promise<number> {
  const others = (await freshSessions(deps, live)).filter((session) => session.id !== live.session.id);
  const targets = input.only === null ? others : others.filter((session) => session.id === input.only);
  if (targets.length === 0) return 0;
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction(async (stores) => {
    for (const session of targets) await stores.sessions.revoke(session.id, now);
    await stores.audit.append([
      signInEvent({
        activity: "sessions.revoked",
        result: "success",
        reason: `user:${String(targets.length)}`,
        subject: { userId: live.user.userId, user: live.user },
        origin: input.caller,
        time: now,
      }),
    ]);
  });
  return targets.length;
}
