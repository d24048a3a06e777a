/**
 * "This wasn't me" (SPEC §9.3): opening a link only reads what it is about; confirming it, once, puts the account on
 * security hold, ends every session (passkey ones too), cancels every flow, alerts the Global and Helpdesk admins and
 * hands the user the incident's support code, all in one transaction.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { AuditEvent } from "../audit-events.js";
import type { Clock, Directory, TransactionStores, UnitOfWork } from "../ports.js";
import { applySecurityEffects } from "../security-effects.js";
import type { UserAccounts } from "../user-accounts.js";
import type { Language, UserAccount } from "../users.js";
import { queueHoldAlerts } from "./admin-alerts.js";
import type { NotMeEvent, NotMeLink, NotMeLinkStore } from "./not-me-ports.js";
import { notMeTokenHash } from "./not-me-token.js";

export interface NotMeDeps {
  readonly clock: Clock;
  readonly unitOfWork: UnitOfWork;
  /** Reads outside a transaction (opening a link writes nothing). */
  readonly links: Pick<NotMeLinkStore, "findUsable">;
  /** The person the link is about, read before the transaction (the directory may be across the network). */
  readonly users: UserAccounts;
  /** Only its kind: the built-in directory's lock is the hold itself; another needs someone to lock it. */
  readonly directory: Pick<Directory, "kind">;
  readonly organisation: () => Promise<{ name: string; signInUrl: string }>;
}

/** Who pressed "Lock my account": recorded in the audit event and the admins' alert. */
export interface NotMeCaller {
  readonly ip: string;
  readonly client: string;
  readonly lang: Language;
}

/**
 * Every way a link can fail (unknown, forged, used, expired, its account gone) is this one reason, so the page
 * tells a forger nothing a used link would not.
 */
export type NotMeRefusal = "unusable";

export interface NotMeService {
  /** What the link is about, for the confirm page; changes nothing (mail scanners follow links). */
  inspect(token: string): Promise<Outcome<{ about: NotMeEvent; aboutAt: Date }, NotMeRefusal>>;
  /** Acts on the link once; the support code names the incident at the helpdesk. */
  confirm(token: string, caller: NotMeCaller): Promise<Outcome<{ supportCode: string }, NotMeRefusal>>;
}

/** What the hold did, for the audit event and the alert. */
interface HoldContext {
  readonly user: UserAccount;
  readonly caller: NotMeCaller;
  readonly directoryLock: "held" | "manual_action_needed";
  readonly organisation: { name: string; signInUrl: string };
  readonly now: Date;
}

function holdEvents(
  context: HoldContext,
  link: NotMeLink,
  result: { wasHeld: boolean; sessionsEnded: number },
): AuditEvent[] {
  const { user, caller, now } = context;
  const who = { ref: user.ref, userId: user.userId };
  const base = {
    result: "success",
    actor: { type: "user", id: user.ref, userId: user.userId },
    target: who,
    supportCode: link.supportCode,
    ip: caller.ip,
    client: caller.client,
    lang: caller.lang,
    time: now,
  } as const;
  const held = result.wasHeld ? "security_hold_kept" : "security_hold_set";
  return [
    {
      ...base,
      activity: "account.security_hold",
      reason: `${held}:${context.directoryLock}`,
      changes: [
        { field: "securityHold", old: result.wasHeld, new: true },
        { field: "reportedChange", old: null, new: `${link.about}@${link.aboutAt.toISOString()}` },
      ],
    },
    { ...base, activity: "sessions.revoked", reason: `wasnt_me:${String(result.sessionsEnded)}` },
  ];
}

/** The hold and everything with it, inside the transaction that redeemed the link. */
async function holdAccount(stores: TransactionStores, context: HoldContext, link: NotMeLink): Promise<void> {
  const { user, now, caller, organisation } = context;
  const wasHeld = (await stores.accounts.findByRef(user.ref))?.securityHold ?? false;
  if (!wasHeld) await stores.accounts.setSecurityHold(user.ref, true, now);
  const effects = await applySecurityEffects(stores, {
    cause: "not_me",
    user,
    now,
    // The row has no notice: the user is on the page that says what happened.
    notify: { enabled: false, caller, organisation },
  });
  // An account already on hold was reported already: its admins were alerted then, and need not be again.
  if (!wasHeld)
    await queueHoldAlerts(stores, {
      user,
      about: link.about,
      aboutAt: link.aboutAt,
      supportCode: link.supportCode,
      directoryLock: context.directoryLock,
      caller,
      organisation,
      now,
    });
  await stores.audit.append(holdEvents(context, link, { wasHeld, sessionsEnded: effects.sessionsEnded }));
}

/** The service over its deps. */
export function createNotMeService(deps: NotMeDeps): NotMeService {
  async function usableLink(token: string, now: Date): Promise<NotMeLink | null> {
    const hash = notMeTokenHash(token);
    return hash === null ? null : deps.links.findUsable(hash, now);
  }

  return {
    async inspect(token) {
      const link = await usableLink(token, deps.clock.now());
      return link === null ? fail("unusable") : succeed({ about: link.about, aboutAt: link.aboutAt });
    },

    async confirm(token, caller) {
      const now = deps.clock.now();
      const found = await usableLink(token, now);
      if (found === null) return fail("unusable");
      const user = await deps.users.findUserByRef(found.userRef);
      if (user === null) return fail("unusable");
      const organisation = await deps.organisation();
      const directoryLock = deps.directory.kind === "builtin" ? "held" : "manual_action_needed";
      const context: HoldContext = { user, caller, directoryLock, organisation, now };
      const redeemed = await deps.unitOfWork.inTransaction(async (stores) => {
        // The conditional update decides: of two presses of the button, or two tabs, only one acts.
        const link = await stores.notMeLinks.redeem(found.tokenHash, now);
        if (link !== null) await holdAccount(stores, context, link);
        return link;
      });
      return redeemed === null ? fail("unusable") : succeed({ supportCode: redeemed.supportCode });
    },
  };
}
