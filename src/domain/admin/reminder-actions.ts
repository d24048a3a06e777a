/**
 * "Registration reminder to one user" (SPEC §10, GA, UA, HA): one email asking the user to set up their security
 * info, to every registered and directory address, in the user's language, through the outbox (whose per-recipient
 * caps apply when it sends). Audited with the admin as actor and the number of recipients, never the addresses.
 */
import { secondsAfter } from "../../lib/time.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { noticeRecipients } from "../email-address.js";
import type { OutboxDraft } from "../ports.js";
import { eventsFor, noticeSettings } from "./access-actions.js";
import type { AdminActor } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";

/** A reminder not sent within a day is no longer worth sending. */
const REMINDER_LIFETIME_SECONDS = 24 * 3600;

export async function sendRegistrationReminder(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
): Promise<Outcome<{ user: AdminUserView; recipients: number }, AdminRefusal | "no_address">> {
  const found = await targetFor(deps, actor, "sessions.revoke", userId);
  if (!found.ok) return found;
  const user = found.value;
  const settings = await noticeSettings(deps, actor);
  const now = deps.clock.now();
  const recipients = await deps.unitOfWork.inTransaction(async (stores) => {
    const methods = await stores.methods.listForUser(user.ref);
    const emails = methods.filter((method) => method.method === "email").map((method) => method.value);
    const addresses = noticeRecipients(user, emails);
    if (addresses.length === 0) return 0;
    const lang = user.preferredLanguage ?? settings.caller.lang;
    const { organisation } = settings;
    const data = {
      orgName: organisation.name,
      userId: user.userId,
      signInUrl: organisation.signInUrl,
      helpdesk: organisation.helpdesk ?? "",
    };
    const drafts: OutboxDraft[] = addresses.map((recipient) => ({
      channel: "email",
      template: "registration-reminder",
      recipient,
      lang,
      data,
      notAfter: secondsAfter(now, REMINDER_LIFETIME_SECONDS),
      userRef: user.ref,
      flowId: null,
    }));
    await stores.outbox.enqueue(drafts, now);
    const reminded = {
      activity: "registration.reminded",
      result: "success",
      reason: `recipients:${String(addresses.length)}`,
    } as const;
    await stores.audit.append(eventsFor(actor, user, now, [reminded]));
    return addresses.length;
  });
  if (recipients === 0) return fail("no_address");
  return succeed({ user, recipients });
}
