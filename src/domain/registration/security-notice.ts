/**
 * The security-info notice (SPEC §5.1): every add, change or removal is told to every registered and directory
 * address, the old address included, in the session's language. Drafted inside the change's transaction.
 */
import { secondsAfter } from "../../lib/time.js";
import { noticeRecipients } from "../email-address.js";
import type { MethodId } from "../methods.js";
import type { OutboxDraft, VerifiedMethod } from "../ports.js";
import type { Language, UserAccount } from "../users.js";

const NOTICE_LIFETIME_SECONDS = 24 * 3600;

export type SecurityInfoChange = "added" | "changed" | "removed";

export interface SecurityNoticeInput {
  readonly user: Pick<UserAccount, "ref" | "userId" | "email">;
  /** The user's methods before the change: an address removed or replaced still hears of it. */
  readonly before: readonly VerifiedMethod[];
  /** And after it: a new address hears of its own addition. */
  readonly after: readonly VerifiedMethod[];
  readonly change: SecurityInfoChange;
  readonly method: MethodId;
  readonly masked: string;
  readonly caller: { readonly ip: string; readonly client: string; readonly lang: Language };
  readonly organisation: { readonly name: string; readonly signInUrl: string; readonly helpdesk: string };
  readonly now: Date;
}

/** One draft per recipient; none when the policy turns the notice off (the caller decides). */
export function draftSecurityNotices(input: SecurityNoticeInput): OutboxDraft[] {
  const emails = [...input.before, ...input.after].filter((m) => m.method === "email").map((m) => m.value);
  return noticeRecipients(input.user, emails).map((recipient) => ({
    channel: "email",
    template: "security-info-changed",
    recipient,
    lang: input.caller.lang,
    data: {
      orgName: input.organisation.name,
      change: input.change,
      method: input.method,
      masked: input.masked,
      changedAt: input.now.toISOString(),
      client: input.caller.client,
      ip: input.caller.ip,
      userId: input.user.userId,
      signInUrl: input.organisation.signInUrl,
      helpdesk: input.organisation.helpdesk,
    },
    notAfter: secondsAfter(input.now, NOTICE_LIFETIME_SECONDS),
    userRef: input.user.ref,
    flowId: null,
  }));
}
