/**
 * Emails to administrators, queued inside the transaction of the event they report: the security-hold alert to
 * every Global and Helpdesk admin (SPEC §9.3 step 4) and the notice to every other admin when a privileged user's
 * password is reset (§9.4). At most 100 admins each, Global admins first; each in the admin's own language.
 */
import { secondsAfter } from "../../lib/time.js";
import { noticeRecipients } from "../email-address.js";
import type { TemplateId } from "../messages.js";
import { DEFAULT_POLICY } from "../policies/sspr-policy.js";
import type { OutboxDraft, TransactionStores } from "../ports.js";
import { type AdminRole, ADMIN_ROLES, isPrivileged, type Language } from "../users.js";
import type { RoleHolder } from "../role-holders.js";
import type { NotMeEvent } from "./not-me-ports.js";

/** SPEC §9.3 and §9.4: at most 100 administrators are emailed about one event. */
export const MAX_ADMINS_ALERTED = 100;

/** An alert that was not delivered within a day is stale: the audit log and the dashboard have it. */
const ALERT_LIFETIME_SECONDS = 24 * 3600;

/** Who gets the security-hold alert (SPEC §9.3 step 4): those who may release a hold (SPEC §2). */
export const HOLD_ALERT_ROLES: readonly AdminRole[] = ["global_admin", "helpdesk_admin"];

type AlertStores = Pick<TransactionStores, "roleHolders" | "directoryAdmin" | "outbox">;

/** One draft per address of each admin, in the admin's language (else the organisation's). */
async function queueToAdmins(
  stores: AlertStores,
  input: {
    readonly admins: readonly RoleHolder[];
    readonly template: TemplateId;
    readonly data: Readonly<Record<string, string>>;
    readonly now: Date;
  },
): Promise<number> {
  const organisation = await stores.directoryAdmin.getOrganisation();
  const fallback: Language = organisation?.defaultLanguage ?? "en";
  const drafts: OutboxDraft[] = input.admins.flatMap((admin) =>
    noticeRecipients(admin, admin.verifiedEmails).map((recipient) => ({
      channel: "email",
      template: input.template,
      recipient,
      lang: admin.preferredLanguage ?? fallback,
      data: input.data,
      notAfter: secondsAfter(input.now, ALERT_LIFETIME_SECONDS),
      userRef: admin.ref,
      flowId: null,
    })),
  );
  await stores.outbox.enqueue(drafts, input.now);
  return drafts.length;
}

/** The admin portal, on the sign-in page's origin. */
function adminUrlOf(signInUrl: string): string {
  return new URL("/admin", signInUrl).href;
}

export interface HoldAlert {
  readonly user: { readonly ref: string; readonly userId: string };
  readonly about: NotMeEvent;
  readonly aboutAt: Date;
  readonly supportCode: string;
  /** What the directory did: the built-in directory's hold is its lock; any other needs someone to lock it. */
  readonly directoryLock: "held" | "manual_action_needed";
  readonly caller: { readonly ip: string; readonly client: string };
  readonly organisation: { readonly name: string; readonly signInUrl: string };
  readonly now: Date;
}

/** Queues the security-hold alert to every Global and Helpdesk admin but the held user; returns how many emails. */
export async function queueHoldAlerts(stores: AlertStores, alert: HoldAlert): Promise<number> {
  const admins = await stores.roleHolders.holdersOf({
    roles: HOLD_ALERT_ROLES,
    exceptRefs: [alert.user.ref],
    limit: MAX_ADMINS_ALERTED,
  });
  const data = {
    orgName: alert.organisation.name,
    userId: alert.user.userId,
    about: alert.about,
    aboutAt: alert.aboutAt.toISOString(),
    confirmedAt: alert.now.toISOString(),
    client: alert.caller.client,
    ip: alert.caller.ip,
    supportCode: alert.supportCode,
    directoryLock: alert.directoryLock,
    adminUrl: adminUrlOf(alert.organisation.signInUrl),
  };
  return queueToAdmins(stores, { admins, template: "not-me-alert", data, now: alert.now });
}

/** Who reset a privileged user's password: the user (self-service), another administrator, or the console. */
export type ResetActor = { readonly kind: "self" } | { readonly kind: "admin"; readonly userId: string } | "console";

export interface PrivilegedResetNotice {
  readonly user: { readonly ref: string; readonly userId: string };
  readonly actedBy: ResetActor;
  readonly caller: { readonly ip: string; readonly client: string };
  readonly organisation: { readonly name: string; readonly signInUrl: string };
  readonly now: Date;
}

/**
 * SPEC §9.4: when the user holds an admin role and `notify.adminsOnAdminReset` is on, every other admin (any role)
 * is told who acted, when and from which IP. Reads the roles and the policy in the caller's transaction.
 */
export async function queuePrivilegedResetNotices(
  stores: AlertStores & Pick<TransactionStores, "accounts" | "policy">,
  notice: PrivilegedResetNotice,
): Promise<number> {
  const account = await stores.accounts.findByRef(notice.user.ref);
  if (account === null || !isPrivileged(account)) return 0;
  const policy = (await stores.policy.current())?.policy ?? DEFAULT_POLICY;
  if (!policy.notify.adminsOnAdminReset) return 0;
  const admins = await stores.roleHolders.holdersOf({
    roles: ADMIN_ROLES,
    exceptRefs: [notice.user.ref],
    limit: MAX_ADMINS_ALERTED,
  });
  const actor = notice.actedBy;
  const data = {
    orgName: notice.organisation.name,
    userId: notice.user.userId,
    actedBy: actor === "console" ? "console" : actor.kind,
    actor: actor !== "console" && actor.kind === "admin" ? actor.userId : "",
    changedAt: notice.now.toISOString(),
    client: notice.caller.client,
    ip: notice.caller.ip,
    adminUrl: adminUrlOf(notice.organisation.signInUrl),
  };
  return queueToAdmins(stores, { admins, template: "privileged-password-reset", data, now: notice.now });
}
