/**
 * SPEC §9.1 once: what each security event does to the user's sessions, open flows and codes, SSPR counters, sign-in
 * lockout and notices. Every cause reads its row of `SECURITY_EFFECTS`, and `applySecurityEffects` is the only code
 * that carries a row out, inside the caller's transaction, so a reset, a change of password and an admin reset can
 * no longer drift apart.
 */
import { queuePrivilegedResetNotices, type ResetActor } from "./not-me/admin-alerts.js";
import { draftPasswordNotices, type NoticeUser, type PasswordNoticeTemplate } from "./password-notice.js";
import { accountKey } from "./policies/attempt-policy.js";
import type { CounterId, Session, TransactionStores } from "./ports.js";
import type { Language } from "./users.js";

export const SECURITY_CAUSES = [
  "self_reset",
  "self_unlock",
  "change_password",
  "admin_reset",
  "admin_revoke_sessions",
  "not_me",
] as const;
/** What happened: a self-service reset or unlock, a change from My account, an admin action, "This wasn't me". */
export type SecurityCause = (typeof SECURITY_CAUSES)[number];

/**
 * One row of SPEC §9.1's table (with §8.4 for the counters and locks). A temporary access pass's session (SPEC §18)
 * ends wherever a password session ends: it stands in for a password.
 */
export interface SecurityEffects {
  /** Which Sandi sessions end: by how they were signed in. */
  readonly endSessions: readonly Session["signedInWith"][];
  /** The session the user acted from stays (change password: the person who proved the password is using it). */
  readonly keepActingSession: boolean;
  /** The user's other open reset flows end with this reason, and their unspent codes are voided; null keeps them. */
  readonly cancelFlowsWith: string | null;
  /** SSPR counters cleared for the account (SPEC §8.1: a reset or unlock clears A1–A3; A4 never clears on success). */
  readonly clearCounters: readonly CounterId[];
  /** Sandi's sign-in lockout of the user ID (SPEC §8.4). */
  readonly clearSignInLockout: boolean;
  /** The directory's own lock (SPEC §8.4); cleared by the caller through the directory, outside the transaction. */
  readonly clearDirectoryLock: boolean;
  /** The notice to the user (SPEC §9.2, §9.5, §10), sent when the policy's `notify.userOnReset` is on. */
  readonly notice: PasswordNoticeTemplate | null;
  /** A reset of a privileged user's password tells every other admin (SPEC §9.4, `notify.adminsOnAdminReset`). */
  readonly noticeToAdmins: boolean;
}

/** End reasons of the flows an event cancels; `superseded` tells the user a password changed in another window. */
export const CANCELLED_BY = {
  superseded: "superseded",
  adminReset: "admin_reset",
  adminRevoke: "admin_revoked_sessions",
  notMe: "security_hold",
} as const;

const A1_TO_A3: readonly CounterId[] = ["A1", "A2", "A3"];

/**
 * SPEC §9.1 and §8.4 as data. Change password keeps A1–A3: §8.1 clears them after a reset or unlock, the gates
 * having been passed, and a block that stops strangers guessing codes should not lift because the user changed
 * a password they already knew. An admin revoking sessions or "This wasn't me" ends everything and clears nothing.
 */
export const SECURITY_EFFECTS: Readonly<Record<SecurityCause, SecurityEffects>> = {
  self_reset: {
    endSessions: ["password", "access_pass"],
    keepActingSession: false,
    cancelFlowsWith: CANCELLED_BY.superseded,
    clearCounters: A1_TO_A3,
    clearSignInLockout: true,
    clearDirectoryLock: true,
    notice: "password-changed",
    noticeToAdmins: true,
  },
  self_unlock: {
    endSessions: [],
    keepActingSession: false,
    cancelFlowsWith: CANCELLED_BY.superseded,
    clearCounters: A1_TO_A3,
    clearSignInLockout: true,
    clearDirectoryLock: true,
    notice: null,
    noticeToAdmins: false,
  },
  change_password: {
    endSessions: ["password", "access_pass"],
    keepActingSession: true,
    cancelFlowsWith: CANCELLED_BY.superseded,
    clearCounters: [],
    clearSignInLockout: false,
    clearDirectoryLock: false,
    notice: "password-changed-self",
    noticeToAdmins: false,
  },
  admin_reset: {
    endSessions: ["password", "passkey", "access_pass"],
    keepActingSession: false,
    cancelFlowsWith: CANCELLED_BY.adminReset,
    clearCounters: A1_TO_A3,
    clearSignInLockout: true,
    clearDirectoryLock: true,
    notice: "password-reset-by-admin",
    noticeToAdmins: true,
  },
  admin_revoke_sessions: {
    endSessions: ["password", "passkey", "access_pass"],
    keepActingSession: false,
    cancelFlowsWith: CANCELLED_BY.adminRevoke,
    clearCounters: [],
    clearSignInLockout: false,
    clearDirectoryLock: false,
    notice: null,
    noticeToAdmins: false,
  },
  not_me: {
    endSessions: ["password", "passkey", "access_pass"],
    keepActingSession: false,
    cancelFlowsWith: CANCELLED_BY.notMe,
    clearCounters: [],
    clearSignInLockout: false,
    clearDirectoryLock: false,
    notice: null,
    noticeToAdmins: false,
  },
};

export interface SecurityEffectsInput {
  readonly cause: SecurityCause;
  readonly user: NoticeUser;
  readonly now: Date;
  /** The session the user acted from, kept when the row says so. */
  readonly actingSessionId?: string;
  /** The flow that caused the event (a reset's own flow): it is ended by its caller, not cancelled here. */
  readonly causingFlowId?: string;
  /**
   * Who acted, for the notice to the other admins (SPEC §9.4): an administrator or the console. Without it a cause
   * the user brings about is the user's own doing, and any other the console's.
   */
  readonly actedBy?: { readonly userId: string } | "console";
  /** Where the notice says the change came from, and the policy's switch for notices. */
  readonly notify: {
    readonly enabled: boolean;
    readonly caller: { readonly ip: string; readonly client: string; readonly lang: Language };
    readonly organisation: { readonly name: string; readonly signInUrl: string; readonly helpdesk?: string };
  };
}

/** What the effects did, for the caller's audit events. */
export interface SecurityEffectsReport {
  readonly sessionsEnded: number;
  readonly flowsCancelled: number;
  readonly noticesQueued: number;
  /** Emails to the other admins about a privileged user's reset (SPEC §9.4). */
  readonly adminNoticesQueued: number;
}

/** Carries out the cause's row inside the caller's transaction. */
export async function applySecurityEffects(
  stores: TransactionStores,
  input: SecurityEffectsInput,
): Promise<SecurityEffectsReport> {
  const effects = SECURITY_EFFECTS[input.cause];
  const { user, now } = input;
  const keep = effects.keepActingSession ? input.actingSessionId : undefined;
  const sessionsEnded =
    effects.endSessions.length === 0
      ? 0
      : await stores.sessions.revokeForUser(user.ref, effects.endSessions, now, keep);
  let flowsCancelled = 0;
  if (effects.cancelFlowsWith !== null) {
    const except = input.causingFlowId ?? null;
    flowsCancelled = await stores.flows.cancelOpenFlowsOfUser(user.ref, except, effects.cancelFlowsWith, now);
    await stores.challenges.voidForUser(user.ref, now);
  }
  if (effects.clearCounters.length > 0)
    await stores.throttles.clear(effects.clearCounters, accountKey(user.ref, user.userId));
  if (effects.clearSignInLockout) await stores.signInLockouts.clear(user.userId);
  const noticesQueued = await queueNotice(stores, effects, input);
  const adminNoticesQueued = effects.noticeToAdmins ? await queueAdminNotice(stores, input) : 0;
  return { sessionsEnded, flowsCancelled, noticesQueued, adminNoticesQueued };
}

/** Causes the user brings about from their own flow or session; an administrator's or the console's are not. */
const CAUSED_BY_USER: ReadonlySet<SecurityCause> = new Set(["self_reset", "self_unlock", "change_password", "not_me"]);

async function queueNotice(
  stores: TransactionStores,
  effects: SecurityEffects,
  input: SecurityEffectsInput,
): Promise<number> {
  if (effects.notice === null || !input.notify.enabled) return 0;
  const drafts = await draftPasswordNotices(stores, {
    template: effects.notice,
    user: input.user,
    caller: input.notify.caller,
    causedByUser: CAUSED_BY_USER.has(input.cause),
    now: input.now,
    organisation: input.notify.organisation,
    flowId: input.causingFlowId ?? null,
  });
  await stores.outbox.enqueue(drafts, input.now);
  return drafts.length;
}

/** SPEC §9.4, in the same transaction: the other admins hear of a privileged user's reset and who did it. */
function queueAdminNotice(stores: TransactionStores, input: SecurityEffectsInput): Promise<number> {
  const given = input.actedBy;
  const actedBy: ResetActor =
    given === "console"
      ? "console"
      : given !== undefined
        ? { kind: "admin", userId: given.userId }
        : CAUSED_BY_USER.has(input.cause)
          ? { kind: "self" }
          : "console";
  return queuePrivilegedResetNotices(stores, {
    user: input.user,
    actedBy,
    caller: input.notify.caller,
    organisation: input.notify.organisation,
    now: input.now,
  });
}
