/**
 * The daily password expiry reminder (SPEC §15.5): at 09:00 organisation time, each built-in user whose password
 * expires in one of `notify.expiryReminderDays` days gets one email, in their language, with a link to
 * `/account/password`. Once per user per threshold per password: what was sent is recorded with the message, in one
 * transaction, so a second run, a restart or a second instance sends nothing again, and a new password starts over.
 * The mails count against R1 (SPEC §8.2: "campaign and reminder mails"); an address R1 drops is audited as
 * suppressed, and a user whose every address was dropped is tried again at the next day's run.
 *
 * Built-in directory only: LDAP and AD expiry (`pwdMaxAge`, `maxPwdAge`) needs the LDAP adapter, not there yet.
 */
import { secondsAfter } from "../../lib/time.js";
import type { AuditEvent } from "../audit-events.js";
import { noticeRecipients } from "../email-address.js";
import { maskRecipient } from "../messages.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import type { Clock, Directory, OutboxDraft, TransactionStores, UnitOfWork } from "../ports.js";
import { decideRecipientSend } from "../registration/registration-throttles.js";
import type { Language } from "../users.js";
import type { ExpiryReminderCandidate, ExpiryReminderStore } from "./expiry-reminder-ports.js";
import { calendarDaysUntil, dueThreshold, passwordExpiresAt } from "./password-expiry.js";

const DAY_MILLISECONDS = 86_400_000;

/** A reminder not delivered within a day is stale: the next day's run decides afresh. */
const REMINDER_LIFETIME_SECONDS = 24 * 3600;

export interface ExpiryReminderDeps {
  readonly clock: Clock;
  readonly unitOfWork: UnitOfWork;
  /** Candidates are read outside the transactions (each user's reminder is its own short transaction). */
  readonly reminders: ExpiryReminderStore;
  readonly directoryKind: Directory["kind"];
  readonly organisation: () => Promise<{ readonly name: string; readonly defaultLanguage: Language }>;
  /** The change-password page's absolute URL. */
  readonly changePasswordUrl: string;
}

/** What one run did: users reminded, and addresses R1 dropped. */
export interface ExpiryReminderReport {
  readonly reminded: number;
  readonly suppressed: number;
}

interface Reminder {
  readonly user: ExpiryReminderCandidate;
  readonly expiresAt: Date;
  readonly threshold: number;
}

/** The reminders due at `now` under `policy`: one per user at most, with its threshold. */
export function remindersDue(
  candidates: readonly ExpiryReminderCandidate[],
  policy: Pick<SsprPolicy, "password" | "notify" | "organisation">,
  now: Date,
): Reminder[] {
  const due: Reminder[] = [];
  for (const user of candidates) {
    const expiresAt = passwordExpiresAt(user, policy.password.maxAgeDays, "builtin");
    if (expiresAt === null || expiresAt.getTime() <= now.getTime()) continue;
    const threshold = dueThreshold({
      daysLeft: calendarDaysUntil(expiresAt, now, policy.organisation.timeZone),
      thresholds: policy.notify.expiryReminderDays,
      passwordChangedAt: user.passwordChangedAt,
      sent: user.sent,
    });
    if (threshold !== null) due.push({ user, expiresAt, threshold });
  }
  return due;
}

/** True when the policy asks for reminders and passwords in this directory can expire. */
function remindersOn(policy: SsprPolicy, directoryKind: Directory["kind"]): boolean {
  const { notify, password } = policy;
  return (
    directoryKind === "builtin" &&
    notify.expiryReminders &&
    password.maxAgeDays > 0 &&
    notify.expiryReminderDays.length > 0
  );
}

/** Runs the reminders at `now` under `policy`. Nothing when reminders are off or the maximum age is 0. */
export async function sendExpiryReminders(deps: ExpiryReminderDeps, policy: SsprPolicy): Promise<ExpiryReminderReport> {
  if (!remindersOn(policy, deps.directoryKind)) return { reminded: 0, suppressed: 0 };
  const now = deps.clock.now();
  const maxAge = policy.password.maxAgeDays * DAY_MILLISECONDS;
  // Passwords expiring after now and within the largest threshold (a day's slack for calendar days across zones).
  const horizon = (Math.max(...policy.notify.expiryReminderDays) + 2) * DAY_MILLISECONDS;
  const candidates = await deps.reminders.candidates({
    changedFrom: new Date(now.getTime() - maxAge),
    changedUntil: new Date(now.getTime() - maxAge + horizon),
  });
  const organisation = await deps.organisation();
  let reminded = 0;
  let suppressed = 0;
  for (const reminder of remindersDue(candidates, policy, now)) {
    const outcome = await deps.unitOfWork.inTransaction((stores) =>
      remindOne(stores, { deps, policy, organisation, reminder, now }),
    );
    if (outcome.queued > 0) reminded++;
    suppressed += outcome.suppressed;
  }
  return { reminded, suppressed };
}

interface RemindInput {
  readonly deps: ExpiryReminderDeps;
  readonly policy: SsprPolicy;
  readonly organisation: { readonly name: string; readonly defaultLanguage: Language };
  readonly reminder: Reminder;
  readonly now: Date;
}

/** One user's reminder: each address within R1 queued, the rest audited as dropped; recorded when any was queued. */
async function remindOne(
  stores: TransactionStores,
  input: RemindInput,
): Promise<{ queued: number; suppressed: number }> {
  const { reminder, now } = input;
  const { user } = reminder;
  const system = { type: "system" as const };
  const target = { ref: user.ref, userId: user.userId };
  const drafts: OutboxDraft[] = [];
  const events: AuditEvent[] = [];
  for (const recipient of noticeRecipients(user, user.verifiedEmails)) {
    const dropped = await decideRecipientSend(stores.throttles, {
      channel: "email",
      target: recipient,
      flood: input.policy.flood,
      now,
    });
    if (dropped === null) drafts.push(draftFor(input, recipient));
    else
      events.push({
        activity: "message.suppressed",
        result: "failure",
        reason: `SND-213:${dropped}`,
        actor: system,
        target,
        maskedTarget: maskRecipient("email", recipient),
        time: now,
      });
  }
  if (drafts.length > 0) {
    await stores.outbox.enqueue(drafts, now);
    await stores.expiryReminders.record({
      userRef: user.ref,
      passwordChangedAt: user.passwordChangedAt,
      thresholdDays: reminder.threshold,
      sentAt: now,
    });
    const reason = `days:${String(reminder.threshold)} recipients:${String(drafts.length)}`;
    events.push({ activity: "password.expiry_reminded", result: "success", reason, actor: system, target, time: now });
  }
  await stores.audit.append(events);
  return { queued: drafts.length, suppressed: events.length - (drafts.length > 0 ? 1 : 0) };
}

function draftFor(input: RemindInput, recipient: string): OutboxDraft {
  const { reminder, organisation, now } = input;
  return {
    channel: "email",
    template: "password-expiry-reminder",
    recipient,
    lang: reminder.user.preferredLanguage ?? organisation.defaultLanguage,
    data: {
      orgName: organisation.name,
      userId: reminder.user.userId,
      expiresAt: reminder.expiresAt.toISOString(),
      changeUrl: input.deps.changePasswordUrl,
    },
    notAfter: secondsAfter(now, REMINDER_LIFETIME_SECONDS),
    userRef: reminder.user.ref,
    flowId: null,
  };
}
