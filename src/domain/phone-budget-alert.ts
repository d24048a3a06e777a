/**
 * O1's alert (SPEC §8.2): when the organisation's hourly budget of texts and calls drops a message, every Global
 * admin (at most 100 addresses) is emailed, at most once an hour, in their own language or the organisation's.
 * Runs inside the transaction that dropped the message, after the O1 lock (ADR 0013's order: O1, then its alert).
 */
import { secondsAfter, secondsBefore } from "../lib/time.js";
import type { AuditEvent } from "./audit-events.js";
import { normaliseEmailAddress } from "./email-address.js";
import { maskRecipient } from "./messages.js";
import { HOUR_SECONDS } from "./policies/attempt-policy.js";
import type { OutboxDraft, TransactionStores } from "./ports.js";
import type { RoleHolder } from "./role-holders.js";

/** The O1 key the alerts are counted under, apart from the messages (`organisation`). */
export const PHONE_BUDGET_ALERT_KEY = "alert";
/** SPEC §8.2: "Global admins alerted at most hourly". */
const ALERT_WINDOW_SECONDS = HOUR_SECONDS;
/** The most addresses one alert goes to. */
const MAX_ALERT_RECIPIENTS = 100;

/** Every address an alert reaches the admin at: the built-in directory's, then each registered email. */
function addressesOf(admin: RoleHolder): string[] {
  return [...new Set([...(admin.email === null ? [] : [admin.email]), ...admin.verifiedEmails])];
}

/**
 * Queues the alert unless one went out in the last hour; returns its audit events (none when it did not go). Call
 * when O1 has just dropped a text or call, in the same transaction.
 */
export async function alertPhoneBudgetReached(
  stores: TransactionStores,
  input: { readonly now: Date; readonly limitPerHour: number },
): Promise<AuditEvent[]> {
  const { now } = input;
  await stores.throttles.serialise("O1", PHONE_BUDGET_ALERT_KEY);
  const since = secondsBefore(now, ALERT_WINDOW_SECONDS);
  if ((await stores.throttles.count("O1", PHONE_BUDGET_ALERT_KEY, since, 1)) > 0) return [];
  await stores.throttles.hit("O1", PHONE_BUDGET_ALERT_KEY, now);
  const organisation = await stores.directoryAdmin.getOrganisation();
  const admins = await stores.roleHolders.holdersOf({ roles: ["global_admin"], limit: MAX_ALERT_RECIPIENTS });
  const seen = new Set<string>();
  const drafts: OutboxDraft[] = [];
  for (const admin of admins)
    for (const typed of addressesOf(admin)) {
      const recipient = normaliseEmailAddress(typed);
      if (recipient === null || seen.has(recipient) || drafts.length >= MAX_ALERT_RECIPIENTS) continue;
      seen.add(recipient);
      drafts.push({
        channel: "email",
        template: "phone-budget-alert",
        recipient,
        lang: admin.preferredLanguage ?? organisation?.defaultLanguage ?? "en",
        data: {
          orgName: organisation?.name ?? "Sandi",
          limitPerHour: input.limitPerHour,
          droppedAt: now.toISOString(),
        },
        notAfter: secondsAfter(now, ALERT_WINDOW_SECONDS),
        userRef: admin.ref,
        flowId: null,
      });
    }
  if (drafts.length > 0) await stores.outbox.enqueue(drafts, now);
  return drafts.map((draft) => ({
    activity: "message.queued",
    result: "success",
    reason: "alert:O1",
    actor: { type: "system" },
    ...(draft.userRef === null ? {} : { target: { ref: draft.userRef } }),
    maskedTarget: maskRecipient("email", draft.recipient),
    time: now,
  }));
}
